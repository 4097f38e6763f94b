package dev.tessera.governance.lineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.evaluation.service.EvaluationService;
import dev.tessera.governance.evaluation.service.Trigger;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns who consumes which product from {@code tessera.lineage}, so policies can look at a product's
 * downstream consumers. A changed set of consumers re-evaluates the upstream product.
 */
@ApplicationScoped
public class LineageConsumer {

    static final String CONSUMER = "lineage";
    private static final Logger LOG = Logger.getLogger(LineageConsumer.class);

    @Inject
    LineageEdgeRepository edges;

    @Inject
    ProductStateRepository states;

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper json;

    @Incoming("lineage")
    @Blocking(ordered = true)
    @Transactional
    public void onEdge(ConsumerRecord<String, String> record) {
        String eventId = header(record, CloudEventAttributes.ID);
        LineageEdgeV1 edge;
        try {
            edge = json.readValue(record.value(), LineageEdgeV1.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf(
                    "Skipping unreadable lineage event %s at offset %d: %s", eventId, record.offset(), e.getMessage());
            return;
        }
        if (edge == null || edge.edgeId() == null || (eventId != null && !states.markProcessed(CONSUMER, eventId))) {
            return;
        }
        LineageEdgeEntity row = edges.findById(edge.edgeId());
        if (row != null && row.sequence >= edge.sequence()) {
            return;
        }
        boolean isNew = row == null;
        if (isNew) {
            row = new LineageEdgeEntity();
            row.edgeId = edge.edgeId();
        }
        row.sequence = edge.sequence();
        row.fromProduct = edge.from() == null ? null : edge.from().productId();
        row.toProduct = edge.to() == null ? null : edge.to().productId();
        row.toDomain = edge.to() == null ? null : edge.to().domainId();
        row.kind = edge.kind();
        row.present = edge.present();
        row.updatedAt = Instant.now();
        if (isNew) {
            edges.persist(row);
        }
        if (row.fromProduct != null && states.findById(row.fromProduct) != null) {
            evaluations.evaluate(row.fromProduct, Trigger.LINEAGE_CHANGED);
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
