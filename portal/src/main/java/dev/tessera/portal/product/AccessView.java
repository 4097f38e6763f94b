package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed-in user's access requests for one product, newest first, as governance reports them
 * ({@code GET /api/governance/v1/access-requests}: the requests the caller made or may decide).
 *
 * @param requests this user's requests for the product
 * @param justSent the request the user has just sent from this page, or null
 */
public record AccessView(List<Request> requests, Request justSent) {

    /** One request and where it stands. */
    public record Request(String id, String port, String status, String purpose, String until, String updatedAt) {}

    static AccessView of(JsonNode page, String productId, String subject, String justSentId) {
        List<Request> mine = new ArrayList<>();
        Request sent = null;
        for (JsonNode item : page.path("items")) {
            JsonNode r = item.path("request");
            if (!productId.equals(r.path("productId").asText())) {
                continue;
            }
            Request request = request(r);
            if (request.id().equals(justSentId)) {
                sent = request;
            }
            if (subject.equals(r.path("consumer").path("subject").asText())) {
                mine.add(request);
            }
        }
        mine.sort((a, b) -> String.valueOf(b.updatedAt()).compareTo(String.valueOf(a.updatedAt())));
        return new AccessView(mine, sent);
    }

    static Request request(JsonNode r) {
        return new Request(
                text(r, "requestId"),
                text(r, "portName"),
                text(r, "status"),
                text(r, "purpose"),
                text(r, "requestedUntil"),
                text(r, "updatedAt"));
    }
}
