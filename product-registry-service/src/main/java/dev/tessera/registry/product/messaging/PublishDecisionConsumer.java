package dev.tessera.registry.product.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import dev.tessera.events.governance.PublishDecisionV1;
import dev.tessera.registry.product.service.ProductLifecycle;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The registry's half of the publish saga: reads governance's decisions from
 * {@code tessera.governance} and publishes the pending version or sends it back to DRAFT with the
 * failing policies as its status reasons. Evaluations on the same topic are skipped.
 */
@ApplicationScoped
public class PublishDecisionConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.governance-decisions}. */
    public static final String CHANNEL = "governance-decisions";

    private static final Logger LOG = Logger.getLogger(PublishDecisionConsumer.class);

    @Inject
    ProductLifecycle lifecycle;

    @Inject
    ObjectMapper json;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void onDecision(ConsumerRecord<String, String> record) {
        if (!EventType.PUBLISH_DECIDED.type().equals(header(record, CloudEventAttributes.TYPE))
                || record.value() == null) {
            return;
        }
        PublishDecisionV1 decision;
        try {
            decision = json.readValue(record.value(), PublishDecisionV1.class);
        } catch (IOException e) {
            LOG.warnf("Skipping unreadable publish decision at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (decision.productId() == null || decision.version() == null) {
            LOG.warnf("Skipping publish decision at offset %d without product or version", record.offset());
            return;
        }
        boolean moved = lifecycle.applyPublishDecision(
                header(record, CloudEventAttributes.ID),
                decision.productId(),
                decision.version(),
                decision.productSequence(),
                decision.approved(),
                reasons(decision));
        if (!moved) {
            LOG.debugf(
                    "Publish decision for %s %s ignored: repeated, stale, or the version is no longer pending",
                    decision.productId(), decision.version());
        }
    }

    private static List<String> reasons(PublishDecisionV1 decision) {
        if (decision.failures() == null || decision.failures().isEmpty()) {
            return List.of("rejected by governance");
        }
        return decision.failures().stream()
                .map(f -> f.policyId() + " (" + f.outcome() + "): " + (f.message() == null ? f.name() : f.message())
                        + (f.remediation() == null ? "" : " - " + f.remediation()))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
