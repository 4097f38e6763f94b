package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final Path ROOT = Renderings.repositoryRoot();

    @Test
    void alertsCoverOutboxBacklogConsumerLagIndexDriftAndErrorRate() {
        assertThat(AlertRules.alerts(Renderings.java("overlays/prod")))
                .containsKeys(
                        "TesseraOutboxBacklog",
                        "TesseraConsumerLag",
                        "TesseraCatalogIndexDrift",
                        "TesseraHighErrorRate");
    }

    @Test
    void everyTesseraMetricAnAlertWatchesIsRegisteredByTheCode() {
        assertThat(AlertRules.unknownMetrics(Renderings.java("overlays/prod"), ROOT))
                .isEmpty();
    }

    @Test
    void anAlertOnAMetricNothingRegistersIsReported() {
        List<HasMetadata> broken = Mutations.changeCustom(Mutations.devCopy(), "PrometheusRule", "tessera", spec -> {
            @SuppressWarnings("unchecked")
            var groups = (List<Map<String, Object>>) spec.get("groups");
            @SuppressWarnings("unchecked")
            var rules = (List<Map<String, Object>>) groups.getFirst().get("rules");
            rules.getFirst().put("expr", "tessera_outbox_backlogg > 1000");
        });

        assertThat(AlertRules.unknownMetrics(broken, ROOT)).containsExactly("tessera_outbox_backlogg");
    }
}
