package dev.tessera.platform.audit;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of an audit query, exactly as the caller sent them. Every service's audit
 * endpoint takes this as a {@code @BeanParam}; {@link AuditQueries} validates it, so a bad value is
 * the same 400 problem in every service. Absent or blank parameters do not filter.
 */
public class AuditFilter {

    @QueryParam("actor")
    @Parameter(description = "Only writes by this subject (the token's preferred_username, else sub).")
    public String actor;

    @QueryParam("clientId")
    @Parameter(description = "Only writes made through this OAuth client (the token's azp), e.g. tessera-ci.")
    public String clientId;

    @QueryParam("action")
    @Parameter(description = "Only this action, e.g. policy.created or product.status-changed.")
    public String action;

    @QueryParam("targetType")
    @Parameter(description = "Only writes to this kind of object, e.g. product, policy, subscription.")
    public String targetType;

    @QueryParam("targetId")
    @Parameter(description = "Only writes to the object with this id.")
    public String targetId;

    @QueryParam("requestId")
    @Parameter(description = "Only writes of the request with this X-Request-Id.")
    public String requestId;

    @QueryParam("since")
    @Parameter(description = "Only writes at or after this instant (ISO-8601, e.g. 2026-11-26T05:00:00Z).")
    public String since;

    @QueryParam("before")
    @Parameter(description = "Only writes strictly before this instant (ISO-8601).")
    public String before;

    @QueryParam("cursor")
    @Parameter(description = "The `next` value of the previous page, unchanged.")
    public String cursor;

    @QueryParam("limit")
    @Parameter(description = "Entries per page, 1 to 200 (default 50).")
    public String limit;

    /** A filter without any parameter (everything, first page). */
    public AuditFilter() {}
}
