package dev.tessera.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What one call through the gateway came back with: the HTTP status and the JSON body, or no status at
 * all when the gateway could not be reached or did not answer in time.
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param body the parsed JSON body; {@link MissingNode} when there was none or it was not JSON
 * @param raw the body as text (for downloads and error details); empty when there was no answer
 * @param contentType the answer's Content-Type, or null
 * @param failure why there was no answer (timeout, unreachable), or null when there was one
 */
public record ApiResponse(int status, JsonNode body, String raw, String contentType, String failure) {

    static ApiResponse answered(int status, JsonNode body, String raw, String contentType) {
        return new ApiResponse(status, body, raw, contentType, null);
    }

    static ApiResponse noAnswer(String failure) {
        return new ApiResponse(0, MissingNode.getInstance(), "", null, failure);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The gateway answered for a backend that is down, slow or whose breaker is open, or did not answer. */
    public boolean unavailable() {
        return status == 0 || status == 502 || status == 503 || status == 504;
    }

    /** The problem document's detail (RFC 9457), else its title, else the status. */
    public String detail() {
        if (status == 0) {
            return failure;
        }
        String detail = body.path("detail").asText("");
        if (!detail.isBlank()) {
            return detail;
        }
        String title = body.path("title").asText("");
        return title.isBlank() ? "HTTP " + status : title;
    }
}
