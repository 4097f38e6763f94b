package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkPolicyTest {

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void onlyTheGatewayIsReachableFromOutsideAndEachServiceReachesOnlyWhatItNeeds(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.networkExposure(rendering.objects())).isEmpty();
    }

    @Test
    void anIngressToAServiceOtherThanTheGatewayIsReported() {
        List<HasMetadata> broken = Mutations.change(Mutations.devCopy(), Ingress.class, "tessera", i -> i.getSpec()
                .getRules()
                .getFirst()
                .getHttp()
                .getPaths()
                .getFirst()
                .getBackend()
                .getService()
                .setName("product-registry-service"));

        assertThat(ManifestPolicies.networkExposure(broken))
                .containsExactly("Ingress tessera exposes product-registry-service");
    }

    @Test
    void aServiceReachingAnotherServicesDatabaseIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), NetworkPolicy.class, "product-registry-service", p -> p.getSpec()
                        .getEgress()
                        .getLast()
                        .getTo()
                        .add(new NetworkPolicyPeerBuilder()
                                .withPodSelector(new LabelSelectorBuilder()
                                        .addToMatchLabels("cnpg.io/cluster", "governance-db")
                                        .build())
                                .build()));

        assertThat(ManifestPolicies.networkExposure(broken))
                .singleElement()
                .asString()
                .startsWith("NetworkPolicy product-registry-service lets product-registry-service reach")
                .contains("governance-db");
    }

    @Test
    void aServiceOpenToEveryoneIsReported() {
        List<HasMetadata> broken =
                Mutations.change(Mutations.devCopy(), NetworkPolicy.class, "lineage-service", p -> p.getSpec()
                        .getIngress()
                        .getFirst()
                        .setFrom(List.of()));

        assertThat(ManifestPolicies.networkExposure(broken))
                .containsExactly("NetworkPolicy lineage-service admits traffic from anywhere");
    }
}
