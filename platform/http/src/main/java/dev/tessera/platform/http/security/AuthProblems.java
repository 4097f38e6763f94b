package dev.tessera.platform.http.security;

import dev.tessera.platform.http.problem.ProblemResponses;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Turns refusals of the HTTP security layer, which answers before any route, resource or exception
 * mapper runs, into problem documents: a 401 with the bearer challenge for a missing or refused token, a
 * 403 when the path's permission does not accept the token's roles (the gateway's {@code /api/*} table).
 * Without it Quarkus answers both with an empty body. A redirect of another flow and every other failure
 * go on to the next handler unchanged.
 *
 * <p>The gateway and every service register it. A service's permission table only asks for an
 * authenticated caller, so there it meets refused tokens, answered with the very document and challenge
 * {@link TokenAuthentication} sends.
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
                answerOrPass(ctx, ProblemResponses.unauthenticated(ctx));
            } else if (failure instanceof ForbiddenException) {
                answerOrPass(ctx, ProblemResponses.forbidden(ctx));
            } else {
                ctx.next();
            }
        });
    }

    /** A response already under way is left to the handlers after this one. */
    private static void answerOrPass(RoutingContext ctx, boolean answered) {
        if (!answered) {
            ctx.next();
        }
    }
}
