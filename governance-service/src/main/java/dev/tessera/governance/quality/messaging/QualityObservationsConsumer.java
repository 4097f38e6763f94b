package dev.tessera.governance.quality.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.governance.quality.service.QualityRecorder;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code tessera.quality-observations} in batches: each batch is applied in one transaction,
 * and its offsets are committed only after that transaction committed. A record that cannot be read
 * is logged and skipped (a tolerant reader; lineage validates what it publishes, and text the store
 * could not hold is refused while reading). A batch the store refuses (an outage, a serialisation
 * failure) is retried with growing pauses instead of skipped: skipping would lose observations, and
 * the batch is idempotent, so a retry only repeats work.
 */
@ApplicationScoped
public class QualityObservationsConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.quality-observations}. */
    public static final String CHANNEL = "quality-observations";

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(QualityObservationsConsumer.class);

    @Inject
    QualityRecorder recorder;

    @Inject
    ObjectMapper json;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void onObservations(ConsumerRecords<String, String> records) {
        List<QualityObservationV1> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            String type = header(record, CloudEventAttributes.TYPE);
            if (!EventType.QUALITY_OBSERVED.type().equals(type) || record.value() == null) {
                continue;
            }
            try {
                batch.add(json.readValue(record.value(), QualityObservationV1.class));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("Skipping unreadable quality observation at offset %d: %s", record.offset(), e.getMessage());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                recorder.apply(batch);
                return;
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "Applying %d quality observations failed (attempt %d); trying again in %s",
                        batch.size(),
                        attempt,
                        pause);
                try {
                    // A deliberate back-off on the consumer's own worker thread (ADR 0012): the batch is
                    // not acknowledged while the store refuses it, so nothing is lost and nothing is
                    // polled meanwhile; the pause only spaces the attempts while the database recovers.
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("stopped while retrying a batch of quality observations", e);
                }
                Duration doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
            }
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
