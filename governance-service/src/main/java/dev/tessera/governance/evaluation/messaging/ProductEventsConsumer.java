package dev.tessera.governance.evaluation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.governance.evaluation.service.EvaluationService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code tessera.products}: every product change is evaluated, and a publish request is
 * answered with a decision. A record that cannot be read is logged and skipped rather than
 * stopping the channel (a tolerant reader; the registry validates what it publishes).
 */
@ApplicationScoped
public class ProductEventsConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.products}. */
    public static final String CHANNEL = "products";

    private static final Logger LOG = Logger.getLogger(ProductEventsConsumer.class);

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper json;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void onProductEvent(ConsumerRecord<String, String> record) {
        Optional<EventType> type = Optional.ofNullable(header(record, CloudEventAttributes.TYPE))
                .flatMap(EventType::fromType)
                .filter(t -> Topics.PRODUCTS.equals(t.topic()));
        if (type.isEmpty() || record.value() == null) {
            return;
        }
        JsonNode payload;
        ProductStateV1 state;
        try {
            payload = json.readTree(record.value());
            state = json.treeToValue(payload, ProductStateV1.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf(
                    "Skipping unreadable %s event at offset %d: %s",
                    type.get().type(), record.offset(), e.getMessage());
            return;
        }
        if (state.productId() == null || state.domainId() == null) {
            LOG.warnf(
                    "Skipping %s event at offset %d without productId or domainId",
                    type.get().type(), record.offset());
            return;
        }
        evaluations.onProductState(header(record, CloudEventAttributes.ID), type.get(), state, payload);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
