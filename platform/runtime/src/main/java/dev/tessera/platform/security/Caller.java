package dev.tessera.platform.security;

import dev.tessera.platform.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

    @Inject
    Instance<DomainOwnerGroups> ownerGroups;

    private Set<String> owned;

    /** The subject's display name for audit entries (preferred_username, else sub). */
    public String name() {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        String preferred = jwt == null ? null : jwt.getClaim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    /**
     * The token's subject ({@code sub}): the stable id of the person or service account calling,
     * unlike {@link #name()}, which people can change. Empty for anonymous calls.
     */
    public Optional<String> subject() {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        String sub = jwt == null ? null : jwt.getSubject();
        return Optional.ofNullable(sub != null ? sub : identity.getPrincipal().getName());
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

    /**
     * The full paths of the Keycloak groups the token's {@code domains} claim lists (for example
     * {@code /domains/finance}); the realm's group-membership mapper writes full paths, so a group
     * named like a domain elsewhere in the tree ({@code /other/finance}) is never mistaken for it.
     */
    public Set<String> groups() {
        if (jwt == null) {
            return Set.of();
        }
        Object claim = jwt.getClaim("domains");
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Caller::unquote).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream().map(v -> unquote(v)).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    /**
     * The domains the caller's groups own: those whose owner group (as the service knows it through
     * {@link DomainOwnerGroups}, else {@code /domains/<id>}) is exactly one of {@link #groups()}.
     * Says nothing about roles: owning needs the {@code domain-owner} role as well.
     */
    public Set<String> ownedDomains() {
        if (owned == null) {
            Set<String> groups = groups();
            Set<String> domains = new HashSet<>();
            DomainOwnerGroups directory = directory();
            if (directory != null && !groups.isEmpty()) {
                domains.addAll(directory.domainsOwnedBy(groups));
            }
            for (String group : groups) {
                if (group.startsWith(DomainOwnerGroups.DEFAULT_PARENT)) {
                    String id = group.substring(DomainOwnerGroups.DEFAULT_PARENT.length());
                    if (!id.isEmpty()
                            && !id.contains("/")
                            && recordedOwnerGroup(directory, id).isEmpty()) {
                        domains.add(id);
                    }
                }
            }
            owned = Set.copyOf(domains);
        }
        return owned;
    }

    /** True if one of the caller's groups is the domain's owner group (roles aside). */
    public boolean inOwnerGroupOf(String domainId) {
        return domainId != null
                && DomainOwnerGroups.grants(
                        groups(),
                        domainId,
                        recordedOwnerGroup(directory(), domainId).orElse(null));
    }

    /** True if the caller is a domain owner in the domain's owner group. */
    public boolean ownsDomain(String domainId) {
        return hasRole(Roles.DOMAIN_OWNER) && inOwnerGroupOf(domainId);
    }

    /** The domain's owner group: the one recorded for it, else {@code /domains/<id>}. */
    public String ownerGroupOf(String domainId) {
        return recordedOwnerGroup(directory(), domainId).orElseGet(() -> DomainOwnerGroups.defaultOwnerGroup(domainId));
    }

    /** True if the caller may change objects in the domain: admins everywhere, owners in their domains. */
    public boolean canWriteDomain(String domainId) {
        return isAdmin() || ownsDomain(domainId);
    }

    /** Refuses with 403 unless {@link #canWriteDomain} holds. */
    public void requireDomainWrite(String domainId) {
        if (!canWriteDomain(domainId)) {
            throw ApiException.forbidden("Only platform admins and owners of domain '" + domainId
                    + "' (members of the group " + ownerGroupOf(domainId)
                    + " with the role domain-owner) may change it or its products; your token's groups are "
                    + List.copyOf(groups()) + ".");
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

    private DomainOwnerGroups directory() {
        return ownerGroups != null && ownerGroups.isResolvable() ? ownerGroups.get() : null;
    }

    private static Optional<String> recordedOwnerGroup(DomainOwnerGroups directory, String domainId) {
        return directory == null
                ? Optional.empty()
                : directory.ownerGroupOf(domainId).filter(g -> !g.isBlank());
    }

    private static String unquote(Object value) {
        String s = String.valueOf(value);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
