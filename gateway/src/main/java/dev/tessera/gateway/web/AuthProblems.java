package dev.tessera.gateway.web;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Turns refusals of the HTTP security layer (which answers before any route runs) into problem
 * documents, so the gateway's 401 and 403 read like every other Tessera error.
 */
@ApplicationScoped
public class AuthProblems {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            if (failure instanceof AuthenticationRedirectException) {
                ctx.next();
            } else if (failure instanceof AuthenticationFailedException
                    || failure instanceof AuthenticationCompletionException
                    || failure instanceof UnauthorizedException) {
                Problems.unauthenticated(ctx);
            } else if (failure instanceof ForbiddenException) {
                Problems.forbidden(ctx);
            } else {
                ctx.next();
            }
        });
    }
}
