package dev.tessera.platform.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Makes sure a service's topics exist with the right settings before the first event goes out:
 * a compacted topic created by the broker's auto-create would silently keep everything forever.
 * On Kubernetes the topics come from Strimzi KafkaTopic resources and this finds them present.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    /** The service's kafka.* settings (bootstrap servers, and security settings where the broker has them). */
    @jakarta.inject.Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @jakarta.inject.Inject
    OutboxConfig config;

    private volatile boolean ready;

    /** True once the topics exist; tries to create them otherwise (cheap after the first success). */
    public boolean ensureTopics() {
        if (ready) {
            return true;
        }
        try (Admin admin = Admin.create(settings(kafka))) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = new java.util.ArrayList<>();
            for (String topic : names(config.compactedTopics())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, config.partitions(), config.replicationFactor())
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
                }
            }
            for (String topic : names(config.topics())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, config.partitions(), config.replicationFactor()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                LOG.infof(
                        "Created topics %s",
                        missing.stream().map(NewTopic::name).toList());
            }
            ready = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                ready = true;
            } else {
                LOG.debugf("Topics not provisioned yet: %s", e.toString());
            }
        }
        return ready;
    }

    /**
     * The admin client's settings: the service's kafka.* settings an admin client knows (so a broker
     * that wants TLS or SASL gets them here as the relay's producer does), with short timeouts, as
     * the relay retries on its next round.
     */
    static Map<String, Object> settings(Map<String, Object> service) {
        Map<String, Object> settings = new HashMap<>();
        service.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "tessera-topic-provisioner");
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return settings;
    }

    private static List<String> names(List<String> configured) {
        return configured.stream()
                .filter(t -> !t.isBlank() && !t.equals("none"))
                .toList();
    }
}
