package dev.tessera.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    @Test
    void theAdminClientTakesTheServicesConnectionAndSecuritySettings() {
        Map<String, Object> service = Map.of(
                "bootstrap.servers", "kafka-0:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "scram-login",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                // Producer-only settings mean nothing to an admin client and are left out.
                "acks", "1",
                "linger.ms", 20);

        Map<String, Object> settings = TopicProvisioner.settings(service);

        assertThat(settings)
                .containsEntry("bootstrap.servers", "kafka-0:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "scram-login")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("request.timeout.ms", 5000)
                .containsEntry("default.api.timeout.ms", 5000)
                .doesNotContainKeys("acks", "linger.ms");
    }
}
