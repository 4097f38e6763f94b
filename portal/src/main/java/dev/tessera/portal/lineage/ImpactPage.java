package dev.tessera.portal.lineage;

import static dev.tessera.portal.api.GatewayClient.segment;

import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.product.ProductPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Who breaks if a product's port changes ({@code /products/{id}/impact?port=}; without a port, if the
 * product as a whole changes): the products lineage's impact analysis reaches, why, along which path,
 * and their owners from the registry. The owners of the first {@value #OWNER_LOOKUPS} products are
 * looked up in the registry at once; the rest, and any the user may not read there, show lineage's
 * team list.
 */
@Path("/products/{id}/impact")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ImpactPage {

    /** Affected products whose owners are read from the registry, all calls at once. */
    static final int OWNER_LOOKUPS = 25;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance impact(
                String id, String port, List<String> ports, String portError, Panel<ImpactView> impact);
    }

    @Inject
    GatewayClient gateway;

    @Inject
    PortalConfig config;

    @GET
    public Response page(@PathParam("id") String id, @QueryParam("port") String port) {
        ProductPage.requireName(id);
        long timeout = config.callTimeout().toMillis();
        String chosen = port == null || port.isBlank() ? null : port.strip();
        CompletableFuture<ApiResponse> registry = gateway.get("/api/registry/v1/products/" + segment(id));
        boolean wellFormed = chosen == null || ProductPage.NAME.matcher(chosen).matches();
        CompletableFuture<ApiResponse> impact = wellFormed
                ? gateway.get(
                        "/api/lineage/v1/impact",
                        Map.of(
                                "node",
                                List.of(chosen == null ? "PRODUCT:" + id : "PORT:" + id + "/" + chosen),
                                "limit",
                                List.of("1")))
                : null;
        Panel<List<String>> ports = Panel.of("This product", registry, timeout, body -> {
            List<String> names = new ArrayList<>();
            body.path("descriptor")
                    .path("outputPorts")
                    .forEach(p -> names.add(p.path("name").asText()));
            return names;
        });
        List<String> portNames = ports.ready() ? ports.data() : List.of();
        if (!wellFormed || (chosen != null && ports.ready() && !portNames.contains(chosen))) {
            String error = "This product has no output port '" + chosen + "'"
                    + (portNames.isEmpty() ? "." : "; choose one of " + portNames + ".");
            if (impact != null) {
                impact.cancel(true);
            }
            return html(400, Templates.impact(id, chosen, portNames, error, null));
        }
        Panel<ImpactView> answer = Panel.of("The impact analysis", impact, timeout, ImpactView::of);
        if (answer.ready()) {
            answer = Panel.ready(answer.data().withRegistry(owners(answer.data(), timeout)));
        }
        return html(200, Templates.impact(id, chosen, portNames, null, answer));
    }

    /** The registry's name and owners of the first affected products, asked all at once. */
    private Map<String, ImpactView.Registered> owners(ImpactView impact, long timeout) {
        Map<String, CompletableFuture<ApiResponse>> calls = new LinkedHashMap<>();
        impact.products().stream()
                .limit(OWNER_LOOKUPS)
                .forEach(p ->
                        calls.put(p.productId(), gateway.get("/api/registry/v1/products/" + segment(p.productId()))));
        Map<String, ImpactView.Registered> found = new LinkedHashMap<>();
        calls.forEach((productId, call) -> {
            Panel<ImpactView.Registered> owners = Panel.of("Owners", call, timeout, ImpactView.Registered::of);
            if (owners.ready()) {
                found.put(productId, owners.data());
            }
        });
        return found;
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }
}
