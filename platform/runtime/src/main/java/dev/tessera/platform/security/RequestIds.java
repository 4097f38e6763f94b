package dev.tessera.platform.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id (the gateway's {@code X-Request-Id} when it looks sane, a fresh one
 * otherwise), echoes it on the response and hands it to audit entries through {@link RequestInfo}.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    RequestInfo info;

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext ctx) {
        String given = ctx.getHeaderString(HEADER);
        info.requestId(
                given != null && SANE.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString());
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        if (info.requestId() != null) {
            response.getHeaders().putSingle(HEADER, info.requestId());
        }
    }
}
