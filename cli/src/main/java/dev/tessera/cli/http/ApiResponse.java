package dev.tessera.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tessera.cli.CliException;

/**
 * One answer of the platform.
 *
 * @param status the HTTP status
 * @param body the body read as JSON; a missing node when it was empty or not JSON
 * @param text the body as text
 */
public record ApiResponse(int status, JsonNode body, String text) {

    /** A 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /**
     * This answer if it is a 2xx; otherwise a {@link CliException} that says what {@code action} ran into, with the
     * problem document's detail and field errors.
     */
    public ApiResponse orFail(String action) {
        if (ok()) {
            return this;
        }
        throw new CliException(action + ": " + describeProblem());
    }

    /** A problem answer in one line: status, detail (or title), and the first field errors with their pointers. */
    public String describeProblem() {
        StringBuilder text = new StringBuilder();
        text.append(status);
        String detail = body.path("detail").asText(body.path("title").asText(""));
        if (status == 401) {
            text.append(" not signed in or the token was refused; run 'tessera login'"
                    + " (CI: set TESSERA_CLIENT_ID and TESSERA_CLIENT_SECRET)");
        } else if (status == 403) {
            text.append(" forbidden");
        }
        if (!detail.isBlank()) {
            text.append(" ").append(detail);
        } else if (body.isMissingNode() && !this.text.isBlank() && status != 401) {
            text.append(" ").append(this.text.strip().lines().findFirst().orElse(""));
        }
        JsonNode errors = body.path("errors");
        for (int i = 0; i < Math.min(errors.size(), 5); i++) {
            JsonNode error = errors.get(i);
            text.append("; ")
                    .append(error.path("path").asText(error.path("field").asText("")))
                    .append(" ")
                    .append(error.path("message").asText(error.asText("")));
        }
        if (errors.size() > 5) {
            text.append("; and ").append(errors.size() - 5).append(" more");
        }
        return text.toString();
    }

    static ApiResponse of(int status, JsonNode body, String text) {
        return new ApiResponse(status, body == null ? MissingNode.getInstance() : body, text == null ? "" : text);
    }
}
