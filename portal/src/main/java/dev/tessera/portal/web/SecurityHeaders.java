package dev.tessera.portal.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Headers on every answer the portal gives, pages, assets and login redirects alike. The
 * Content-Security-Policy allows scripts and styles only as files from the portal's own origin (no
 * {@code unsafe-inline}, no {@code unsafe-eval}: templates carry no inline script, style or event
 * handler), and forms may post only to the portal and to the identity provider (a POST whose session
 * has ended is redirected to the login page, and logout redirects to the provider).
 */
@Singleton
public class SecurityHeaders {

    /** Before authentication (priority 200), so redirects to the login page carry the headers too. */
    static final int PRIORITY = 400;

    private final String policy;

    SecurityHeaders(
            @ConfigProperty(name = "tessera.portal.login-origin") Optional<String> loginOrigin,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> identityProvider) {
        this.policy = policy(loginOrigin
                .or(() -> identityProvider)
                .map(SecurityHeaders::origin)
                .orElse(""));
    }

    static String policy(String identityProviderOrigin) {
        String formAction = identityProviderOrigin.isBlank() ? "'self'" : "'self' " + identityProviderOrigin;
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                + " font-src 'self'; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static String origin(String url) {
        if (url.isBlank()) {
            return "";
        }
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (!ctx.request().path().startsWith("/static/")
                && !ctx.request().path().startsWith("/webjars/")) {
            // Pages depend on who is signed in: never kept by a shared cache.
            headers.set("Cache-Control", "no-store");
        }
        ctx.next();
    }
}
