package dev.tessera.catalog.ingest.messaging;

import dev.tessera.catalog.ingest.service.IngestService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the seven topics the read model is built from, in batches, each partition in order. Offsets are
 * committed only after a batch is in the feed and in the (committed) index.
 */
@ApplicationScoped
public class CatalogEventsConsumer {

    /** Channel names, shared with the configuration. */
    public static final String PRODUCTS = "products-in";

    public static final String GOVERNANCE = "governance-in";
    public static final String LINEAGE = "lineage-in";
    public static final String ACCESS = "access-in";
    public static final String QUALITY = "quality-in";
    public static final String USAGE = "usage-in";
    public static final String ATTENTION = "attention-in";

    @Inject
    IngestService ingest;

    @Incoming(PRODUCTS)
    @Blocking(ordered = true)
    public void products(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }

    @Incoming(GOVERNANCE)
    @Blocking(ordered = true)
    public void governance(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }

    @Incoming(LINEAGE)
    @Blocking(ordered = true)
    public void lineage(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }

    @Incoming(ACCESS)
    @Blocking(ordered = true)
    public void access(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }

    @Incoming(QUALITY)
    @Blocking(ordered = true)
    public void quality(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }

    @Incoming(USAGE)
    @Blocking(ordered = true)
    public void usage(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }

    @Incoming(ATTENTION)
    @Blocking(ordered = true)
    public void attention(ConsumerRecords<String, String> records) {
        ingest.ingest(records);
    }
}
