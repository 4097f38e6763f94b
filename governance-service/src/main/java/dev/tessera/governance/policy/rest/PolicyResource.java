package dev.tessera.governance.policy.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.governance.policy.repository.PolicyEntity;
import dev.tessera.governance.policy.repository.PolicyVersionEntity;
import dev.tessera.governance.policy.service.DryRunService;
import dev.tessera.governance.policy.service.PolicyService;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.ETags;
import dev.tessera.platform.web.Page;
import dev.tessera.standards.input.BoundedInputException;
import dev.tessera.standards.input.BoundedTreeReader;
import dev.tessera.standards.text.UserText;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Policies as code: CRUD, history, applying a policies file, and dry runs. */
@Path("/api/governance/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class PolicyResource {

    /** Reads policies files (YAML, or JSON as YAML's subset) within the platform's document limits. */
    private static final BoundedTreeReader READER = new BoundedTreeReader(BoundedTreeReader.Limits.DOCUMENTS);

    /** Binds the tree; an unknown field is a mistake worth reporting, not something to drop. */
    private static final ObjectMapper BINDER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PolicyService service;
    private final DryRunService dryRuns;

    public PolicyResource(PolicyService service, DryRunService dryRuns) {
        this.service = service;
        this.dryRuns = dryRuns;
    }

    @GET
    @Operation(summary = "List policies, optionally of one scope (GLOBAL or a domain id); cursor-paged in id order")
    public Page<PolicyResponse> list(
            @QueryParam("scope") String scope,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursors.limit(limit);
        List<PolicyEntity> rows = service.page(scope, Cursors.decode(cursor), size + 1);
        List<PolicyResponse> items =
                rows.stream().limit(size).map(PolicyResponse::of).toList();
        String next = rows.size() > size ? Cursors.encode(items.getLast().id()) : null;
        return new Page<>(items, next);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a policy",
            description = "Governance officers create GLOBAL policies, domain owners policies of their domains."
                    + " The expression is compiled: a syntax or type error is a 400 naming line and column.")
    public Response create(@NotNull PolicyRequest request) {
        var created = service.create(request.definition());
        return Response.created(URI.create("/api/governance/v1/policies/" + created.id))
                .tag(ETags.of(created.version))
                .entity(PolicyResponse.of(created))
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        var policy = service.get(id);
        return Response.ok(PolicyResponse.of(policy))
                .tag(ETags.of(policy.version))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace a policy",
            description = "Honours If-Match; a policy's scope never changes.")
    public Response put(
            @PathParam("id") String id,
            @NotNull PolicyRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var written = service.put(id, request.definition(), ifMatch);
        return Response.status(written.created() ? 201 : 200)
                .tag(ETags.of(written.policy().version))
                .entity(PolicyResponse.of(written.policy()))
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "Every version of a policy, newest first (deleted policies included)")
    public List<PolicyVersionResponse> history(@PathParam("id") String id) {
        return service.history(id).stream().map(PolicyResource::version).toList();
    }

    @POST
    @Path("apply")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Apply a policies file",
            description = "Creates or updates every policy in the file; unchanged ones stay as they are (idempotent)."
                    + " dryRun=true reports without writing; prune=true with scope=X deletes X's policies the file"
                    + " does not list.")
    public PolicyService.ApplyReport apply(
            String body,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("prune") @DefaultValue("false") boolean prune,
            @QueryParam("scope") String scope) {
        return service.apply(parse(body).definitions(), dryRun, prune, scope);
    }

    @POST
    @Path("dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Evaluate a policy without saving it",
            description = "Runs a saved policy (policyId) or an unsaved one (policy) against one descriptor, or"
                    + " against every current product when no descriptor is given. The caller must be allowed to"
                    + " save a policy of that scope, and gets results only for products whose drafts they may"
                    + " read. An expression over the cost budget is a 400 naming the limit.")
    public DryRunService.DryRunReport dryRun(@NotNull DryRunRequest request) {
        return dryRuns.run(request.dryRun());
    }

    private static PolicyFile parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalidField("/policies", "the body must be a policies file: `policies:` and a list");
        }
        JsonNode tree;
        try {
            tree = READER.read(body.getBytes(StandardCharsets.UTF_8), true);
        } catch (BoundedInputException e) {
            String where = e.hasLocation() ? " at line " + e.line() + ", column " + e.column() : "";
            throw new ApiException(
                    e.limit() == BoundedInputException.Limit.MAX_BYTES
                            ? ProblemType.PAYLOAD_TOO_LARGE
                            : ProblemType.MALFORMED,
                    "The policies file cannot be read" + where + ": " + e.getMessage(),
                    List.of(),
                    e.limit() == null ? Map.of() : Map.of("limit", e.limit().label(), "limitValue", e.limitValue()));
        }
        try {
            return BINDER.treeToValue(tree, PolicyFile.class);
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? pointer(m) : "";
            // Jackson's message repeats field names and values at any length; keep a short prefix.
            String problem = UserText.truncate(e.getOriginalMessage());
            throw new ApiException(
                    ProblemType.MALFORMED,
                    "The policies file cannot be read" + (path.isEmpty() ? "" : " at " + path) + ": " + problem,
                    path.isEmpty() ? List.of() : List.of(new Problem.FieldError(path, problem)),
                    Map.of());
        }
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append('/')
                    .append(ref.getFieldName() != null ? UserText.truncate(ref.getFieldName()) : ref.getIndex());
        }
        return path.toString();
    }

    private static PolicyVersionResponse version(PolicyVersionEntity v) {
        try {
            return new PolicyVersionResponse(
                    v.version, v.change, v.changedBy, v.changedAt, new ObjectMapper().readTree(v.snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
