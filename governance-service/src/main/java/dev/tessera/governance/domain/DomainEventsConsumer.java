package dev.tessera.governance.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.domain.DomainStateV1;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns the registry's domains from the compacted {@code tessera.domains} topic. Every event carries
 * the domain's full state and its sequence, so a redelivered or older event changes nothing.
 */
@ApplicationScoped
public class DomainEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DomainEventsConsumer.class);

    @Inject
    KnownDomains domains;

    @Inject
    ObjectMapper json;

    @Incoming("domains")
    @Blocking(ordered = true)
    @Transactional
    public void onDomain(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        DomainStateV1 state;
        try {
            state = json.readValue(record.value(), DomainStateV1.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable domain event at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (state == null || state.domainId() == null || state.domainId().isBlank()) {
            LOG.warnf("Skipping domain event at offset %d without a domainId", record.offset());
            return;
        }
        domains.apply(state);
    }
}
