package dev.tessera.catalog.webhook.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures: {@code X-Tessera-Signature: sha256=<hex>} where hex is HMAC-SHA256 of the exact request
 * body bytes with the subscription's secret. Receivers recompute it and compare in constant time.
 */
public final class Signatures {

    /** The signature header. */
    public static final String HEADER = "X-Tessera-Signature";

    private Signatures() {}

    /** The header value for a body. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
