package dev.tessera.catalog.feed.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.feed.repository.FeedRepository;
import dev.tessera.catalog.feed.repository.FeedRow;
import dev.tessera.catalog.ingest.service.IncomingEvent;
import dev.tessera.catalog.usage.service.UsageRedaction;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps every consumed event once in the feed (everyday counts aside: {@link #NOT_FED}), and fans stored events out to the webhook subscriptions
 * they match. The two are separate transactions on separate threads: ingest stores a batch and moves on
 * to the index, and however many subscriptions there are, matching them never holds it up. An event stays
 * marked as not fanned out until its deliveries are queued, so a crash in between only delays them.
 */
@ApplicationScoped
public class FeedService {

    @Inject
    FeedRepository feed;

    @Inject
    ObjectMapper json;

    /** What the index knows of a product, to decide who may see an event about it. */
    public interface ProductFacts {
        /** Its latest published version, or null when it has none (or is unknown). */
        String publishedVersion(String productId);

        /** Its domain, or null when the product is unknown. */
        String domain(String productId);
    }

    /**
     * Event types the feed never carries, so no webhook delivers them: everyday counts (a product's daily
     * usage refresh, the catalog's attention) are not events. Readers that keep counts read the topics.
     */
    public static final Set<String> NOT_FED =
            Set.of(EventType.USAGE_REFRESHED.type(), EventType.ATTENTION_REFRESHED.type());

    /**
     * Appends a batch, leaving out the types of {@link #NOT_FED}. {@code products} tells, for a product id,
     * its latest published version and domain as the index knows them, to decide which governance, lineage,
     * quality and usage events are public, and whose.
     */
    @Transactional
    public int append(List<IncomingEvent> events, ProductFacts products) {
        List<FeedRow> rows = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            if (!NOT_FED.contains(e.type())) {
                rows.add(row(e, products));
            }
        }
        return feed.appendAll(rows).size();
    }

    /**
     * Queues deliveries of up to {@code limit} stored events not yet fanned out, oldest first; how many events
     * were fanned out. Instances share the work: events another one is fanning out are skipped.
     */
    @Transactional
    public int fanOutPending(int limit) {
        List<Long> positions = feed.claimUnfannedOut(limit);
        if (!positions.isEmpty()) {
            feed.fanOut(positions);
            feed.markFannedOut(positions);
        }
        return positions.size();
    }

    /** A page of the feed for a caller. */
    @Transactional
    public List<FeedRow> after(long position, int limit, boolean seesAll, Set<String> domains) {
        return feed.after(position, limit, seesAll, domains);
    }

    /** The position of an event id, or -1 if the feed does not hold it. */
    @Transactional
    public long positionOf(String eventId) {
        return feed.positionOf(eventId);
    }

    /** One event by feed position, or null. */
    @Transactional
    public FeedRow at(long position) {
        return feed.at(position);
    }

    /**
     * An event in CloudEvents JSON (structured) form, with its feed position as the {@code feedposition}
     * extension; for a reader who may not see who uses the event's product, without the consumers
     * ({@link UsageRedaction}).
     */
    public ObjectNode toCloudEvent(FeedRow row, boolean seesWho) {
        ObjectNode ce = json.createObjectNode();
        ce.put("specversion", CloudEventAttributes.SPEC_VERSION);
        ce.put("id", row.eventId());
        ce.put("type", row.type());
        ce.put("source", row.source());
        if (row.subject() != null) {
            ce.put("subject", row.subject());
        }
        if (row.time() != null) {
            ce.put("time", row.time().toString());
        }
        ce.put("datacontenttype", "application/json");
        if (row.dataSchema() != null) {
            ce.put("dataschema", row.dataSchema());
        }
        ce.put(CloudEventAttributes.SEQUENCE_EXTENSION, Long.toString(row.sequence()));
        ce.put("feedposition", Long.toString(row.position()));
        try {
            String data = seesWho ? row.data() : UsageRedaction.withoutConsumers(row.type(), row.data());
            ce.set("data", data == null ? null : json.readTree(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ce;
    }

    private FeedRow row(IncomingEvent e, ProductFacts products) {
        JsonNode d = e.data();
        String productId;
        String domainId;
        boolean isPublic;
        switch (e.topic()) {
            case Topics.PRODUCTS -> {
                productId = d.path("productId").asText(e.subject());
                domainId = d.path("domainId").asText(null);
                String head = d.path("headVersion").asText(null);
                // Public only when it shows nothing beyond the published version.
                isPublic = head != null
                        && head.equals(d.path("latestPublishedVersion").asText(null));
            }
            case Topics.GOVERNANCE -> {
                productId = d.path("productId").asText(e.subject());
                domainId = d.path("domainId").asText(null);
                String version = d.path("version").asText(null);
                isPublic = version != null && version.equals(products.publishedVersion(productId));
            }
            case Topics.LINEAGE -> {
                String from = d.path("from").path("productId").asText(null);
                String to = d.path("to").path("productId").asText(null);
                productId = from != null ? from : to;
                domainId = from != null
                        ? d.path("from").path("domainId").asText(null)
                        : d.path("to").path("domainId").asText(null);
                isPublic = (from != null || to != null)
                        && (from == null || products.publishedVersion(from) != null)
                        && (to == null || products.publishedVersion(to) != null);
            }
            case Topics.QUALITY, Topics.USAGE -> {
                // About the product as a whole: seen by whoever may see the product, once it is published.
                productId = d.path("productId").asText(e.subject());
                // domainId is optional in the contract; without it a domain's own people would not see it.
                domainId = d.path("domainId").asText(null);
                if (domainId == null && productId != null) {
                    domainId = products.domain(productId);
                }
                isPublic = productId != null && products.publishedVersion(productId) != null;
            }
            case Topics.ACCESS -> {
                // Access requests name people and purposes: only the owning domain and governance see them.
                productId = d.path("productId").asText(null);
                domainId = d.path("productDomainId").asText(null);
                isPublic = false;
            }
            default -> {
                productId = null;
                domainId = null;
                isPublic = false;
            }
        }
        return new FeedRow(
                0,
                e.id(),
                e.type(),
                e.source(),
                e.subject(),
                e.time(),
                e.sequence(),
                e.dataSchema(),
                d.toString(),
                productId,
                domainId,
                isPublic);
    }
}
