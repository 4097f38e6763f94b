package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What of a descriptor counts when versions are compared: everything but {@code status}, which the owner may write
 * but the lifecycle decides. Diffs, breaking-change findings and the stored hash all see descriptors through this
 * class, so a descriptor that differs only in {@code status} or in key order is the same content everywhere.
 */
@ApplicationScoped
public class DescriptorContent {

    @Inject
    ObjectMapper json;

    /**
     * SHA-256 of the descriptor's content with object keys sorted, in hex. Stored with every version: the same
     * descriptor applied again hashes the same and is UNCHANGED, so the canonical form must never change.
     */
    public String hash(JsonNode descriptor) {
        try {
            byte[] canonical = json.writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(json.treeToValue(withoutStatus(descriptor), Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the descriptor without {@code status}; anything but an object is returned as it is. */
    public static JsonNode withoutStatus(JsonNode descriptor) {
        if (!descriptor.isObject()) {
            return descriptor;
        }
        ObjectNode copy = ((ObjectNode) descriptor).deepCopy();
        copy.remove("status");
        return copy;
    }
}
