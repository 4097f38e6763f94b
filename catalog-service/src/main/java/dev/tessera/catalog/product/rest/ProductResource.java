package dev.tessera.catalog.product.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.product.service.ProductPageService;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.ETags;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The product page, answered from the read model. */
@Path("/api/catalog/v1/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    @Inject
    ProductPageService pages;

    @Inject
    Caller caller;

    @GET
    @Path("/{id}")
    public Response page(@PathParam("id") String id) {
        ObjectNode page = pages.page(id, Visibility.of(caller), caller.name());
        return Response.ok(page).tag(ETags.of(pages.sequence(page))).build();
    }
}
