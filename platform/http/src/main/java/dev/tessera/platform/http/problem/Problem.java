package dev.tessera.platform.http.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.standards.text.UserText;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document, as the gateway and every service send it. {@code type} is stable and
 * documented; {@code detail} tells the caller what to fix; {@code errors} lists every offending field for
 * validation failures.
 *
 * <p>Build one with {@link #of}: it bounds every text that may repeat what a caller sent, so whatever a
 * request carries, the document stays small. Both edges (the services' exception mapper and the gateway's
 * Vert.x handlers) go through it, so a client reads one shape with one set of bounds.
 *
 * @param type stable URI naming the kind of problem
 * @param title short summary, the same for every occurrence of the type
 * @param status the HTTP status
 * @param detail human-readable explanation of this occurrence
 * @param instance the request path
 * @param errors offending fields, for validation failures
 * @param extensions further members specific to the problem type (allowed transitions, findings, ...)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of every problem type URI. */
    public static final String TYPE_BASE = "https://tessera.dev/problems/";

    /** Longest {@code detail} a problem carries, in characters. */
    public static final int MAX_DETAIL = 1_000;

    /** Longest field path or request path a problem repeats. */
    public static final int MAX_PATH = 300;

    /** Longest message of one offending field. */
    public static final int MAX_MESSAGE = 500;

    /** One offending field: a JSON pointer into the request body (or a parameter name) and what is wrong. */
    public record FieldError(String path, String message) {}

    /**
     * The document for one occurrence of {@code type}, its detail, instance and field errors cut to
     * {@link #MAX_DETAIL}, {@link #MAX_PATH} and {@link #MAX_MESSAGE} characters ({@link UserText}).
     * {@code detail} and {@code instance} may be null (the member is then left out).
     */
    public static Problem of(
            ProblemType type, String detail, String instance, List<FieldError> errors, Map<String, Object> extensions) {
        return new Problem(
                type.uri(),
                type.title(),
                type.status(),
                detail == null ? null : UserText.truncate(detail, MAX_DETAIL),
                instance == null ? null : UserText.truncate(instance, MAX_PATH),
                errors.stream()
                        .map(e -> new FieldError(
                                UserText.truncate(e.path(), MAX_PATH), UserText.truncate(e.message(), MAX_MESSAGE)))
                        .toList(),
                extensions);
    }

    /** The document for {@code type} with a detail and nothing else. */
    public static Problem of(ProblemType type, String detail) {
        return of(type, detail, null, List.of(), Map.of());
    }
}
