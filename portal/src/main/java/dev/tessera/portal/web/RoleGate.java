package dev.tessera.portal.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Shows the 403 page to a signed-in user who holds no Tessera role, before any page calls the
 * platform: the gateway would refuse every call anyway, and one clear page beats a page of refused
 * panels. Anonymous requests never reach here on pages (login comes first).
 */
public class RoleGate {

    @Inject
    Session session;

    @Inject
    ErrorPages pages;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!session.signedIn() || session.tesseraUser()) {
            return null;
        }
        return pages.forbidden(
                "You are signed in as " + session.name() + ", but your account holds no Tessera role. Ask a"
                        + " platform administrator for one (data-consumer to find and request data products).");
    }
}
