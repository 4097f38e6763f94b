package dev.tessera.registry.access.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.registry.access.repository.AccessGrantEntity;
import dev.tessera.registry.access.repository.AccessGrantRepository;
import dev.tessera.registry.product.repository.ProductRepository;
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
 * Keeps the latest state of every access request from {@code tessera.access} (each event carries the
 * request's whole state), so a refused breaking change can name the ACTIVE grant holders of a port.
 * Idempotent twice over: a redelivered event id is skipped, and a state older than the stored one
 * (by governance's sequence) changes nothing.
 */
@ApplicationScoped
public class AccessGrantConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.access-grants}. */
    public static final String CHANNEL = "access-grants";

    private static final Logger LOG = Logger.getLogger(AccessGrantConsumer.class);

    @Inject
    AccessGrantRepository grants;

    @Inject
    ProductRepository products;

    @Inject
    ObjectMapper json;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    @Transactional
    public void onAccessRequest(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        AccessRequestStateV1 state;
        try {
            state = json.readValue(record.value(), AccessRequestStateV1.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable access request at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (state == null
                || state.requestId() == null
                || state.productId() == null
                || state.portName() == null
                || state.status() == null
                || state.consumer() == null
                || state.consumer().subject() == null) {
            LOG.warnf("Skipping access request at offset %d without id, port, consumer or status", record.offset());
            return;
        }
        String eventId = header(record, CloudEventAttributes.ID);
        if (eventId != null && !products.markProcessed(CHANNEL, eventId)) {
            return;
        }
        AccessGrantEntity row = grants.findById(state.requestId());
        if (row != null && row.sequence >= state.sequence()) {
            return;
        }
        boolean isNew = row == null;
        if (isNew) {
            row = new AccessGrantEntity();
            row.requestId = state.requestId();
        }
        row.sequence = state.sequence();
        row.productId = state.productId();
        row.portName = state.portName();
        row.portVersion = state.portVersion();
        row.consumerSubject = state.consumer().subject();
        row.consumerProductId = state.consumer().productId();
        row.consumerDomainId = state.consumer().domainId();
        row.status = state.status();
        row.updatedAt = Instant.now();
        if (isNew) {
            grants.persist(row);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
