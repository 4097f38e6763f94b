package dev.tessera.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.Topics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopicPolicyTest {

    private static final Path ROOT = Renderings.repositoryRoot();

    static Stream<Renderings.Rendering> renderings() {
        return Renderings.all();
    }

    @Test
    void theTopicsInUseAreReadFromTheCodeTheContractAndTheServicesConfiguration() {
        assertThat(EventContract.usedTopics(ROOT)).containsAll(Topics.ALL).contains("tessera.governance");
        assertThat(EventContract.compactedTopics(ROOT)).containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyTopicTheCodeUsesHasAKafkaTopicCompactedWhereTheContractSays(Renderings.Rendering rendering) {
        assertThat(ManifestPolicies.topics(
                        rendering.objects(), EventContract.usedTopics(ROOT), EventContract.compactedTopics(ROOT)))
                .isEmpty();
    }

    @Test
    void aTopicWithoutKafkaTopicIsReported() {
        List<HasMetadata> broken = Mutations.remove(Mutations.devCopy(), "KafkaTopic", "tessera-lineage");

        assertThat(ManifestPolicies.topics(broken, Set.of("tessera.lineage", "tessera.products"), Topics.COMPACTED))
                .containsExactly("topic tessera.lineage is used by the code but has no KafkaTopic");
    }

    @Test
    void aCompactedTopicDeclaredWithDeletionIsReported() {
        List<HasMetadata> broken =
                Mutations.changeCustom(Mutations.devCopy(), "KafkaTopic", "tessera-products", spec -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> config = (Map<String, Object>) spec.get("config");
                    config.put("cleanup.policy", "delete");
                });

        assertThat(ManifestPolicies.topics(broken, Topics.ALL, Topics.COMPACTED))
                .containsExactly("topic tessera.products must be compacted (cleanup.policy: compact)");
    }
}
