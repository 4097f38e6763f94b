package dev.tessera.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus application under test the shared real Kafka broker. Attach with
 * {@code @WithTestResource(KafkaTestResource.class)}; reach the broker (to stop and restart it)
 * through {@link SharedInfrastructure#kafka()}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedKafka kafka = SharedInfrastructure.kafka();
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(), "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // Shared across test classes; stopped when the JVM exits. Leave it running if a test stopped it
        // mid-way and forgot to restart: the next class would otherwise see a dead broker.
        SharedInfrastructure.kafka().restart();
    }
}
