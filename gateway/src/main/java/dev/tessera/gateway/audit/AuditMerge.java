package dev.tessera.gateway.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges pages of several services' audit trails into one page, newest first. Each service's
 * entries are taken in the order the service gave them (a k-way merge on their heads), so what is
 * taken from a service is always a prefix of its page and its position afterwards is exact.
 */
final class AuditMerge {

    private AuditMerge() {}

    /** One service's page: its entries (newest first) and its own cursor for more, null at the end. */
    record ServicePage(String service, List<JsonObject> items, String next) {}

    /** The merged page and where every service stands after it. */
    record Merged(List<JsonObject> items, AuditCursor cursor, boolean more) {}

    /**
     * Takes up to {@code limit} entries from the pages; services without a page (they could not
     * answer) keep their position in the cursor.
     */
    static Merged merge(List<ServicePage> pages, AuditCursor from, int limit) {
        int[] taken = new int[pages.size()];
        List<JsonObject> items = new ArrayList<>();
        while (items.size() < limit) {
            int newest = -1;
            Instant newestAt = null;
            for (int i = 0; i < pages.size(); i++) {
                List<JsonObject> page = pages.get(i).items();
                if (taken[i] < page.size()) {
                    Instant at = occurredAt(page.get(taken[i]));
                    if (newest < 0 || at.isAfter(newestAt)) {
                        newest = i;
                        newestAt = at;
                    }
                }
            }
            if (newest < 0) {
                break;
            }
            ServicePage page = pages.get(newest);
            items.add(page.items().get(taken[newest]).copy().put("service", page.service()));
            taken[newest]++;
        }
        Map<String, String> positions = new LinkedHashMap<>(from.positions());
        Set<String> done = new LinkedHashSet<>(from.done());
        boolean more = false;
        for (int i = 0; i < pages.size(); i++) {
            ServicePage page = pages.get(i);
            if (taken[i] == page.items().size()) {
                if (page.next() == null) {
                    positions.remove(page.service());
                    done.add(page.service());
                } else {
                    positions.put(page.service(), page.next());
                    more = true;
                }
            } else {
                more = true;
                if (taken[i] > 0) {
                    long lastId = page.items().get(taken[i] - 1).getLong("id");
                    positions.put(page.service(), AuditCursor.serviceCursorAfter(lastId));
                }
            }
        }
        return new Merged(items, new AuditCursor(positions, done), more);
    }

    /** Reads a page a service sent; throws IllegalArgumentException when it is not one. */
    static ServicePage page(String service, JsonObject body) {
        List<JsonObject> entries = new ArrayList<>();
        try {
            JsonArray items = body.getJsonArray("items", new JsonArray());
            for (int i = 0; i < items.size(); i++) {
                JsonObject entry = items.getJsonObject(i);
                if (entry == null || entry.getLong("id") == null) {
                    throw new IllegalArgumentException("an audit entry without an id");
                }
                entries.add(entry);
            }
            body.getString("next");
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("not an audit page", e);
        }
        return new ServicePage(service, entries, body.getString("next"));
    }

    private static Instant occurredAt(JsonObject entry) {
        try {
            return Instant.parse(entry.getString("occurredAt", ""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
