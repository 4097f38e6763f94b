package dev.tessera.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code type} is stable and documented; {@code detail} tells the
 * caller what to fix; {@code errors} lists every offending field for validation failures.
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
        @com.fasterxml.jackson.annotation.JsonAnyGetter Map<String, Object> extensions) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of every problem type URI. */
    public static final String TYPE_BASE = "https://tessera.dev/problems/";

    /** One offending field: a JSON pointer into the request body (or a parameter name) and what is wrong. */
    public record FieldError(String path, String message) {}
}
