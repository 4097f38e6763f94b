package dev.tessera.catalog.product.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.attention.service.Viewers;
import dev.tessera.catalog.product.service.ProductPageService;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.ETags;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The product page, answered from the read model. Opening it counts as a view of the product. */
@Path("/api/catalog/v1/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    /** The one place a page may say it was opened from: a search hit (the portal adds it to hit links). */
    static final String VIA_SEARCH = "search";

    @Inject
    ProductPageService pages;

    @Inject
    Caller caller;

    @Inject
    JsonWebToken token;

    /**
     * The page. {@code via=search} marks a page opened from a search hit: a click-through. A person's
     * opening counts once per day towards the product's attention; a service account's does not count.
     */
    @GET
    @Path("/{id}")
    public Response page(@PathParam("id") String id, @QueryParam("via") String via) {
        boolean viaSearch = viaSearch(via);
        ObjectNode page = pages.open(id, Visibility.of(caller), caller.name(), Viewers.of(token), viaSearch);
        return Response.ok(page).tag(ETags.of(pages.sequence(page))).build();
    }

    private static boolean viaSearch(String via) {
        if (via == null || via.isBlank()) {
            return false;
        }
        if (via.equals(VIA_SEARCH)) {
            return true;
        }
        throw ApiException.invalidField(
                "via", "via must be " + VIA_SEARCH + " (for a page opened from a search hit) or left out.");
    }
}
