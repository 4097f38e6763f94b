package dev.tessera.platform.security;

import jakarta.enterprise.context.RequestScoped;

/** Per-request facts that service code needs but should not read from HTTP itself. */
@RequestScoped
public class RequestInfo {

    private String requestId;

    /** The request id (see {@link RequestIdFilter}); null outside HTTP requests. */
    public String requestId() {
        return requestId;
    }

    // Set through a method: a field written on the client proxy would never reach the request's instance.
    void requestId(String id) {
        this.requestId = id;
    }
}
