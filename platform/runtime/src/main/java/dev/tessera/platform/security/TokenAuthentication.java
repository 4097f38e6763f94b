package dev.tessera.platform.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer authentication as the platform does it (quarkus-oidc, with a problem document for a
 * refused token), except that a token it accepted is remembered for its next calls
 * ({@link VerifiedTokens}). Every other request, and every token not remembered, goes through the
 * platform's mechanism unchanged, so a forged, expired or foreign token is refused exactly as before.
 */
@Alternative
@Priority(2)
@ApplicationScoped
public class TokenAuthentication implements HttpAuthenticationMechanism {

    @Inject
    ProblemChallenge platform;

    private final VerifiedTokens verified = new VerifiedTokens();

    /** Set on a request whose identity was a remembered one. */
    private static final String FROM_MEMORY = TokenAuthentication.class.getName() + ".fromMemory";

    /**
     * The credential transport quarkus-oidc named for a bearer token. Quarkus asks for it after every
     * successful authentication, and quarkus-oidc answers by resolving the tenant, which parses the
     * request's cookies each time (visible in lineage's profile of single-event ingest; see
     * benchmarks/README.md). A service has
     * one tenant, so for a remembered token the answer is the one already given.
     */
    private volatile HttpCredentialTransport bearerTransport;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context);
        if (token == null) {
            return platform.authenticate(context, identities);
        }
        SecurityIdentity known = verified.find(token);
        if (known != null) {
            context.put(FROM_MEMORY, Boolean.TRUE);
            return Uni.createFrom().item(forThisRequest(known, context));
        }
        return platform.authenticate(context, identities).invoke(identity -> {
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

    /** The remembered identity, its attributes that point at a request pointing at this one instead. */
    private static SecurityIdentity forThisRequest(SecurityIdentity known, RoutingContext context) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(known);
        for (Map.Entry<String, Object> attribute : known.getAttributes().entrySet()) {
            if (attribute.getValue() instanceof RoutingContext) {
                builder.addAttribute(attribute.getKey(), context);
            }
        }
        return builder.build();
    }

    /** The token of a request with exactly one {@code Authorization: Bearer} header, else null. */
    private static String bearerToken(RoutingContext context) {
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
        return platform.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return platform.sendChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return platform.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        HttpCredentialTransport known = bearerTransport;
        if (known != null && context.get(FROM_MEMORY) != null) {
            return Uni.createFrom().item(known);
        }
        return platform.getCredentialTransport(context).invoke(transport -> {
            if (transport != null
                    && transport.getTransportType() == HttpCredentialTransport.Type.AUTHORIZATION
                    && bearerToken(context) != null) {
                bearerTransport = transport;
            }
        });
    }

    @Override
    public int getPriority() {
        return platform.getPriority() + 1;
    }
}
