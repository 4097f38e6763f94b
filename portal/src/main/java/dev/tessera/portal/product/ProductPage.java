package dev.tessera.portal.product;

import static dev.tessera.portal.api.GatewayClient.segment;

import dev.tessera.portal.api.ApiResponse;
import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.lineage.LineageSource;
import dev.tessera.portal.lineage.LineageView;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.web.Csrf;
import dev.tessera.portal.web.ErrorPages;
import dev.tessera.portal.web.Session;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A data product's page: what it is and who runs it, its versions (and a link to compare two), each
 * output port's contract, what it reads, its lineage one hop each way drawn as a graph, its compliance
 * score with every policy's outcome, its quality per port, who uses it, downloads of its descriptor
 * and contracts, and a form to request access. The page's parts come from four services; their calls run at once and
 * each part is its own {@link Panel}, so one service being down blanks only its own part.
 */
@Path("/products/{id}")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ProductPage {

    /** Boxes per column of the product page's lineage graph before the rest become one "N more" box. */
    static final int PER_COLUMN = 8;

    /** The {@code via} of a page opened from a search hit, as the portal's links and the catalog spell it. */
    static final String VIA_SEARCH = "search";

    /** The most nodes lineage is asked to traverse for the product page's one-hop graph. */
    static final int MAX_NODES = 2_000;

    /** Product ids, versions and port names as the registry allows them; anything else is a 404 page. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance product(
                String id,
                Panel<ProductView> product,
                Panel<CatalogSummary> catalog,
                Panel<LineageView> lineage,
                Panel<ScoreView> score,
                Panel<QualityView> quality,
                Panel<UsageView> usage,
                Panel<AccessView> access,
                AccessForm form);

        /** The compliance score panel. */
        static native TemplateInstance score(Panel<ScoreView> score);

        /** The quality panel. */
        static native TemplateInstance quality(Panel<QualityView> quality);

        /** The usage panel. */
        static native TemplateInstance usage(Panel<UsageView> usage);
    }

    @Inject
    GatewayClient gateway;

    @Inject
    PortalConfig config;

    @Inject
    Session session;

    @Inject
    Csrf csrf;

    @Inject
    LineageSource lineage;

    /**
     * The page. Opened from a search hit ({@code ?via=search}), the catalog hears of it as a
     * click-through, which counts towards the product's attention; any other {@code via} is ignored.
     */
    @GET
    public TemplateInstance page(
            @PathParam("id") String id, @QueryParam("request") String request, @QueryParam("via") String via) {
        return render(requireName(id), request, AccessForm.empty(), VIA_SEARCH.equals(via));
    }

    /**
     * Sends an access request to governance with the user's token and comes back to the page showing
     * the request's status (303, so a reload does not send it again). Bad input re-renders the page
     * with the form's errors and changes nothing.
     */
    @POST
    @Path("access-requests")
    @Produces(MediaType.TEXT_HTML)
    public Response requestAccess(
            @PathParam("id") String id,
            @RestForm("csrf") String token,
            @RestForm("port") String port,
            @RestForm("purpose") String purpose,
            @RestForm("until") String until) {
        csrf.verify(token);
        requireName(id);
        AccessForm form = AccessForm.of(port, purpose, until);
        if (!form.valid()) {
            return Response.status(400)
                    .entity(render(id, null, form, false).render())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .build();
        }
        ApiResponse sent = join(gateway.post("/api/governance/v1/access-requests", form.body(id)));
        if (sent.ok()) {
            String requestId = sent.body().path("request").path("requestId").asText();
            return Response.seeOther(
                            URI.create("/products/" + segment(id) + "?request=" + segment(requestId) + "#access"))
                    .build();
        }
        if (sent.unavailable()) {
            return Response.status(503)
                    .entity(render(
                                    id,
                                    null,
                                    form.failed("Governance did not answer; the request was not sent. Try"
                                            + " again in a moment."),
                                    false)
                            .render())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .build();
        }
        return Response.status(sent.status() >= 500 ? 502 : sent.status())
                .entity(render(id, null, form.failed(sent.detail()), false).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    /** The product's ODPS descriptor of one version, as YAML, from the registry. */
    @GET
    @Path("versions/{version}/odps")
    public Response odps(@PathParam("id") String id, @PathParam("version") String version) {
        return download(
                "/api/registry/v1/products/" + segment(requireName(id)) + "/versions/" + segment(requireName(version))
                        + "/odps",
                id + "-" + version + ".odps.yaml");
    }

    /** One output port's ODCS contract of one version, as YAML, from the registry. */
    @GET
    @Path("versions/{version}/ports/{port}/odcs")
    public Response odcs(
            @PathParam("id") String id, @PathParam("version") String version, @PathParam("port") String port) {
        return download(
                "/api/registry/v1/products/" + segment(requireName(id)) + "/versions/" + segment(requireName(version))
                        + "/ports/" + segment(requireName(port)) + "/odcs",
                port + "-" + version + ".odcs.yaml");
    }

    private TemplateInstance render(String id, String justSent, AccessForm form, boolean fromSearch) {
        String product = segment(id);
        long timeout = config.callTimeout().toMillis();
        // All seven calls are in flight before the first answer is awaited.
        CompletableFuture<ApiResponse> registry = gateway.get("/api/registry/v1/products/" + product);
        CompletableFuture<ApiResponse> catalog = fromSearch
                ? gateway.get("/api/catalog/v1/products/" + product, Map.of("via", List.of(VIA_SEARCH)))
                : gateway.get("/api/catalog/v1/products/" + product);
        CompletableFuture<ApiResponse> neighbourhood = lineage.neighbourhood(id, LineageView.MIN_DEPTH, MAX_NODES);
        CompletableFuture<ApiResponse> evaluation =
                gateway.get("/api/governance/v1/products/" + product + "/evaluation");
        CompletableFuture<ApiResponse> quality = gateway.get("/api/governance/v1/products/" + product + "/quality");
        CompletableFuture<ApiResponse> usage = gateway.get("/api/lineage/v1/products/" + product + "/usage");
        CompletableFuture<ApiResponse> access =
                gateway.get("/api/governance/v1/access-requests", Map.of("limit", List.of("100")));

        Panel<ProductView> productPanel = Panel.of("This product", registry, timeout, ProductView::of);
        if (productPanel.state() == Panel.State.NOT_FOUND || productPanel.state() == Panel.State.FORBIDDEN) {
            throw new ErrorPages.PageNotFoundException("There is no data product '" + id + "' that you may see.");
        }
        String subject = session.name();
        return Templates.product(
                id,
                productPanel,
                Panel.of("The compliance score", catalog, timeout, CatalogSummary::of),
                lineage.panel(id, LineageView.MIN_DEPTH, false, PER_COLUMN, neighbourhood, timeout),
                Panel.of("The policy outcomes", evaluation, timeout, ScoreView::of),
                Panel.of("Quality", quality, timeout, QualityView::of),
                Panel.of("Usage", usage, timeout, UsageView::of),
                Panel.of("Your access requests", access, timeout, body -> AccessView.of(body, id, subject, justSent)),
                form);
    }

    private Response download(String path, String filename) {
        ApiResponse answer = join(gateway.download(path, "application/yaml"));
        if (answer.status() == 404 || answer.status() == 403) {
            throw new ErrorPages.PageNotFoundException("There is no such version or port that you may see.");
        }
        if (!answer.ok()) {
            throw new ErrorPages.PlatformUnavailableException("The registry could not export this document right now ("
                    + answer.detail() + "). Try again in a" + " moment.");
        }
        return Response.ok(answer.raw(), "application/yaml; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }

    private ApiResponse join(CompletableFuture<ApiResponse> call) {
        try {
            return call.get(config.callTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrorPages.PlatformUnavailableException("The platform did not answer in time.");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ErrorPages.PlatformUnavailableException("The platform did not answer in time.");
        }
    }

    /** The value when it is a product id, version or port name the registry allows, else a 404 page. */
    public static String requireName(String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new ErrorPages.PageNotFoundException("There is no such data product.");
        }
        return value;
    }
}
