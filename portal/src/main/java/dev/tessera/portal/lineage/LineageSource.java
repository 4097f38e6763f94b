package dev.tessera.portal.lineage;

import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.panel.Panel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the lineage service for the neighbourhood of a product, with the user's token: the export of
 * a traversal both ways, {@link LineageGraph#STEPS_PER_HOP} steps per hop shown. A cut answer is a
 * graph marked partial, never an error; a lineage service that does not answer is the panel's
 * message.
 */
@ApplicationScoped
public class LineageSource {

    @Inject
    GatewayClient gateway;

    /** Starts the call for {@code depth} hops around the product, stopping at {@code maxNodes} nodes. */
    public CompletableFuture<ApiResponse> neighbourhood(String productId, int depth, int maxNodes) {
        return gateway.get(
                "/api/lineage/v1/export",
                Map.of(
                        "node", List.of(rootKey(productId)),
                        "direction", List.of("both"),
                        "depth", List.of(String.valueOf(depth * LineageGraph.STEPS_PER_HOP)),
                        "maxNodes", List.of(String.valueOf(maxNodes)),
                        "format", List.of("json")));
    }

    /**
     * The panel of a call {@link #neighbourhood} started. A product lineage has never heard of (404:
     * nothing published or reported yet) is a graph of the product alone.
     */
    public Panel<LineageView> panel(
            String productId,
            int depth,
            boolean all,
            int perColumn,
            CompletableFuture<ApiResponse> call,
            long timeout) {
        Panel<LineageView> panel = Panel.of(
                "Lineage",
                call,
                timeout,
                body -> LineageView.of(productId, LineageGraph.of(body, rootKey(productId), depth), all, perColumn));
        if (panel.state() == Panel.State.NOT_FOUND) {
            return Panel.ready(
                    LineageView.of(productId, LineageGraph.lonely(rootKey(productId), depth), all, perColumn));
        }
        return panel;
    }

    static String rootKey(String productId) {
        return "PRODUCT:" + productId;
    }
}
