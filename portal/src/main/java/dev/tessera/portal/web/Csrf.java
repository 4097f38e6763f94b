package dev.tessera.portal.web;

import dev.tessera.portal.config.PortalConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery protection by double submit: a random token lives in an HttpOnly,
 * SameSite=Strict cookie and is written into every form the portal renders (and is accepted from the
 * {@value #HEADER} header, for htmx requests); a state-changing request is served only when the two
 * match. Another site can make a browser send the cookie but can neither read it nor guess it.
 *
 * <p>Pages call {@link #token()} while rendering (which issues the cookie when the browser has none);
 * state-changing resources call {@link #verify(String)} before doing anything.
 */
@RequestScoped
public class Csrf {

    /** The cookie carrying the token. */
    public static final String COOKIE = "tessera-csrf";
    /** The form field carrying the token. */
    public static final String FIELD = "csrf";
    /** The header carrying the token, for requests htmx makes. */
    public static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext exchange;

    @Inject
    PortalConfig config;

    private String token;

    /** This browser's token, issued (and its cookie set) on first use. */
    public String token() {
        if (token == null) {
            Cookie existing = exchange.request().getCookie(COOKIE);
            if (existing != null && wellFormed(existing.getValue())) {
                token = existing.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                exchange.response()
                        .addCookie(Cookie.cookie(COOKIE, token)
                                .setPath("/")
                                .setHttpOnly(true)
                                .setSecure(config.secureCookies())
                                .setSameSite(CookieSameSite.STRICT));
            }
        }
        return token;
    }

    /**
     * Refuses the request ({@link CsrfRefusedException}, a 403 page) unless {@code submitted} (the form
     * field) or the {@value #HEADER} header equals the cookie's token.
     */
    public void verify(String submitted) {
        Cookie cookie = exchange.request().getCookie(COOKIE);
        String given = submitted != null && !submitted.isBlank()
                ? submitted
                : exchange.request().getHeader(HEADER);
        if (cookie == null || given == null || !wellFormed(cookie.getValue()) || !equal(cookie.getValue(), given)) {
            throw new CsrfRefusedException();
        }
    }

    private static boolean wellFormed(String value) {
        return value != null
                && value.length() == 43
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A state-changing request without the matching token. */
    public static final class CsrfRefusedException extends RuntimeException {
        CsrfRefusedException() {
            super("The form's security token is missing or stale", null, false, false);
        }
    }
}
