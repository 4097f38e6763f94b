package dev.tessera.gateway.proxy;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway, in either direction. Names are compared ignoring case without
 * copying them: this runs for every header of every proxied exchange.
 */
final class ForwardedHeaders {

    /** RFC 9110 hop-by-hop headers, plus Host, which the client sets for the backend. */
    private static final Set<String> HOP_BY_HOP = caseInsensitive(
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
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!HOP_BY_HOP.contains(name)
                    && !named.contains(name)
                    && !isIdentity(name)
                    && !name.equalsIgnoreCase("x-request-id")
                    && !startsWithIgnoreCase(name, "x-forwarded-")) {
                to.add(name, header.getValue());
            }
        }
    }

    /** Copies end-to-end response headers, without overwriting what the gateway set itself. */
    static void copyResponse(MultiMap from, MultiMap to) {
        Set<String> named = connectionNamed(from);
        // Decided before anything is copied, so a header the backend repeats is copied whole.
        List<String> ours = null;
        for (Map.Entry<String, String> header : from) {
            if (to.contains(header.getKey())) {
                if (ours == null) {
                    ours = new ArrayList<>(4);
                }
                ours.add(header.getKey());
            }
        }
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!HOP_BY_HOP.contains(name) && !named.contains(name) && !containsIgnoreCase(ours, name)) {
                to.add(name, header.getValue());
            }
        }
    }

    static boolean isIdentity(String name) {
        for (String prefix : IDENTITY_PREFIXES) {
            if (startsWithIgnoreCase(name, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithIgnoreCase(String name, String lowerPrefix) {
        return name.regionMatches(true, 0, lowerPrefix, 0, lowerPrefix.length());
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        if (names == null) {
            return false;
        }
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The header names a {@code Connection} header lists (hop-by-hop by declaration), ignoring case. */
    private static Set<String> connectionNamed(MultiMap headers) {
        if (!headers.contains("Connection")) {
            return Collections.emptySet();
        }
        Set<String> named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, names);
        return Collections.unmodifiableSet(set);
    }
}
