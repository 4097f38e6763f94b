package dev.tessera.platform.security;

import dev.tessera.platform.http.RequestIds;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request to a service an id ({@link RequestIds}: the gateway's {@code X-Request-Id} when it
 * is sane, a fresh one otherwise), echoes it on the response and hands it to audit entries through
 * {@link RequestInfo}.
 */
public class RequestIdFilter {

    @Inject
    RequestInfo info;

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext ctx) {
        info.requestId(RequestIds.orNew(ctx.getHeaderString(RequestIds.HEADER)));
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        if (info.requestId() != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, info.requestId());
        }
    }
}
