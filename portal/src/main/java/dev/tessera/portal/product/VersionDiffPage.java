package dev.tessera.portal.product;

import static dev.tessera.portal.api.GatewayClient.segment;

import dev.tessera.portal.api.GatewayClient;
import dev.tessera.portal.config.PortalConfig;
import dev.tessera.portal.panel.Panel;
import dev.tessera.portal.web.ErrorPages;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two versions of a product compared ({@code /products/{id}/diff?from=&to=}): the registry's findings,
 * breaking ones first and marked, and every change with its old and new value. Without versions in
 * the address it compares the newest version with the one before. Versions the product does not
 * have are a 400 page naming the field, and the registry is not asked.
 */
@Path("/products/{id}/diff")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class VersionDiffPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance diff(
                String id,
                ProductView product,
                String from,
                String to,
                Map<String, String> errors,
                Panel<VersionDiffView> diff);
    }

    @Inject
    GatewayClient gateway;

    @Inject
    PortalConfig config;

    @GET
    public Response page(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        ProductPage.requireName(id);
        long timeout = config.callTimeout().toMillis();
        Panel<ProductView> product = Panel.of(
                "This product", gateway.get("/api/registry/v1/products/" + segment(id)), timeout, ProductView::of);
        if (product.state() == Panel.State.NOT_FOUND || product.state() == Panel.State.FORBIDDEN) {
            throw new ErrorPages.PageNotFoundException("There is no data product '" + id + "' that you may see.");
        }
        if (!product.ready()) {
            throw new ErrorPages.PlatformUnavailableException(product.message());
        }
        List<String> versions = product.data().versions().stream()
                .map(ProductView.Version::version)
                .toList();
        String f = blankToNull(from);
        String t = blankToNull(to);
        if (f == null && t == null && versions.size() >= 2) {
            f = versions.get(versions.size() - 2);
            t = versions.getLast();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        check("from", f, versions, errors);
        check("to", t, versions, errors);
        if (errors.isEmpty() && f.equals(t)) {
            errors.put("to", "Choose a version other than " + f + " to compare with.");
        }
        if (!errors.isEmpty()) {
            int status = from == null && to == null ? 200 : 400;
            return html(status, Templates.diff(id, product.data(), f, t, errors, null));
        }
        Panel<VersionDiffView> diff = Panel.of(
                "The comparison",
                gateway.get(
                        "/api/registry/v1/products/" + segment(id) + "/diff",
                        Map.of("from", List.of(f), "to", List.of(t))),
                timeout,
                VersionDiffView::of);
        return html(200, Templates.diff(id, product.data(), f, t, errors, diff));
    }

    private static void check(String field, String value, List<String> versions, Map<String, String> errors) {
        if (versions.size() < 2) {
            errors.put(field, "This product has one version only; there is nothing to compare it with.");
        } else if (value == null) {
            errors.put(field, "Choose the version to compare " + field + ".");
        } else if (!versions.contains(value)) {
            errors.put(field, "This product has no version '" + value + "'; choose one of " + versions + ".");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }
}
