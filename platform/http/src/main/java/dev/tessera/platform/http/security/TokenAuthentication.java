package dev.tessera.platform.http.security;

import dev.tessera.platform.http.problem.ProblemResponses;
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
 * Bearer-token authentication for the gateway and every service: quarkus-oidc's, with two differences.
 *
 * <ul>
 *   <li>Its 401 challenge carries a problem document ({@link ProblemResponses#unauthenticated}). The
 *       HTTP security layer refuses a missing, expired or forged token before any route, resource or
 *       exception mapper runs, and would otherwise answer with an empty body.
 *   <li>A token quarkus-oidc accepted is remembered ({@link VerifiedTokens}) and its next calls get the
 *       remembered identity, bound to the new request ({@link RequestBoundIdentity}), without a second
 *       signature check and claims parse. Every other request, and every token not remembered, goes to
 *       quarkus-oidc unchanged, so a forged, expired or foreign token is refused exactly as before.
 * </ul>
 *
 * A CDI alternative, so it replaces quarkus-oidc's mechanism wherever this archive is on the class path.
 */
@Alternative
@Priority(1)
@Singleton
public class TokenAuthentication implements HttpAuthenticationMechanism {

    @Inject
    OidcAuthenticationMechanism oidc;

    @Inject
    VerifiedTokens verified;

    /** Set on a request whose identity was a remembered one. */
    private static final String FROM_MEMORY = TokenAuthentication.class.getName() + ".fromMemory";

    /**
     * The credential transport quarkus-oidc named for a bearer token. Quarkus asks for it after every
     * successful authentication, and quarkus-oidc answers by resolving the tenant, which parses the
     * request's cookies each time (visible in profiles of single-event ingest and of proxied reads; see
     * benchmarks/README.md). The gateway and each service have one tenant, so for a remembered token the
     * answer is the one already given.
     */
    private volatile HttpCredentialTransport bearerTransport;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context);
        if (token == null) {
            return oidc.authenticate(context, identities);
        }
        SecurityIdentity known = verified.find(token);
        if (known != null) {
            context.put(FROM_MEMORY, Boolean.TRUE);
            return Uni.createFrom().item(new RequestBoundIdentity(known, context));
        }
        return oidc.authenticate(context, identities).invoke(identity -> {
            if (identity != null
                    && !identity.isAnonymous()
                    && identity.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getExpirationTime() > 0) {
                verified.remember(token, identity, jwt.getExpirationTime());
            }
        });
    }

    /** How many tokens are remembered now. */
    public int remembered() {
        return verified.size();
    }

    /**
     * The token of a request with exactly one {@code Authorization: Bearer} header, else null (no
     * header, several, another scheme, or an empty token): those go to quarkus-oidc, which refuses them.
     */
    public static String bearerToken(RoutingContext context) {
        List<String> headers = context.request().headers().getAll("Authorization");
        if (headers.size() != 1) {
            return null;
        }
        String header = headers.getFirst();
        if (header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return oidc.getChallenge(context).flatMap(challenge -> {
            if ((challenge != null && challenge.status != 401) || !ProblemResponses.canAnswer(context)) {
                // Not a bearer refusal (a redirect of another flow), or too late for a body: as quarkus-oidc does it.
                return oidc.sendChallenge(context);
            }
            ProblemResponses.unauthenticated(context);
            return Uni.createFrom().item(true);
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        HttpCredentialTransport known = bearerTransport;
        if (known != null && context.get(FROM_MEMORY) != null) {
            return Uni.createFrom().item(known);
        }
        return oidc.getCredentialTransport(context).invoke(transport -> {
            if (transport != null
                    && transport.getTransportType() == HttpCredentialTransport.Type.AUTHORIZATION
                    && bearerToken(context) != null) {
                bearerTransport = transport;
            }
        });
    }

    @Override
    public int getPriority() {
        return oidc.getPriority();
    }
}
