package dev.tessera.registry.security;

import jakarta.enterprise.context.RequestScoped;

/** Per-request facts that service code needs but should not read from HTTP itself. */
@RequestScoped
public class RequestInfo {

    /** The request id (see {@link RequestIds}); null outside HTTP requests. */
    String requestId;

    public String requestId() {
        return requestId;
    }
}
