package dev.tessera.lineage.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tessera.lineage.openlineage.service.IngestWriter;
import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.platform.audit.AuditEntry;
import dev.tessera.platform.audit.AuditRepository;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * Who sent OpenLineage events and what was stored, newest first: one entry per ingest call (a
 * batch is one call), with the ids of the events it stored.
 */
@Path("/api/v1/lineage/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditRepository repository;

    @Inject
    LineageAccess access;

    /** One audit entry as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditView(
            long id,
            Instant occurredAt,
            String actor,
            String clientId,
            String action,
            String requestId,
            @JsonRawValue String detail) {}

    @GET
    public Page<AuditView> ingest(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        access.requireAuditRead();
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
        List<AuditEntry> rows =
                repository.page(IngestWriter.AUDIT_TARGET_TYPE, IngestWriter.AUDIT_TARGET_ID, before, size + 1);
        List<AuditView> items = rows.stream()
                .limit(size)
                .map(e -> new AuditView(e.id, e.occurredAt, e.actor, e.clientId, e.action, e.requestId, e.detail))
                .toList();
        return new Page<>(
                items,
                rows.size() > size
                        ? Cursors.encode(Long.toString(items.getLast().id()))
                        : null);
    }
}
