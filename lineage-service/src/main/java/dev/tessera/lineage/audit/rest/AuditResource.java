package dev.tessera.lineage.audit.rest;

import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.platform.audit.AuditFilter;
import dev.tessera.platform.audit.AuditQueries;
import dev.tessera.platform.audit.AuditView;
import dev.tessera.platform.web.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who sent OpenLineage events and what was stored, newest first: one entry per ingest call (a
 * batch is one call), with the ids of the events it stored. Ingest is the only write lineage takes
 * over HTTP, so this is the service's whole audit trail.
 */
@Path("/api/v1/lineage/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditQueries audits;

    @Inject
    LineageAccess access;

    @GET
    @Operation(
            summary = "Every ingest call: who, which client, what was stored, when, which request"
                    + " (platform admins and governance officers)",
            description = "Filters combine with AND; pages are newest first; pass `next` back as cursor.")
    public Page<AuditView> ingest(@BeanParam AuditFilter filter) {
        access.requireAuditRead();
        return audits.page(filter);
    }
}
