package dev.tessera.platform.security;

import dev.tessera.platform.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the bearer token says, and what they may write. Every write path asks this
 * bean; nothing trusts caller-supplied identity headers.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    /** The subject's display name for audit entries (preferred_username, else sub). */
    public String name() {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        String preferred = jwt == null ? null : jwt.getClaim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    /** The OAuth client the token was issued to (azp), for telling pipelines from people. */
    public Optional<String> clientId() {
        return jwt == null ? Optional.empty() : Optional.ofNullable(jwt.getClaim("azp"));
    }

    public boolean hasRole(String role) {
        return identity != null && identity.hasRole(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.PLATFORM_ADMIN);
    }

    /** Domains listed in the token's {@code domains} claim (from Keycloak group membership). */
    public Set<String> ownedDomains() {
        if (jwt == null) {
            return Set.of();
        }
        Object claim = jwt.getClaim("domains");
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Caller::unquote).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream().map(v -> unquote(v)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    /** True if the caller may change objects in the domain: admins everywhere, owners in their domains. */
    public boolean canWriteDomain(String domainId) {
        return isAdmin() || (hasRole(Roles.DOMAIN_OWNER) && ownedDomains().contains(domainId));
    }

    /** Refuses with 403 unless {@link #canWriteDomain} holds. */
    public void requireDomainWrite(String domainId) {
        if (!canWriteDomain(domainId)) {
            throw ApiException.forbidden("Only platform admins and owners of domain '" + domainId
                    + "' may change it or its products; your token's domains are " + List.copyOf(ownedDomains())
                    + ".");
        }
    }

    /** Decides publish approvals by hand until governance decides them: governance officers and admins. */
    public void requireApprover() {
        if (!(isAdmin() || hasRole(Roles.GOVERNANCE_OFFICER))) {
            throw ApiException.forbidden("Only governance officers and platform admins decide publish requests.");
        }
    }

    /** Audit trails name people: admins, governance officers and the domain's owners may read them. */
    public void requireAuditReader(String domainId) {
        if (!(isAdmin() || hasRole(Roles.GOVERNANCE_OFFICER) || canWriteDomain(domainId))) {
            throw ApiException.forbidden("Only platform admins, governance officers and owners of domain '" + domainId
                    + "' may read its audit trail.");
        }
    }

    /** Refuses with 403 unless the caller is a platform admin. */
    public void requireAdmin(String what) {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only platform admins may " + what + ".");
        }
    }

    private static String unquote(Object value) {
        String s = String.valueOf(value);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
