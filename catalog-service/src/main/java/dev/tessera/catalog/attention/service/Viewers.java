package dev.tessera.catalog.attention.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who counts as a viewer of a product page. People do; pipelines and services calling with a
 * client-credentials token do not, or a job reading a page on a schedule would make a product look
 * popular. Keycloak marks such a token by the client it was issued to ({@code client_id}, or
 * {@code clientId} before Keycloak 25) and names its user {@code service-account-<client>}.
 *
 * <p>A viewer is kept as a SHA-256 digest of the token's subject: distinct viewers can be counted without
 * the catalog keeping a record of who looked at what.
 */
public final class Viewers {

    /** The user name Keycloak gives every service account, followed by its client's id. */
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    private Viewers() {}

    /** The viewer a token stands for; empty for no token and for a service account's token. */
    public static Optional<String> of(JsonWebToken token) {
        if (token == null || token.getSubject() == null || isServiceAccount(token)) {
            return Optional.empty();
        }
        return Optional.of(digest(token.getSubject()));
    }

    /** True for a token issued to a client for itself (the client-credentials grant). */
    static boolean isServiceAccount(JsonWebToken token) {
        String user = token.getClaim("preferred_username");
        return token.containsClaim("client_id")
                || token.containsClaim("clientId")
                || (user != null && user.startsWith(SERVICE_ACCOUNT_PREFIX));
    }

    private static String digest(String subject) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
