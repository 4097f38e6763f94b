package dev.tessera.portal.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Says on every 502, 503 and 504 the portal answers that the failure is not the portal's own: it keeps
 * no data, so each of those means an API behind it failed or did not answer. The gateway reads the
 * {@code Proxy-Status} header (RFC 9209) and leaves the portal's circuit breaker closed, so a service
 * being down never shuts off the whole web UI.
 */
public class ProxyStatus {

    /** The header's value: the portal as the intermediary, and the error it met further along. */
    static final String DESTINATION_UNAVAILABLE = "tessera-portal; error=destination_unavailable";

    @ServerResponseFilter
    public void mark(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status == 502 || status == 503 || status == 504) {
            response.getHeaders().putSingle("Proxy-Status", DESTINATION_UNAVAILABLE);
        }
    }
}
