package dev.tessera.lineage.usage.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.usage.AttentionV1;
import dev.tessera.lineage.product.messaging.PlatformEventsConsumer;
import dev.tessera.lineage.usage.service.AttentionRecorder;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads tessera.attention, the catalog's page views and search click-throughs per product, under
 * lineage's consumer group as the other platform topics are read. Each record is applied once (its
 * CloudEvents id) and only when newer than the product's last one (its sequence); a record that is
 * not readable is logged and skipped, since retrying it could never succeed.
 */
@ApplicationScoped
public class AttentionConsumer {

    /** Channel name, shared with the configuration. */
    public static final String ATTENTION = "attention-in";

    private static final Logger LOG = Logger.getLogger(AttentionConsumer.class);

    @Inject
    AttentionRecorder attention;

    @Inject
    ObjectMapper json;

    @Incoming(ATTENTION)
    @Blocking
    public void onAttention(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        AttentionV1 state;
        try {
            state = json.readValue(record.value(), AttentionV1.class);
        } catch (JsonProcessingException e) {
            LOG.warnf(
                    "Skipping unreadable record %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            return;
        }
        if (state.productId() != null) {
            attention.apply(PlatformEventsConsumer.eventId(record), state);
        }
    }
}
