package dev.tessera.gateway.proxy;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Which headers cross the gateway, in either direction. */
final class ForwardedHeaders {

    /** RFC 9110 hop-by-hop headers, plus Host, which the client sets for the backend. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length");

    /**
     * Identity a caller might try to assert by header instead of by token. Services ignore them
     * anyway; dropping them here means no backend, present or future, can be fooled by one.
     */
    private static final String[] IDENTITY_PREFIXES = {
        "x-forwarded-user",
        "x-forwarded-email",
        "x-forwarded-groups",
        "x-forwarded-preferred-username",
        "x-forwarded-access-token",
        "x-auth",
        "x-user",
        "x-remote-user",
        "remote-user",
        "x-roles",
        "x-client-id",
        "x-tessera-"
    };

    private ForwardedHeaders() {}

    /** Copies end-to-end request headers, leaving out hop-by-hop and identity headers. */
    static void copyRequest(MultiMap from, MultiMap to) {
        Set<String> named = connectionNamed(from);
        from.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower)
                    && !named.contains(lower)
                    && !isIdentity(lower)
                    && !lower.equals("x-request-id")
                    && !lower.startsWith("x-forwarded-")) {
                to.add(name, value);
            }
        });
    }

    /** Copies end-to-end response headers, without overwriting what the gateway set itself. */
    static void copyResponse(MultiMap from, MultiMap to) {
        Set<String> named = connectionNamed(from);
        Set<String> ours = new HashSet<>();
        to.names().forEach(n -> ours.add(n.toLowerCase(Locale.ROOT)));
        from.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !named.contains(lower) && !ours.contains(lower)) {
                to.add(name, value);
            }
        });
    }

    static boolean isIdentity(String lowerName) {
        for (String prefix : IDENTITY_PREFIXES) {
            if (lowerName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> connectionNamed(MultiMap headers) {
        Set<String> named = new HashSet<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }
}
