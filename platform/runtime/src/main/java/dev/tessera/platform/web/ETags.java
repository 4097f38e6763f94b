package dev.tessera.platform.web;

import dev.tessera.platform.http.problem.ProblemType;
import dev.tessera.platform.problem.ApiException;
import jakarta.ws.rs.core.EntityTag;

/** Strong ETags derived from an aggregate's sequence, and If-Match checks against them. */
public final class ETags {

    private ETags() {}

    public static EntityTag of(long sequence) {
        return new EntityTag(Long.toString(sequence));
    }

    /**
     * Refuses a write with 412 when the caller's {@code If-Match} names another version. Without
     * If-Match the write goes ahead: "apply" from pipelines is last-writer-wins by design.
     */
    public static void check(String ifMatch, long currentSequence) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String expected = "\"" + currentSequence + "\"";
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(expected)) {
                return;
            }
        }
        throw new ApiException(
                ProblemType.PRECONDITION_FAILED,
                "If-Match " + ifMatch + " does not match the current ETag " + expected
                        + ": someone changed this resource since you read it. Read it again and reapply your change.",
                java.util.List.of(),
                java.util.Map.of("currentETag", expected));
    }
}
