package dev.tessera.governance.domain;

import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The domains governance has learned from the registry: the scopes a domain policy may name. Lets a
 * domain owner see whether a domain created a moment ago in the registry has reached governance yet.
 */
@Path("/api/governance/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Domains")
public class DomainResource {

    private final KnownDomains domains;

    public DomainResource(KnownDomains domains) {
        this.domains = domains;
    }

    @GET
    @Operation(summary = "Domains known to governance, cursor-paged in id order")
    public Page<KnownDomains.Domain> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        List<KnownDomains.Domain> rows = domains.page(null, Cursors.decode(cursor), size + 1);
        List<KnownDomains.Domain> items = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode(items.getLast().id()) : null;
        return new Page<>(items, next);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One domain known to governance")
    public KnownDomains.Domain get(@PathParam("id") String id) {
        return domains.find(id)
                .orElseThrow(() -> ApiException.notFound("Governance knows no domain '" + id
                        + "'. Domains arrive from the registry on tessera.domains; create it there first."));
    }
}
