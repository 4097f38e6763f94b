package dev.tessera.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The error pages: 403 (no Tessera role, a page the user's roles do not open, or a form without its CSRF
 * token), 404 (no such page or nothing the user may see at this address), 503 (the platform cannot be reached at all) and 500 (a fault of the
 * portal's own, logged once). A 401 never shows a page: the login redirect answers it.
 */
@ApplicationScoped
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);
    }

    /** Thrown by a page whose core content does not exist for this user. */
    public static final class PageNotFoundException extends RuntimeException {
        public PageNotFoundException(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown by a page the user's roles do not open (the governance page for a consumer). */
    public static final class PageForbiddenException extends RuntimeException {
        public PageForbiddenException(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown by a page whose core content comes from a backend that did not answer. */
    public static final class PlatformUnavailableException extends RuntimeException {
        public PlatformUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    public Response forbidden(String message) {
        return page(403, "Not allowed", message);
    }

    @ServerExceptionMapper
    public Response csrf(Csrf.CsrfRefusedException e) {
        return forbidden("The form was sent without its security token, or with a stale one. Go back, reload the"
                + " page and send the form again.");
    }

    @ServerExceptionMapper
    public Response forbidden(PageForbiddenException e) {
        return forbidden(e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "Page not found", "There is no page at this address. Search for what you need instead.");
    }

    @ServerExceptionMapper
    public Response notFound(PageNotFoundException e) {
        return page(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(PlatformUnavailableException e) {
        return page(503, "Platform unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web
                && web.getResponse().getStatus() < 500) {
            return page(
                    web.getResponse().getStatus(),
                    "Request not understood",
                    "The page could not handle this request. Check the address or the form and try again.");
        }
        LOG.error("Page failed", e);
        return page(500, "Something went wrong", "The portal could not show this page. Try again in a moment.");
    }

    private static Response page(int status, String title, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, message).render())
                .build();
    }
}
