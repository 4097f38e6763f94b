package dev.tessera.lineage.product.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.lineage.product.service.ProductLineageService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads tessera.products, tessera.access and tessera.domains. The CloudEvents id makes each
 * delivery idempotent; a record that is not a readable Tessera event is logged and skipped, since
 * retrying it could never succeed and would stall the partition behind it.
 */
@ApplicationScoped
public class PlatformEventsConsumer {

    /** Channel names, shared with the configuration. */
    public static final String PRODUCTS = "products-in";

    public static final String ACCESS = "access-in";
    public static final String DOMAINS = "domains-in";

    private static final Logger LOG = Logger.getLogger(PlatformEventsConsumer.class);

    @Inject
    ProductLineageService lineage;

    @Inject
    ObjectMapper json;

    @Incoming(PRODUCTS)
    @Blocking
    public void onProduct(ConsumerRecord<String, String> record) {
        ProductStateV1 state = read(record, ProductStateV1.class);
        if (state != null && state.productId() != null) {
            lineage.onProduct(eventId(record), state);
        }
    }

    @Incoming(ACCESS)
    @Blocking
    public void onAccess(ConsumerRecord<String, String> record) {
        AccessRequestStateV1 state = read(record, AccessRequestStateV1.class);
        if (state != null && state.requestId() != null) {
            lineage.onAccess(eventId(record), state);
        }
    }

    @Incoming(DOMAINS)
    @Blocking
    public void onDomain(ConsumerRecord<String, String> record) {
        DomainStateV1 state = read(record, DomainStateV1.class);
        if (state != null && state.domainId() != null) {
            lineage.onDomain(eventId(record), state);
        }
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            return null;
        }
        try {
            return json.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            LOG.warnf(
                    "Skipping unreadable record %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            return null;
        }
    }

    /** The CloudEvents id; without one, the record's position identifies it just as uniquely. */
    public static String eventId(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CloudEventAttributes.ID);
        return header != null
                ? new String(header.value(), StandardCharsets.UTF_8)
                : record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
