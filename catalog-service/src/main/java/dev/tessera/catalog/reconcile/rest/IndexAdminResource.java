package dev.tessera.catalog.reconcile.rest;

import dev.tessera.catalog.audit.service.IndexOperationsAudit;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.ingest.service.Rebuilder;
import dev.tessera.catalog.reconcile.service.Reconciler;
import dev.tessera.catalog.reconcile.service.ReconciliationReport;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operating the read model: its status, a rebuild from the topics, and reconciliation with the registry. */
@Path("/api/catalog/v1/index")
@Produces(MediaType.APPLICATION_JSON)
public class IndexAdminResource {

    @Inject
    CatalogIndex index;

    @Inject
    Rebuilder rebuilder;

    @Inject
    Reconciler reconciler;

    @Inject
    Caller caller;

    @Inject
    IndexOperationsAudit audit;

    @GET
    public Map<String, Object> status() {
        requireOperator();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("generation", index.generation());
        status.put("formatVersion", CatalogIndex.FORMAT_VERSION);
        status.put("ready", index.isReady());
        status.put("rebuilding", index.isRebuilding());
        status.put("searchableViews", index.active().viewCount());
        status.put("lastRebuild", rebuilder.last());
        status.put("lastReconciliation", reconciler.last());
        return status;
    }

    /** Rebuilds the index aside from the topics and swaps it in; searches keep answering meanwhile. */
    @POST
    @Path("/rebuild")
    public Response rebuild() {
        caller.requireAdmin("rebuild the catalog index");
        if (!rebuilder.rebuildAsync("requested by " + caller.name())) {
            throw ApiException.conflict("A rebuild is already running; watch GET /api/catalog/v1/index.");
        }
        audit.rebuildRequested(index.generation());
        return Response.accepted(Map.of("rebuilding", true)).build();
    }

    /** Compares the index with the registry's current state; with {@code repair=true} also fixes it. */
    @POST
    @Path("/reconciliation")
    public ReconciliationReport reconcile(@QueryParam("repair") boolean repair) {
        requireOperator();
        if (repair) {
            caller.requireAdmin("repair the catalog index");
        }
        if (index.isRebuilding()) {
            throw ApiException.conflict("A rebuild is running; reconcile after it finished.");
        }
        ReconciliationReport report = reconciler
                .reconcile(repair)
                .orElseThrow(() -> ApiException.conflict(
                        "Another reconciliation or a rebuild is running; try again after it finished."));
        if (repair) {
            audit.repaired(report);
        }
        return report;
    }

    private void requireOperator() {
        if (!(caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER))) {
            throw ApiException.forbidden("Only platform admins and governance officers may inspect the catalog index.");
        }
    }
}
