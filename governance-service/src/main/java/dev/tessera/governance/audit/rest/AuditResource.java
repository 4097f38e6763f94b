package dev.tessera.governance.audit.rest;

import dev.tessera.platform.audit.AuditFilter;
import dev.tessera.platform.audit.AuditQueries;
import dev.tessera.platform.audit.AuditView;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.web.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The governance service's write history, newest first, for platform admins: audit trails name people. */
@Path("/api/governance/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditQueries audits;

    @Inject
    Caller caller;

    @GET
    @Operation(
            summary =
                    "Every write to governance (policies, access requests): who, which client, what, when, which request (platform admins)",
            description = "Filters combine with AND; pages are newest first; pass `next` back as cursor.")
    public Page<AuditView> list(@BeanParam AuditFilter filter) {
        caller.requireAdmin("read the governance service's audit trail");
        return audits.page(filter);
    }
}
