package dev.tessera.gateway.web;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer-token authentication exactly as quarkus-oidc does it, except that its 401 challenge
 * carries a problem document (the HTTP security layer answers a missing or refused token before
 * any route or exception mapper runs, with an empty body otherwise), and that a token quarkus-oidc
 * accepted is remembered until it expires ({@link VerifiedTokens}): clients send the same token for
 * many calls, and its signature, issuer, audience and type cannot change in between.
 */
@Alternative
@Priority(1)
@Singleton
public class ProblemChallenge implements HttpAuthenticationMechanism {

    @Inject
    OidcAuthenticationMechanism delegate;

    /** Marks a request whose identity came from {@link #verified}. */
    private static final String REMEMBERED = ProblemChallenge.class.getName() + ".remembered";

    @Inject
    VerifiedTokens verified;

    /**
     * What quarkus-oidc answers for the credential transport of a bearer-token request. The gateway
     * has one tenant, a service, so the answer is the same for every such request; asking again
     * resolves the tenant and parses the request's cookies each time.
     */
    private volatile HttpCredentialTransport bearerTransport;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context);
        if (token == null) {
            return delegate.authenticate(context, identityProviderManager);
        }
        SecurityIdentity known = verified.get(token);
        if (known != null) {
            context.put(REMEMBERED, Boolean.TRUE);
            // The remembered identity, bound to this request rather than to the one that verified it.
            return Uni.createFrom().item(new RequestBoundIdentity(known, context));
        }
        return delegate.authenticate(context, identityProviderManager).invoke(identity -> {
            if (identity != null
                    && !identity.isAnonymous()
                    && identity.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getExpirationTime() > 0) {
                verified.put(token, identity, jwt.getExpirationTime());
            }
        });
    }

    /** How many verified tokens are remembered (for tests). */
    int rememberedTokens() {
        return verified.size();
    }

    /** The token of a request with exactly one {@code Authorization: Bearer} header, else null. */
    static String bearerToken(RoutingContext context) {
        List<String> headers = context.request().headers().getAll("Authorization");
        if (headers.size() != 1) {
            return null;
        }
        String header = headers.get(0);
        if (header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return delegate.getChallenge(context).flatMap(challenge -> {
            if (challenge != null && challenge.status != 401) {
                // Not a bearer refusal (a redirect of another flow): leave it as the delegate shapes it.
                return delegate.sendChallenge(context);
            }
            Problems.unauthenticated(context);
            return Uni.createFrom().item(true);
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        HttpCredentialTransport known = bearerTransport;
        if (known != null && context.get(REMEMBERED) != null) {
            return Uni.createFrom().item(known);
        }
        return delegate.getCredentialTransport(context).invoke(transport -> {
            if (transport != null
                    && transport.getTransportType() == HttpCredentialTransport.Type.AUTHORIZATION
                    && bearerToken(context) != null) {
                bearerTransport = transport;
            }
        });
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }
}
