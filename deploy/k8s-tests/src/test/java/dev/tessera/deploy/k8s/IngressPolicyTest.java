package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IngressPolicyTest {

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theGatewaysMetricsAreRefusedAtTheIngressAndScrapedInsideTheCluster(Renderings.Rendering rendering) {
        assertThat(IngressPolicies.gatewayMetricsStayInside(rendering.objects()))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void keycloakShowsOnlyTheTesseraRealmAndTheLoginPagesAssets(Renderings.Rendering rendering) {
        assertThat(IngressPolicies.keycloakShowsOnlyTheTesseraRealm(rendering.objects()))
                .isEmpty();
    }

    @Test
    void metricsReachableThroughTheGatewaysIngressAreReported() {
        List<HasMetadata> broken = Mutations.devCopy();
        broken.removeIf(o -> o instanceof Ingress i
                && IngressPolicies.route(List.of(i), "tessera.localtest.me", "/q/metrics")
                        .filter(IngressPolicies.Route::deniesEveryone)
                        .isPresent());

        assertThat(IngressPolicies.gatewayMetricsStayInside(broken))
                .contains("GET tessera.localtest.me/q/metrics is public: Ingress tessera path / -> gateway");
    }

    @Test
    void keycloaksAdministrationOnTheLoginHostIsReported() {
        List<HasMetadata> broken = Mutations.change(Mutations.devCopy(), Ingress.class, "keycloak", i -> i.getSpec()
                .getRules()
                .getFirst()
                .getHttp()
                .getPaths()
                .add(new HTTPIngressPathBuilder()
                        .withPath("/admin")
                        .withPathType("Prefix")
                        .withNewBackend()
                        .withNewService()
                        .withName("keycloak-service")
                        .withNewPort()
                        .withNumber(8080)
                        .endPort()
                        .endService()
                        .endBackend()
                        .build()));

        assertThat(IngressPolicies.keycloakShowsOnlyTheTesseraRealm(broken))
                .containsExactly(
                        "GET auth.tessera.localtest.me/admin is public: Ingress keycloak path /admin -> keycloak-service",
                        "GET auth.tessera.localtest.me/admin/ is public: Ingress keycloak path /admin -> keycloak-service",
                        "GET auth.tessera.localtest.me/admin/master/console/ is public: Ingress keycloak path /admin -> keycloak-service",
                        "GET auth.tessera.localtest.me/admin/realms/tessera/users is public: Ingress keycloak path /admin -> keycloak-service");
    }

    @Test
    void prefixPathsMatchWholePathElementsAsKubernetesSays() {
        var realm = new HTTPIngressPathBuilder()
                .withPath("/realms/tessera")
                .withPathType("Prefix")
                .build();

        assertThat(IngressPolicies.matches(realm, "/realms/tessera")).isTrue();
        assertThat(IngressPolicies.matches(realm, "/realms/tessera/protocol")).isTrue();
        assertThat(IngressPolicies.matches(realm, "/realms/tessera-other")).isFalse();
        assertThat(IngressPolicies.matches(realm, "/realms/master")).isFalse();
    }
}
