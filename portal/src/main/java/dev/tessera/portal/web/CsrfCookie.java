package dev.tessera.portal.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Issues the CSRF cookie before a signed-in user's page is served, so it is on the response even when
 * a template is rendered after the headers have gone out (the layout writes the same token into its
 * forms then).
 */
public class CsrfCookie {

    @Inject
    Session session;

    @Inject
    Csrf csrf;

    @ServerRequestFilter
    public void issue(ContainerRequestContext request) {
        if (session.signedIn() && "GET".equals(request.getMethod())) {
            csrf.token();
        }
    }
}
