package dev.tessera.registry.audit;

import dev.tessera.platform.audit.AuditFilter;
import dev.tessera.platform.audit.AuditQueries;
import dev.tessera.platform.audit.AuditView;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.Page;
import dev.tessera.registry.domain.service.DomainService;
import dev.tessera.registry.product.service.ProductQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry's write history, newest first: all of it for platform admins, and one product's or
 * domain's for admins, governance officers and the domain's owners.
 */
@Path("/api/registry/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditQueries audits;

    @Inject
    Caller caller;

    @Inject
    ProductQueries products;

    @Inject
    DomainService domains;

    @GET
    @Path("audit")
    @Operation(
            summary = "Every write to the registry: who, which client, what, when, which request (platform admins)",
            description = "Filters combine with AND; pages are newest first; pass `next` back as cursor.")
    public Page<AuditView> all(@BeanParam AuditFilter filter) {
        caller.requireAdmin("read the registry's whole audit trail");
        return audits.page(filter);
    }

    @GET
    @Path("products/{id}/audit")
    @Operation(summary = "Who changed a product, what and when")
    public Page<AuditView> product(@PathParam("id") String id, @BeanParam AuditFilter filter) {
        caller.requireAuditReader(products.get(id).domainId);
        return audits.pageOfTarget("product", id, filter);
    }

    @GET
    @Path("domains/{id}/audit")
    @Operation(summary = "Who changed a domain, what and when")
    public Page<AuditView> domain(@PathParam("id") String id, @BeanParam AuditFilter filter) {
        caller.requireAuditReader(domains.get(id).id);
        return audits.pageOfTarget("domain", id, filter);
    }
}
