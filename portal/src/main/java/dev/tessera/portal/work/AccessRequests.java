package dev.tessera.portal.work;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Access requests as My work shows them, from governance's list ({@code GET
 * /api/governance/v1/access-requests}: the requests the caller made or may decide, all of them for
 * officers and admins): the user's own, and those waiting for the user's decision.
 *
 * @param mine the requests the user made, most recently changed first
 * @param waiting requests still REQUESTED that the user may decide and did not make, oldest first (first come, first
 *     served)
 */
public record AccessRequests(List<Request> mine, List<Request> waiting) {

    /**
     * One request.
     *
     * @param consumer who asked (their username, as governance records it)
     * @param consumingProduct the product the data will feed, when the request names one
     * @param approvers the people the port's contract names as approvers, besides the domain's owners
     * @param lastReason the reason given at the latest step (a rejection's, a revocation's), or null
     */
    public record Request(
            String id,
            String productId,
            String port,
            String domain,
            String consumer,
            String consumingProduct,
            String purpose,
            String status,
            String until,
            String requestedAt,
            String updatedAt,
            String lastActor,
            String lastReason,
            List<String> approvers) {

        static Request of(JsonNode item) {
            JsonNode r = item.path("request");
            List<String> approvers = new ArrayList<>();
            item.path("namedApprovers").forEach(a -> approvers.add(a.asText()));
            JsonNode history = r.path("history");
            JsonNode first = history.path(0);
            JsonNode last = history.path(history.size() - 1);
            return new Request(
                    r.path("requestId").asText(),
                    r.path("productId").asText(),
                    r.path("portName").asText(),
                    text(r, "productDomainId"),
                    text(r.path("consumer"), "subject"),
                    text(r.path("consumer"), "productId"),
                    text(r, "purpose"),
                    r.path("status").asText(),
                    day(text(r, "requestedUntil")),
                    minute(text(first, "at")),
                    minute(text(r, "updatedAt")),
                    text(last, "actor"),
                    text(last, "reason"),
                    approvers);
        }

        public boolean requested() {
            return "REQUESTED".equals(status);
        }
    }

    /**
     * Splits governance's page into the user's requests and those waiting for them.
     *
     * @param me the user's name as governance records people ({@code preferred_username})
     * @param mayDecide whether the user may decide a request (its domain's owner, a named approver, an admin)
     */
    static AccessRequests of(JsonNode page, String me, Predicate<Request> mayDecide) {
        List<Request> mine = new ArrayList<>();
        List<Request> waiting = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            Request request = Request.of(item);
            if (me.equals(request.consumer())) {
                mine.add(request);
            } else if (request.requested() && mayDecide.test(request)) {
                waiting.add(request);
            }
        }
        mine.sort(Comparator.comparing((Request r) -> String.valueOf(r.updatedAt()))
                .reversed());
        waiting.sort(Comparator.comparing((Request r) -> String.valueOf(r.requestedAt())));
        return new AccessRequests(mine, waiting);
    }

    /** {@code 2027-01-01T00:00:00Z} as {@code 2027-01-01}. */
    static String day(String instant) {
        return instant == null || instant.length() < 10 ? instant : instant.substring(0, 10);
    }

    /** {@code 2026-12-07T10:32:14.123Z} as {@code 2026-12-07 10:32 UTC}. */
    static String minute(String instant) {
        return instant == null || instant.length() < 16
                ? instant
                : instant.substring(0, 10) + " " + instant.substring(11, 16) + " UTC";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
