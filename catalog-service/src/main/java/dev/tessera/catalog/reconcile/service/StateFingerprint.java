package dev.tessera.catalog.reconcile.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A 64-bit fingerprint of a JSON tree, so reconciliation can compare a product's state in the topic with
 * the one in the index without holding either tree. Equal trees (in the sense of {@link JsonNode#equals},
 * where the order of an object's fields does not matter) get equal fingerprints; any change of a value,
 * a field name, an array's order or a value's kind gives another one except with a chance of 2^-64.
 */
final class StateFingerprint {

    private static final long OBJECT = 0x6a09e667f3bcc908L;
    private static final long ARRAY = 0xbb67ae8584caa73bL;
    private static final long STRING = 0x3c6ef372fe94f82bL;
    private static final long NUMBER = 0xa54ff53a5f1d36f1L;
    private static final long TRUE = 0x510e527fade682d1L;
    private static final long FALSE = 0x9b05688c2b3e6c1fL;
    private static final long NULL = 0x1f83d9abfb41bd6bL;
    private static final long OTHER = 0x5be0cd19137e2179L;

    private StateFingerprint() {}

    /** The fingerprint of {@code node}; a missing node counts as JSON null. */
    static long of(JsonNode node) {
        if (node == null) {
            return mix(NULL);
        }
        return switch (node.getNodeType()) {
            case OBJECT -> {
                // Fields are summed, so their order does not matter; each is mixed first, so they do not cancel.
                long sum = 0;
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    sum += mix(text(field.getKey()) * 31 + of(field.getValue()));
                }
                yield mix(OBJECT ^ sum ^ node.size());
            }
            case ARRAY -> {
                long h = ARRAY;
                for (JsonNode element : node) {
                    h = mix(h * 0x100000001b3L + of(element));
                }
                yield mix(h ^ node.size());
            }
            case STRING -> mix(STRING ^ text(node.textValue()));
            case NUMBER -> mix(NUMBER ^ text(node.asText()) ^ node.numberType().ordinal());
            case BOOLEAN -> mix(node.booleanValue() ? TRUE : FALSE);
            case NULL, MISSING -> mix(NULL);
            default -> mix(OTHER ^ text(node.toString()));
        };
    }

    /** FNV-1a over the UTF-16 units, then mixed. */
    private static long text(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The finaliser of MurmurHash3's 64-bit variant: every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
