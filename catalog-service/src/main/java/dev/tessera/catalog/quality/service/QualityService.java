package dev.tessera.catalog.quality.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.ingest.service.IncomingEvent;
import dev.tessera.catalog.quality.repository.QualityRepository;
import dev.tessera.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each product's latest quality status in PostgreSQL, so a rebuild restores it even where
 * {@code tessera.quality} runs with the delete cleanup policy instead of compaction and has dropped the
 * product's last event. Ordered by governance's per-product {@code sequence}: an event at or below the
 * kept one changes nothing, so redeliveries and replays are harmless.
 */
@ApplicationScoped
public class QualityService {

    /**
     * A product's quality as kept.
     *
     * @param productId the product
     * @param domainId its domain, when known
     * @param summary the summary JSON, with its {@code sequence}
     */
    public record Kept(String productId, String domainId, ObjectNode summary) {}

    @Inject
    QualityRepository repository;

    @Inject
    ObjectMapper json;

    /** True for an event this service keeps. */
    public static boolean isStatusChange(IncomingEvent event) {
        return EventType.QUALITY_STATUS_CHANGED.type().equals(event.type());
    }

    /** The product an event is about: the payload's, else the CloudEvents subject. */
    public static Optional<String> productOf(IncomingEvent event) {
        return Optional.ofNullable(event.data().path("productId").asText(event.subject()));
    }

    /** Keeps the status changes among a batch; how many moved a product forward. */
    @Transactional
    public int keep(List<IncomingEvent> events) {
        int kept = 0;
        for (IncomingEvent e : events) {
            if (!isStatusChange(e)) {
                continue;
            }
            String productId = productOf(e).orElse(null);
            if (productId == null) {
                continue;
            }
            ObjectNode summary = QualitySummary.of(e.data(), e.sequence());
            if (repository.keep(
                    productId,
                    e.data().path("domainId").asText(null),
                    e.sequence(),
                    summary.path("status").asText(),
                    summary.toString(),
                    instant(summary.path("changedAt").asText(null)),
                    e.id())) {
                kept++;
            }
        }
        return kept;
    }

    /** Every product's kept quality. */
    @Transactional
    public List<Kept> all() {
        List<Kept> out = new ArrayList<>();
        for (QualityRepository.KeptQuality q : repository.all()) {
            out.add(new Kept(q.productId(), q.domainId(), read(q.summary())));
        }
        return out;
    }

    /** One product's kept quality. */
    @Transactional
    public Optional<Kept> of(String productId) {
        return Optional.ofNullable(repository.of(productId))
                .map(q -> new Kept(q.productId(), q.domainId(), read(q.summary())));
    }

    /** A timestamp PostgreSQL can take, or null: a malformed one must not stall the partition. */
    private static String instant(String value) {
        try {
            return value == null ? null : Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private ObjectNode read(String summary) {
        try {
            return (ObjectNode) json.readTree(summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
