package dev.tessera.platform.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.security.BasicPermission;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A remembered identity reused for a later request answers as the verified one, but names the later request. */
class RequestBoundIdentityTest {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    @Test
    void theLaterRequestSeesItsOwnRoutingContextAndEverythingElseAsVerified() {
        RoutingContext verifyingRequest = request();
        RoutingContext laterRequest = request();
        TokenCredential token = new TokenCredential("the-token", "bearer");
        SecurityIdentity verified = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("ada"))
                .addRoles(Set.of("domain-owner", "data-consumer"))
                .addCredential(token)
                .addAttribute(ROUTING_CONTEXT, verifyingRequest)
                .addAttribute("tenant-id", "Default")
                .addPermissionChecker(permission -> io.smallrye.mutiny.Uni.createFrom()
                        .item(permission.getName().equals("products:write")))
                .build();

        SecurityIdentity bound = new RequestBoundIdentity(verified, laterRequest);

        assertThat((Object) bound.getAttribute(ROUTING_CONTEXT)).isSameAs(laterRequest);
        assertThat(bound.getAttributes())
                .containsEntry(ROUTING_CONTEXT, laterRequest)
                .containsEntry("tenant-id", "Default");
        assertThat((Object) bound.getAttribute("tenant-id")).isEqualTo("Default");
        assertThat(bound.getPrincipal().getName()).isEqualTo("ada");
        assertThat(bound.isAnonymous()).isFalse();
        assertThat(bound.getRoles()).containsExactlyInAnyOrder("domain-owner", "data-consumer");
        assertThat(bound.hasRole("domain-owner")).isTrue();
        assertThat(bound.hasRole("platform-admin")).isFalse();
        assertThat(bound.getCredential(TokenCredential.class)).isSameAs(token);
        assertThat(bound.getCredentials()).containsExactly(token);
        assertThat(bound.checkPermissionBlocking(new BasicPermission("products:write") {}))
                .isTrue();
        assertThat(bound.checkPermissionBlocking(new BasicPermission("products:delete") {}))
                .isFalse();
        // The verified identity itself still names the request that verified it.
        assertThat((Object) verified.getAttribute(ROUTING_CONTEXT)).isSameAs(verifyingRequest);
    }

    @Test
    void aRoutingContextUnderAnyAttributeNameIsTheLaterRequests() {
        RoutingContext verifyingRequest = request();
        RoutingContext laterRequest = request();
        SecurityIdentity verified = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("ada"))
                .addAttribute("some.other.name", verifyingRequest)
                .build();

        SecurityIdentity bound = new RequestBoundIdentity(verified, laterRequest);

        assertThat((Object) bound.getAttribute("some.other.name")).isSameAs(laterRequest);
        assertThat(bound.getAttributes()).containsEntry("some.other.name", laterRequest);
        assertThat(bound.getAttributes().values()).doesNotContain(verifyingRequest);
    }

    /** A distinct stand-in for a request's routing context; the identity only hands it on. */
    private static RoutingContext request() {
        return (RoutingContext) Proxy.newProxyInstance(
                RoutingContext.class.getClassLoader(), new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
