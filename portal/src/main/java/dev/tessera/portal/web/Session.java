package dev.tessera.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.portal.config.PortalConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user as every page's layout shows them ({@code {inject:session.name}} in templates):
 * their name, their roles and domain groups (which decide what the navigation offers; the services
 * decide what the user may actually read and do), the page they are on, and the CSRF token the
 * layout's logout form carries.
 */
@Named("session")
@RequestScoped
public class Session {

    static final String PLATFORM_ADMIN = "platform-admin";
    static final String GOVERNANCE_OFFICER = "governance-officer";
    static final String DOMAIN_OWNER = "domain-owner";

    @Inject
    SecurityIdentity identity;

    @Inject
    PortalConfig config;

    @Inject
    Csrf csrf;

    @Inject
    RoutingContext exchange;

    @Inject
    ObjectMapper json;

    private Set<String> groups;

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** The name to greet the user by: preferred_username from the ID token, else the principal's name. */
    public String name() {
        if (identity.isAnonymous()) {
            return "";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String preferred = jwt.getClaim("preferred_username");
            if (preferred != null) {
                return preferred;
            }
        }
        return identity.getPrincipal().getName();
    }

    /**
     * The user's subject ({@code sub}): a stable id. The platform's services record who asked or decided
     * by {@link #name()} (preferred_username), so lists of "mine" compare that, not this.
     */
    public String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** True when the user holds at least one of the roles that make them a Tessera user. */
    public boolean tesseraUser() {
        return config.roles().stream().anyMatch(identity::hasRole);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Reads the estate's compliance as a whole: governance officers and platform admins. */
    public boolean officer() {
        return hasRole(GOVERNANCE_OFFICER) || admin();
    }

    public boolean admin() {
        return hasRole(PLATFORM_ADMIN);
    }

    public boolean domainOwner() {
        return hasRole(DOMAIN_OWNER);
    }

    /**
     * The full paths of the user's groups as the access token's {@code domains} claim lists them
     * ({@code /domains/retail}); a domain is the user's when its owner group is one of them. Read from
     * the token quarkus-oidc verified for this request; empty when it carries none.
     */
    public Set<String> groups() {
        if (groups == null) {
            groups = Set.copyOf(readGroups());
        }
        return groups;
    }

    /** True when the page being served is {@code path} or below it ({@code aria-current} in the navigation). */
    public boolean at(String path) {
        String current = exchange.request().path();
        return path.equals("/") ? current.equals("/") : current.equals(path) || current.startsWith(path + "/");
    }

    public String csrf() {
        return csrf.token();
    }

    private Set<String> readGroups() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        String[] parts = token == null ? new String[0] : token.getToken().split("\\.");
        if (parts.length < 2) {
            return Set.of();
        }
        try {
            JsonNode claims =
                    json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Set<String> out = new LinkedHashSet<>();
            claims.path("domains").forEach(g -> out.add(g.asText()));
            return out;
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
    }
}
