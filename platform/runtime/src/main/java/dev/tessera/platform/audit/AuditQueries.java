package dev.tessera.platform.audit;

import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.web.Cursors;
import dev.tessera.platform.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query half of the audit trail, shared by every service's audit endpoint: validates an
 * {@link AuditFilter} (every bad parameter named in one 400 problem), runs it newest first and
 * pages with an opaque keyset cursor. Callers check who may read before calling.
 */
@ApplicationScoped
public class AuditQueries {

    /** Longest value of a text filter; ids, names and actions are far shorter. */
    static final int MAX_TEXT = 256;

    private static final String CURSOR_HINT = "Pass back the `next` value of a previous page unchanged.";

    @Inject
    AuditRepository repository;

    /** A page of the service's whole audit trail. */
    public Page<AuditView> page(AuditFilter filter) {
        Parsed parsed = parse(filter);
        return run(parsed.query(), parsed.limit());
    }

    /**
     * A page of one object's trail. The target comes from the path, so a {@code targetType} or
     * {@code targetId} parameter is refused rather than silently ignored.
     */
    public Page<AuditView> pageOfTarget(String targetType, String targetId, AuditFilter filter) {
        if (present(filter.targetType) || present(filter.targetId)) {
            throw ApiException.invalidField(
                    present(filter.targetType) ? "targetType" : "targetId",
                    "This trail is about one object already; leave out targetType and targetId.");
        }
        Parsed parsed = parse(filter);
        return run(parsed.query().of(targetType, targetId), parsed.limit());
    }

    private Page<AuditView> run(AuditQuery query, int limit) {
        List<AuditEntry> rows = repository.search(query, limit + 1);
        List<AuditView> items = rows.stream().limit(limit).map(AuditView::of).toList();
        String next = rows.size() > limit
                ? Cursors.encode(Long.toString(items.getLast().id()))
                : null;
        return new Page<>(items, next);
    }

    private record Parsed(AuditQuery query, int limit) {}

    private static Parsed parse(AuditFilter f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String actor = text("actor", f.actor, errors);
        String clientId = text("clientId", f.clientId, errors);
        String action = text("action", f.action, errors);
        String targetType = text("targetType", f.targetType, errors);
        String targetId = text("targetId", f.targetId, errors);
        String requestId = text("requestId", f.requestId, errors);
        Instant since = instant("since", f.since, errors);
        Instant before = instant("before", f.before, errors);
        if (since != null && before != null && !since.isBefore(before)) {
            errors.add(new Problem.FieldError("since", "since must be earlier than before"));
        }
        Long beforeId = cursor(f.cursor, errors);
        int limit = limit(f.limit, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(
                    "The audit query has " + errors.size() + " invalid parameter(s): "
                            + errors.stream()
                                    .map(e -> e.path() + " (" + e.message() + ")")
                                    .toList() + ".",
                    errors);
        }
        return new Parsed(
                new AuditQuery(actor, clientId, action, targetType, targetId, requestId, since, before, beforeId),
                limit);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String text(String name, String value, List<Problem.FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError(name, "at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value.strip();
    }

    private static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(
                    name, "an ISO-8601 instant such as 2026-11-26T05:00:00Z (send a '+' offset as %2B)"));
            return null;
        }
    }

    private static Long cursor(String value, List<Problem.FieldError> errors) {
        String key;
        try {
            key = Cursors.decode(value);
        } catch (ApiException e) {
            errors.add(new Problem.FieldError("cursor", CURSOR_HINT));
            return null;
        }
        if (key == null) {
            return null;
        }
        try {
            long id = Long.parseLong(key);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("cursor", CURSOR_HINT));
        return null;
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        if (!present(value)) {
            return Cursors.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= Cursors.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "limit must be a whole number between 1 and " + Cursors.MAX_LIMIT));
        return Cursors.DEFAULT_LIMIT;
    }
}
