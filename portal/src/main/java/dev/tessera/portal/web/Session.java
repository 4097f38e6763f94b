package dev.tessera.portal.web;

import dev.tessera.portal.config.PortalConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user as every page's layout shows them ({@code {inject:session.name}} in templates):
 * their name, whether they hold a Tessera role, and the CSRF token the layout's logout form carries.
 */
@Named("session")
@RequestScoped
public class Session {

    @Inject
    SecurityIdentity identity;

    @Inject
    PortalConfig config;

    @Inject
    Csrf csrf;

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

    /** The user's subject ({@code sub}), as the platform's services record who asked. */
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

    public String csrf() {
        return csrf.token();
    }
}
