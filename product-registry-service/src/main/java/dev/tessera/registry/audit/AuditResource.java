package dev.tessera.registry.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tessera.platform.audit.AuditEntry;
import dev.tessera.platform.audit.AuditRepository;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The write history of products and domains, newest first, for admins, governance officers and owners. */
@Path("/api/registry/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditRepository repository;

    @Inject
    dev.tessera.platform.security.Caller caller;

    @Inject
    dev.tessera.registry.product.service.ProductService products;

    @Inject
    dev.tessera.registry.domain.service.DomainService domains;

    /** One audit entry as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditView(
            long id,
            Instant occurredAt,
            String actor,
            String clientId,
            String action,
            String targetType,
            String targetId,
            String requestId,
            @JsonRawValue String detail) {}

    @GET
    @Path("products/{id}/audit")
    @Operation(summary = "Who changed a product, what and when")
    public Page<AuditView> product(
            @PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        caller.requireAuditReader(products.get(id).domainId);
        return page("product", id, cursor, limit);
    }

    @GET
    @Path("domains/{id}/audit")
    @Operation(summary = "Who changed a domain, what and when")
    public Page<AuditView> domain(
            @PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        caller.requireAuditReader(domains.get(id).id);
        return page("domain", id, cursor, limit);
    }

    private Page<AuditView> page(String type, String id, String cursor, Integer limit) {
        int size = Cursors.limit(limit);
        Long before = null;
        String key = Cursors.decode(cursor);
        if (key != null) {
            try {
                before = Long.parseLong(key);
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("cursor", "Pass back the `next` value of a previous page unchanged.");
            }
        }
        List<AuditEntry> rows = repository.page(type, id, before, size + 1);
        List<AuditView> items = rows.stream()
                .limit(size)
                .map(e -> new AuditView(
                        e.id,
                        e.occurredAt,
                        e.actor,
                        e.clientId,
                        e.action,
                        e.targetType,
                        e.targetId,
                        e.requestId,
                        e.detail))
                .toList();
        return new Page<>(
                items,
                rows.size() > size
                        ? Cursors.encode(Long.toString(items.getLast().id()))
                        : null);
    }
}
