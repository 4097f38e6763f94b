package dev.tessera.catalog.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class TopicSnapshotSettingsTest {

    private static final Map<String, Object> SERVICE = Map.of(
            "bootstrap.servers", "tessera-kafka-bootstrap:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/tessera/kafka-ca/ca.crt",
            "health-enabled", "false");

    @Test
    void theSnapshotsConsumerAndAdminClientLogInAsTheServiceDoes() {
        for (var known : java.util.List.of(ConsumerConfig.configNames(), AdminClientConfig.configNames())) {
            assertThat(TopicSnapshot.settings(SERVICE, known))
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsKey("sasl.jaas.config")
                    .containsEntry("ssl.truststore.location", "/etc/tessera/kafka-ca/ca.crt")
                    .doesNotContainKey("health-enabled");
        }
    }
}
