package dev.tessera.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemResponses;
import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.standards.text.UserText;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The single edge where failures become RFC 9457 problem+json. Caller mistakes are 4xx with a
 * detail that says what to fix; anything unexpected is a 500 that is logged once with an id the
 * caller can quote, and never leaks a stack trace.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response response = respond(e.type(), e.getMessage(), e.errors(), e.extensions(), uri);
        if (e.retryAfter().isEmpty()) {
            return response;
        }
        // Whole seconds, as RFC 9110 writes it; rounded up so "0.5 s" is not read as "now".
        long millis = e.retryAfter().get().toMillis();
        long seconds = Math.max(1, (millis + 999) / 1000);
        return Response.fromResponse(response)
                .header("Retry-After", Long.toString(seconds))
                .build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .toList();
        String detail = errors.stream().map(f -> f.path() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(ProblemType.VALIDATION, detail, errors, Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String path = e instanceof JsonMappingException m ? pointer(m.getPath()) : "";
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        // Jackson's message repeats field names and values at any length; keep a short prefix.
        String problem = UserText.truncate(e.getOriginalMessage());
        String detail = "The body is not valid JSON for this endpoint" + where + ": " + problem;
        List<Problem.FieldError> errors = path.isEmpty() ? List.of() : List.of(new Problem.FieldError(path, problem));
        return respond(ProblemType.MALFORMED, detail, errors, Map.of(), uri);
    }

    /**
     * A body of the wrong JSON shape (an array where an object belongs, ...). Without this, Quarkus's
     * built-in mapper for this exact type would answer an empty 400.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /** Text or a number in a body tree that cannot be stored (see {@code StorableInput}). */
    @ServerExceptionMapper
    public Response unstorableInput(dev.tessera.platform.input.UnstorableInputException e, UriInfo uri) {
        return respond(ProblemType.VALIDATION, e.getMessage(), List.of(), Map.of(), uri);
    }

    /** Worded and challenged as the HTTP security layer's 401 ({@link ProblemResponses#unauthenticated}). */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return challenge(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return challenge(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, ProblemResponses.FORBIDDEN_DETAIL, List.of(), Map.of(), uri);
    }

    private static Response challenge(UriInfo uri) {
        Response response =
                respond(ProblemType.UNAUTHENTICATED, ProblemResponses.UNAUTHENTICATED_DETAIL, List.of(), Map.of(), uri);
        return Response.fromResponse(response)
                .header("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE)
                .build();
    }

    /** The identity provider is down: our problem, not the caller's, and worth a retry later. */
    @ServerExceptionMapper
    public Response identityProviderDown(io.quarkus.oidc.OIDCException e, UriInfo uri) {
        LOG.warnf("Token could not be verified, identity provider unavailable: %s", e.getMessage());
        return respond(
                ProblemType.UNAVAILABLE,
                "The identity provider cannot be reached to verify your token; retry shortly.",
                List.of(),
                Map.of(),
                uri);
    }

    @ServerExceptionMapper
    public Response concurrentWrite(OptimisticLockException e, UriInfo uri) {
        return respond(
                ProblemType.PRECONDITION_FAILED,
                "Someone else changed this resource at the same time; read it again and retry.",
                List.of(),
                Map.of(),
                uri);
    }

    @ServerExceptionMapper
    public Response jaxrs(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (status == 404 && e.getCause() instanceof IllegalArgumentException wrongFormat) {
            // JAX-RS answers a query parameter it cannot convert (limit=abc) with 404; it is the caller's typo.
            return respond(
                    ProblemType.VALIDATION,
                    "A parameter has the wrong format (" + wrongFormat.getMessage() + "); numbers must be whole"
                            + " numbers within range.",
                    List.of(),
                    Map.of(),
                    uri);
        }
        ProblemType type =
                switch (status) {
                    case 401 -> ProblemType.UNAUTHENTICATED;
                    case 403 -> ProblemType.FORBIDDEN;
                    case 404 -> ProblemType.NOT_FOUND;
                    case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                    case 406 -> ProblemType.NOT_ACCEPTABLE;
                    case 409 -> ProblemType.CONFLICT;
                    case 412 -> ProblemType.PRECONDITION_FAILED;
                    case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
                    case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                    default -> ProblemType.VALIDATION;
                };
        String detail =
                switch (status) {
                    case 404 -> "Nothing exists at " + uri.getPath() + ".";
                    case 405 -> "This resource does not support that method.";
                    case 406 -> "Ask for application/json (or application/yaml where the endpoint offers it).";
                    case 415 -> "Send application/json, or application/yaml where the endpoint accepts it.";
                    default -> e.getMessage() == null ? type.title() : e.getMessage();
                };
        return respond(type, detail, List.of(), Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri.getPath());
        return respond(
                ProblemType.INTERNAL,
                "Something went wrong on our side. Quote error id " + errorId + " when reporting it.",
                List.of(),
                Map.of("errorId", errorId),
                uri);
    }

    /** Builds the response for a problem; shared with filters that answer before JAX-RS matching. */
    public static Response respond(
            ProblemType type,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, Object> extensions,
            UriInfo uri) {
        // A net under the quoting rule (UserText): whatever a message repeats, the document stays small.
        Problem problem = Problem.of(type, detail, uri == null ? null : uri.getPath(), errors, extensions);
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String fieldPath(ConstraintViolation<?> v) {
        // "method.arg0.field" -> "/field": the leading method and argument nodes mean nothing to a caller.
        String[] parts = v.getPropertyPath().toString().split("\\.");
        if (parts.length <= 2) {
            return parts[parts.length - 1];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i < parts.length; i++) {
            sb.append('/').append(parts[i]);
        }
        return sb.toString();
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            sb.append('/')
                    .append(
                            ref.getFieldName() != null
                                    ? UserText.truncate(ref.getFieldName())
                                    : String.valueOf(ref.getIndex()));
        }
        return sb.toString();
    }
}
