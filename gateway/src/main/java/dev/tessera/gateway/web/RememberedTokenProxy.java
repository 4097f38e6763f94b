package dev.tessera.gateway.web;

import dev.tessera.gateway.config.GatewayConfig;
import dev.tessera.gateway.limit.RateLimitFilter;
import dev.tessera.gateway.proxy.ProxyHandler;
import dev.tessera.gateway.proxy.RouteTable;
import dev.tessera.platform.http.security.TokenAuthentication;
import dev.tessera.platform.http.security.VerifiedTokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.AuthRuntimeConfig;
import io.quarkus.vertx.http.runtime.PolicyConfig;
import io.quarkus.vertx.http.runtime.PolicyMappingConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Proxies a routed call straight away when its bearer token is one quarkus-oidc verified moments
 * ago ({@link VerifiedTokens}) and that token's identity holds a Tessera role: the outcome Quarkus'
 * security chain would reach for it, without running the chain again. The chain (authentication
 * with its Mutiny pipelines and context propagation, then the path-matching permission check)
 * was a large share of the gateway's CPU on a proxied read after the token cache had already
 * removed the signature check (figures in benchmarks/README.md); a client sends the same token
 * for many calls.
 *
 * <p>It only ever lets through what the chain would let through, and hands everything else to
 * the chain unchanged:
 *
 * <ul>
 *   <li>only paths of a configured route under {@code /api/}, where the permission table applies
 *       the role policy {@link #ROLE_POLICY} (read from the same configuration the chain uses), and
 *       never {@code OPTIONS};
 *   <li>only a token that passed quarkus-oidc's full verification and is still within its
 *       {@code exp} and the cache's maximum age; an unknown, refused or expired token, or a
 *       request with no or several {@code Authorization} headers, goes to the chain, which answers
 *       401 as before;
 *   <li>only an identity with one of the policy's roles; one without goes to the chain, which
 *       answers 403;
 *   <li>the caller's rate limit is taken as the limit filter takes it, after the check.
 * </ul>
 *
 * It runs after CORS (300) and before authentication (200). If the permission table is not the
 * one the gateway ships with ({@link #unsupported}), it switches itself off at start-up, since it
 * could not know what the change demands. Each service verifies the forwarded token again.
 *
 * <p>The table is read through Quarkus' own configuration mapping ({@code VertxHttpConfig} and the
 * types under it in {@code io.quarkus.vertx.http.runtime}), which is not public API: Quarkus offers no
 * public way to read the permission table, and reading the raw {@code quarkus.http.auth.*} keys would
 * mean resolving environment-variable names, defaults and profiles as the mapping does (an entry this
 * guard misses is one the shortcut would wrongly stand in for). {@code QuarkusAuthConfigContractTest}
 * names every member of those types the guard accounts for and fails on an upgrade that changes them.
 * Permissions added in code ({@code HttpSecurity}) are not in the configuration; the gateway adds none.
 */
@Singleton
public class RememberedTokenProxy {

    private static final Logger LOG = Logger.getLogger(RememberedTokenProxy.class);

    /** After CORS (300), before authentication (200). */
    static final int PRIORITY = 250;

    /** The permission policy the gateway applies to {@code /api/*}. */
    static final String ROLE_POLICY = "tessera-role";

    /** The permission entries the gateway ships with (public, preflight, api, portal). */
    static final Set<String> SHIPPED_PERMISSIONS = Set.of("public", "preflight", "api", "portal");

    /** The built-in policy of every shipped entry but {@code api}. */
    static final String PERMIT = "permit";

    @Inject
    VerifiedTokens verified;

    @Inject
    RouteTable routes;

    @Inject
    RateLimitFilter limits;

    @Inject
    ProxyHandler proxy;

    @Inject
    GatewayConfig config;

    @Inject
    Config settings;

    private final LongAdder served = new LongAdder();
    /** The roles of {@link #ROLE_POLICY}; a remembered identity with none of them goes to the chain. */
    private String[] roles;

    void register(@Observes Filters filters) {
        if (!config.rememberedTokenShortcut()) {
            return;
        }
        AuthRuntimeConfig auth = settings.unwrap(SmallRyeConfig.class)
                .getConfigMapping(VertxHttpConfig.class)
                .auth();
        String reason = unsupported(auth);
        if (reason != null) {
            LOG.warnf("Every call goes through the security chain: %s.", reason);
            return;
        }
        roles = auth.rolePolicy().get(ROLE_POLICY).rolesAllowed().toArray(String[]::new);
        filters.register(this::shortcut, PRIORITY);
    }

    /**
     * Why the shortcut cannot stand in for the configured permission table, or null if it can: the
     * table must be the one the gateway ships, {@code /api/*} held to the role policy for every
     * method and every authentication mechanism, every other entry permitting all callers (so none
     * can be stricter than the role policy on a path under {@code /api/}), the policy naming roles
     * that are not mapped to others, and authentication not inclusive (which would demand an
     * identity from every mechanism, not only the bearer token).
     */
    static String unsupported(AuthRuntimeConfig auth) {
        Set<String> extra = new TreeSet<>(auth.permissions().keySet());
        extra.removeAll(SHIPPED_PERMISSIONS);
        if (!extra.isEmpty()) {
            return "the permission table has entries the gateway does not ship with " + extra;
        }
        if (auth.inclusive()) {
            return "inclusive authentication is on (quarkus.http.auth.inclusive)";
        }
        for (String name : new TreeSet<>(auth.permissions().keySet())) {
            PolicyMappingConfig entry = auth.permissions().get(name);
            if (!name.equals("api") && entry.enabled().orElse(true) && !PERMIT.equals(entry.policy())) {
                return "the '" + name + "' permission applies the " + entry.policy() + " policy, not " + PERMIT;
            }
        }
        PolicyMappingConfig api = auth.permissions().get("api");
        if (api == null
                || !api.enabled().orElse(true)
                || !ROLE_POLICY.equals(api.policy())
                || !api.paths().orElse(List.of()).equals(List.of("/api/*"))
                || !api.methods().orElse(List.of()).isEmpty()
                || api.authMechanism().isPresent()
                || api.appliesTo() != PolicyMappingConfig.AppliesTo.ALL) {
            return "the 'api' permission does not hold every method on /api/* to the " + ROLE_POLICY + " policy";
        }
        PolicyConfig policy = auth.rolePolicy().get(ROLE_POLICY);
        if (policy == null
                || policy.rolesAllowed().isEmpty()
                || !policy.roles().isEmpty()
                || !auth.rolesMapping().isEmpty()) {
            return "the " + ROLE_POLICY + " policy allows no role, or roles are mapped";
        }
        return null;
    }

    void shortcut(RoutingContext ctx) {
        String path = ctx.request().path();
        RouteTable.Match match =
                path != null && path.startsWith("/api/") && ctx.request().method() != HttpMethod.OPTIONS
                        ? routes.match(path)
                        : null;
        SecurityIdentity identity = null;
        if (match != null) {
            String token = TokenAuthentication.bearerToken(ctx);
            identity = token != null ? verified.find(token) : null;
        }
        if (identity == null || !holdsRole(identity)) {
            ctx.next();
            return;
        }
        served.increment();
        if (limits.admit(ctx, match, RateLimitFilter.clientKey(identity))) {
            proxy.forward(ctx, match);
        }
    }

    /** How many calls the shortcut took instead of the security chain, proxied or refused by the rate limit (for tests). */
    long served() {
        return served.sum();
    }

    private boolean holdsRole(SecurityIdentity identity) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }
}
