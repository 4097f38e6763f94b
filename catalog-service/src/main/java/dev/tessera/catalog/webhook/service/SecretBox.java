package dev.tessera.catalog.webhook.service;

import dev.tessera.catalog.config.CatalogConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest. Signing a delivery needs the secret itself, so it cannot be stored as a
 * hash; it is sealed with AES-256-GCM under the operator's key ({@code
 * tessera.catalog.webhooks.secret-key}) and opened only to sign. A sealed value reads {@code
 * gcm1:<base64(nonce | ciphertext | tag)>}, and the subscription id is bound in as associated data,
 * so a sealed secret copied onto another subscription does not open. A database dump alone therefore
 * yields no usable secret.
 */
@Startup
@ApplicationScoped
public class SecretBox {

    /** Marks a sealed value; rows written before sealing existed hold the bare secret. */
    public static final String PREFIX = "gcm1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @jakarta.inject.Inject
    SecretBox(CatalogConfig config) {
        this(config.webhooks().secretKey());
    }

    SecretBox(String configuredKey) {
        this.key = parse(configuredKey);
    }

    /** The key from its configured form: 32 bytes, base64-encoded; anything else stops the start. */
    static SecretKey parse(String configured) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("tessera.catalog.webhooks.secret-key (TESSERA_CATALOG_WEBHOOK_KEY) must be"
                    + " 32 random bytes, base64-encoded, e.g. the output of `openssl rand -base64 32`");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Seals a subscription's secret for storage. */
    public String seal(UUID subscription, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, subscription, nonce);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    /**
     * The secret of a stored value: opened when sealed, as stored when written before sealing existed.
     *
     * @throws IllegalStateException when the value was sealed under another key or for another subscription
     */
    public String open(UUID subscription, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, subscription, nonce);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the secret of subscription " + subscription
                            + " does not open with the configured key (was the key changed?)",
                    e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    private Cipher cipher(int mode, UUID subscription, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subscription.toString().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
