package dev.tessera.governance.usage.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.governance.usage.service.UsageRecorder;
import dev.tessera.standards.input.StorableInput;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code tessera.usage}: lineage's latest usage of each product. A record that cannot be read,
 * or lacks what makes it applicable (a product id, a sequence, a change kind, asOf), is logged and
 * skipped (a tolerant reader; lineage validates what it publishes). A record the store refuses (an
 * outage) is retried with growing pauses rather than dropped: the topic is compacted, so a dropped
 * record might never come back, and applying one twice changes nothing.
 */
@ApplicationScoped
public class UsageEventsConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.usage}. */
    public static final String CHANNEL = "usage";

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(UsageEventsConsumer.class);

    @Inject
    UsageRecorder recorder;

    @Inject
    ObjectMapper json;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void onUsage(ConsumerRecord<String, String> record) {
        Optional<EventType> type = Optional.ofNullable(header(record, CloudEventAttributes.TYPE))
                .flatMap(EventType::fromType)
                .filter(t -> Topics.USAGE.equals(t.topic()));
        if (type.isEmpty() || record.value() == null) {
            return;
        }
        UsageStateV1 state;
        try {
            JsonNode tree = json.readTree(record.value());
            if (!StorableInput.problems(tree, "").isEmpty()) {
                // Text PostgreSQL refuses would fail the same way on every retry.
                LOG.warnf("Skipping usage record at offset %d with text that cannot be stored", record.offset());
                return;
            }
            state = json.treeToValue(tree, UsageStateV1.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Skipping unreadable usage record at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (!applicable(state)) {
            LOG.warnf(
                    "Skipping usage record at offset %d without productId, sequence, change kind or asOf",
                    record.offset());
            return;
        }
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                recorder.apply(state, record.value());
                return;
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "Applying the usage of %s failed (attempt %d); trying again in %s",
                        state.productId(),
                        attempt,
                        pause);
                try {
                    // On the channel's own worker: nothing is acknowledged or polled while the store refuses it.
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("stopped while retrying a usage record", e);
                }
                Duration doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
            }
        }
    }

    private static boolean applicable(UsageStateV1 state) {
        return state != null
                && state.productId() != null
                && !state.productId().isBlank()
                && state.sequence() >= 1
                && state.change() != null
                && state.change().kind() != null
                && state.asOf() != null;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
