package dev.tessera.platform.security;

import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.http.problem.ProblemType;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Bearer-token authentication exactly as quarkus-oidc does it, except that its 401 challenge
 * carries a problem document. The HTTP security layer refuses a missing, expired or forged token
 * before any resource or exception mapper runs, and would otherwise answer with an empty body.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallenge implements HttpAuthenticationMechanism {

    @Inject
    OidcAuthenticationMechanism delegate;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return delegate.getChallenge(context).flatMap(challenge -> {
            HttpServerResponse response = context.response();
            if ((challenge != null && challenge.status != 401) || response.headWritten()) {
                return delegate.sendChallenge(context);
            }
            ProblemType type = ProblemType.UNAUTHENTICATED;
            JsonObject problem = new JsonObject()
                    .put("type", type.uri().toString())
                    .put("title", type.title())
                    .put("status", type.status())
                    .put("detail", "Send a valid bearer token (an access token from the tessera realm).")
                    .put("instance", context.request().path());
            response.setStatusCode(type.status())
                    .putHeader("WWW-Authenticate", "Bearer")
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(problem.encode());
            return Uni.createFrom().item(true);
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }
}
