package dev.tessera.gateway.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the merged audit stands in each service's trail: the service cursor to continue from
 * (absent: from the newest entry) and the services that have nothing older. Sent to the caller as
 * one opaque Base64url token, so paging through the merged trail never skips or repeats an entry of
 * any service, whatever the clocks of the services say.
 *
 * @param positions service name to that service's own cursor
 * @param done services whose trail has been read to the end
 */
record AuditCursor(Map<String, String> positions, Set<String> done) {

    static final AuditCursor START = new AuditCursor(Map.of(), Set.of());

    AuditCursor {
        positions = Map.copyOf(positions);
        done = Set.copyOf(done);
    }

    /** The token, or empty when it is malformed (not one the gateway made). */
    static Optional<AuditCursor> decode(String token) {
        if (token == null || token.isBlank()) {
            return Optional.of(START);
        }
        try {
            JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            Map<String, String> positions = new LinkedHashMap<>();
            JsonObject at = json.getJsonObject("at", new JsonObject());
            for (String service : at.fieldNames()) {
                positions.put(service, at.getString(service));
            }
            Set<String> done = new LinkedHashSet<>();
            json.getJsonArray("done", new JsonArray()).forEach(s -> done.add((String) s));
            return Optional.of(new AuditCursor(positions, done));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    String encode() {
        JsonObject at = new JsonObject();
        positions.forEach(at::put);
        JsonObject json = new JsonObject()
                .put("at", at)
                .put("done", new JsonArray(done.stream().sorted().toList()));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A service's keyset cursor positioned after the entry with this id: the encoding of
     * platform/runtime's {@code Cursors}, which every service's audit endpoint reads.
     */
    static String serviceCursorAfter(long entryId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Long.toString(entryId).getBytes(StandardCharsets.UTF_8));
    }
}
