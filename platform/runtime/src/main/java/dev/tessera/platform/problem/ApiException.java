package dev.tessera.platform.problem;

import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the caller can act on. Domain code throws it with the problem type and a detail that
 * says how to fix the request; the exception mapper at the edge turns it into problem+json.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;
    private final Duration retryAfter;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiException(
            ProblemType type, String detail, List<Problem.FieldError> errors, Map<String, Object> extensions) {
        this(type, detail, errors, extensions, null);
    }

    private ApiException(
            ProblemType type,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, Object> extensions,
            Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
        this.retryAfter = retryAfter;
    }

    /**
     * A 503 for work the service cannot take on now, with a {@code Retry-After} of {@code retryAfter}
     * (whole seconds, at least one).
     */
    public static ApiException busy(String detail, Duration retryAfter) {
        return new ApiException(ProblemType.BUSY, detail, List.of(), Map.of(), retryAfter);
    }

    /** A 400 naming every offending field. */
    public static ApiException validation(String detail, List<Problem.FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors, Map.of());
    }

    /** A 400 for one offending field. */
    public static ApiException invalidField(String path, String message) {
        return validation(message, List.of(new Problem.FieldError(path, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** When the caller should try again, for the {@code Retry-After} header; empty when not said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
