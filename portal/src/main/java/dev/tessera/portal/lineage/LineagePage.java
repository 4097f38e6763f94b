package dev.tessera.portal.lineage;

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
import java.util.List;

/**
 * A product's lineage page: the products and datasets upstream and downstream of it, drawn as SVG on
 * the server (every product a link to its page), with a depth control (a GET form), a link that
 * draws every node instead of "N more" boxes, and the same graph as a table.
 */
@Path("/products/{id}/lineage")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class LineagePage {

    /** Boxes per column before the rest become one "N more" box. */
    static final int PER_COLUMN = 25;

    /** The most nodes lineage is asked to traverse for one page; more is a partial answer. */
    static final int MAX_NODES = 20_000;

    @CheckedTemplate
    public static class Templates {
        static native TemplateInstance lineage(
                String id, int depth, List<Integer> depths, boolean all, String depthError, Panel<LineageView> lineage);

        /** The depth control: a GET form to this page. */
        public static native TemplateInstance controls(
                String id, int depth, List<Integer> depths, boolean all, String error);

        /** The SVG drawing with its controls, also shown on the product page. */
        public static native TemplateInstance graph(LineageView view, boolean compact);

        /** The table that stands in for the drawing. */
        public static native TemplateInstance table(LineageView view);
    }

    @Inject
    LineageSource lineage;

    @Inject
    PortalConfig config;

    /**
     * The page at {@code depth} hops (1 to 5, default 1). A depth that is not one of those is a 400
     * page saying so, and lineage is not asked.
     */
    @GET
    public Response page(@PathParam("id") String id, @QueryParam("depth") String depth, @QueryParam("all") String all) {
        ProductPage.requireName(id);
        Integer hops = depth(depth);
        if (hops == null) {
            String error = "Depth must be a whole number from " + LineageView.MIN_DEPTH + " to " + LineageView.MAX_DEPTH
                    + "; the address gave '" + depth + "'.";
            return html(400, Templates.lineage(id, LineageView.MIN_DEPTH, LineageView.DEPTHS, false, error, null));
        }
        boolean everything = "true".equalsIgnoreCase(all);
        Panel<LineageView> panel = lineage.panel(
                id,
                hops,
                everything,
                PER_COLUMN,
                lineage.neighbourhood(id, hops, MAX_NODES),
                config.callTimeout().toMillis());
        return html(200, Templates.lineage(id, hops, LineageView.DEPTHS, everything, null, panel));
    }

    /** The depth asked for, the default when absent, or null when it is not an allowed depth. */
    static Integer depth(String value) {
        if (value == null || value.isBlank()) {
            return LineageView.MIN_DEPTH;
        }
        try {
            int d = Integer.parseInt(value.strip());
            return d >= LineageView.MIN_DEPTH && d <= LineageView.MAX_DEPTH ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }
}
