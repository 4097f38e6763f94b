package dev.tessera.platform.http.problem;

import java.net.URI;

/**
 * Tessera's problem types, for the services and the gateway alike; each maps to one HTTP status and a
 * stable URI (documented under {@link Problem#TYPE_BASE}).
 */
public enum ProblemType {
    VALIDATION("validation", "The request is invalid", 400),
    MALFORMED("malformed-body", "The request body cannot be read", 400),
    UNAUTHENTICATED("unauthenticated", "A valid bearer token is required", 401),
    FORBIDDEN("forbidden", "Not allowed for this caller", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with the resource's state", 409),
    ILLEGAL_TRANSITION("illegal-transition", "The lifecycle does not allow this transition", 409),
    IMMUTABLE_VERSION("immutable-version", "A published version cannot change", 409),
    PRECONDITION_FAILED("precondition-failed", "The resource changed since you read it", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
    BREAKING_CHANGE("breaking-change", "Breaking contract change without a major version bump", 422),
    /** The gateway's rate limit for the caller on a route; the answer says when to retry. */
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    UNAVAILABLE("unavailable", "A service Tessera depends on is unavailable", 503),
    /** The service itself has more work queued than it can take on now; the answer says when to retry. */
    BUSY("busy", "The service is busy; send the request again later", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return URI.create(Problem.TYPE_BASE + slug);
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
