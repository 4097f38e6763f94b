package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lineage runs as several replicas, each following tessera.lineage into its own index: the base
 * keeps at least two of them, never lets a disruption take more than one, and alerts when a
 * replica's index falls behind.
 */
class LineageReplicasTest {

    private static final String LINEAGE = "lineage-service";

    @Test
    void theBaseRunsAtLeastTwoLineageReplicasUnderAnAutoscaler() {
        HorizontalPodAutoscaler hpa =
                ManifestPolicies.of(Renderings.java("base"), HorizontalPodAutoscaler.class).stream()
                        .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(LINEAGE))
                        .findFirst()
                        .orElseThrow();

        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    }

    @Test
    void aDisruptionTakesAtMostOneLineageReplicaAndARolloutNone() {
        List<HasMetadata> base = Renderings.java("base");
        PodDisruptionBudget pdb = ManifestPolicies.of(base, PodDisruptionBudget.class).stream()
                .filter(p -> p.getMetadata().getName().equals(LINEAGE))
                .findFirst()
                .orElseThrow();
        Deployment deployment = ManifestPolicies.of(base, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(LINEAGE))
                .findFirst()
                .orElseThrow();

        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        // A new pod serves only once its index caught up (readiness), and no old one goes before that.
        assertThat(deployment
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();
        assertThat(deployment.getSpec().getReplicas())
                .as("the autoscaler owns the count")
                .isNull();
    }

    @Test
    void anAlertWatchesEveryLineageReplicasIndexLag() {
        assertThat(AlertRules.alerts(Renderings.java("overlays/prod")))
                .hasEntrySatisfying("TesseraLineageIndexLag", expr -> assertThat(expr)
                        .contains("tessera_lineage_index_lag_records")
                        .contains("pod"));
    }
}
