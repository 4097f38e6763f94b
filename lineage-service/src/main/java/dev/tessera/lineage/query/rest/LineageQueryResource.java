package dev.tessera.lineage.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.lineage.graph.Direction;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.query.service.QueryService;
import dev.tessera.lineage.security.LineageAccess;
import dev.tessera.platform.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading the lineage graph. Nodes are named by key, {@code TYPE:id} (for example
 * {@code PRODUCT:orders}, {@code PORT:orders/orders-table}, {@code DATASET:postgres://db:5432/shop.public.orders},
 * {@code JOB:airflow/etl.load}, {@code COLUMN:postgres://db:5432/shop.public.orders#amount}).
 */
@Path("/api/v1/lineage")
@Produces(MediaType.APPLICATION_JSON)
public class LineageQueryResource {

    @Inject
    QueryService queries;

    @Inject
    LineageAccess access;

    @GET
    @Path("/graph")
    public TraversalResponse traverse(
            @QueryParam("node") String node,
            @QueryParam("direction") String direction,
            @QueryParam("depth") Integer depth,
            @QueryParam("type") List<String> types,
            @QueryParam("domain") String domain,
            @QueryParam("maxNodes") Integer maxNodes,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        access.requireRead();
        return QueryResponses.traversal(
                queries.traverse(node, direction(direction), depth, types(types), domain, maxNodes, limit, cursor));
    }

    /**
     * What a change to a node affects: every transitive consumer, crossing from a dataset to the
     * ports it serves, and the affected products with their owners, why and along which path.
     */
    @GET
    @Path("/impact")
    public ImpactResponse impact(
            @QueryParam("node") String node,
            @QueryParam("depth") Integer depth,
            @QueryParam("type") List<String> types,
            @QueryParam("maxNodes") Integer maxNodes,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        access.requireRead();
        return QueryResponses.impact(queries.impact(node, depth, types(types), maxNodes, limit, cursor));
    }

    @GET
    @Path("/path")
    public PathResponse path(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("depth") Integer depth) {
        access.requireRead();
        return QueryResponses.path(queries.path(from, to, depth));
    }

    /** The subgraph around a node as JSON ({@code format=json}), Mermaid or Graphviz DOT text. */
    @GET
    @Path("/export")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response export(
            @QueryParam("node") String node,
            @QueryParam("direction") String direction,
            @QueryParam("depth") Integer depth,
            @QueryParam("maxNodes") Integer maxNodes,
            @QueryParam("format") String format) {
        access.requireRead();
        GraphExport graph = QueryResponses.export(queries.export(node, direction(direction), depth, maxNodes));
        String f = format == null ? "json" : format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "json" -> Response.ok(graph, MediaType.APPLICATION_JSON).build();
            case "mermaid" ->
                Response.ok(GraphText.mermaid(graph), MediaType.TEXT_PLAIN).build();
            case "dot" ->
                Response.ok(GraphText.dot(graph), MediaType.TEXT_PLAIN).build();
            default -> throw ApiException.invalidField("format", "format must be json, mermaid or dot; was " + format);
        };
    }

    @GET
    @Path("/unresolved")
    public UnresolvedResponse unresolved(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        access.requireRead();
        return QueryResponses.unresolved(queries.unresolved(limit, cursor));
    }

    /** A raw event, by the id its ingest answered with: admins, governance officers and its sender. */
    @GET
    @Path("/events/{id}")
    public JsonNode event(@PathParam("id") String id) {
        access.requireRead();
        return queries.event(id);
    }

    private static Direction direction(String value) {
        if (value == null) {
            return Direction.DOWNSTREAM;
        }
        try {
            return Direction.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(
                    "direction", "direction must be downstream, upstream or both; was " + value);
        }
    }

    private static Set<NodeType> types(List<String> values) {
        Set<NodeType> types = EnumSet.noneOf(NodeType.class);
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                types.add(NodeType.parse(part)
                        .orElseThrow(() -> ApiException.invalidField(
                                "type", "type must be one of " + List.of(NodeType.values()) + "; was " + part)));
            }
        }
        return types;
    }
}
