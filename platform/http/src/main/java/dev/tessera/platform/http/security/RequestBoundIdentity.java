package dev.tessera.platform.http.security;

import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.security.Permission;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A remembered identity as one request sees it: the principal, roles, credentials, attributes and
 * permission checks of the identity quarkus-oidc verified, except that every attribute holding a routing
 * context (the identity quarkus-oidc builds names the request that verified the token) holds this one's.
 *
 * <p>It reads through to the remembered identity instead of copying it: copying (Quarkus' identity
 * builder duplicates the roles, credentials, attributes and permission checkers) showed in the gateway's
 * event-loop profile of a proxied read (see benchmarks/README.md), for a value that differs in one
 * attribute. The services copied until both sides shared this class; they replaced every attribute whose
 * value was a routing context, whatever its name, and so does this view, by value rather than by one
 * known name, so an attribute Quarkus adds under another name cannot leak the earlier request.
 */
final class RequestBoundIdentity implements SecurityIdentity {

    private final SecurityIdentity verified;
    private final RoutingContext context;

    RequestBoundIdentity(SecurityIdentity verified, RoutingContext context) {
        this.verified = verified;
        this.context = context;
    }

    @Override
    public Principal getPrincipal() {
        return verified.getPrincipal();
    }

    @Override
    public boolean isAnonymous() {
        return verified.isAnonymous();
    }

    @Override
    public Set<String> getRoles() {
        return verified.getRoles();
    }

    @Override
    public boolean hasRole(String role) {
        return verified.hasRole(role);
    }

    @Override
    public Set<Permission> getPermissions() {
        return verified.getPermissions();
    }

    @Override
    public <T extends Credential> T getCredential(Class<T> type) {
        return verified.getCredential(type);
    }

    @Override
    public Set<Credential> getCredentials() {
        return verified.getCredentials();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        Object value = verified.getAttribute(name);
        return (T) (value instanceof RoutingContext ? context : value);
    }

    @Override
    public Map<String, Object> getAttributes() {
        Map<String, Object> attributes = new HashMap<>(verified.getAttributes());
        attributes.replaceAll((name, value) -> value instanceof RoutingContext ? context : value);
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public Uni<Boolean> checkPermission(Permission permission) {
        return verified.checkPermission(permission);
    }

    @Override
    public boolean checkPermissionBlocking(Permission permission) {
        return verified.checkPermissionBlocking(permission);
    }

    @Override
    public Uni<Boolean> checkPermission(String permission) {
        return verified.checkPermission(permission);
    }

    @Override
    public boolean checkPermissionBlocking(String permission) {
        return verified.checkPermissionBlocking(permission);
    }
}
