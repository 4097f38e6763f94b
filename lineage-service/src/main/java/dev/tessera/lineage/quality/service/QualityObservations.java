package dev.tessera.lineage.quality.service;

import dev.tessera.events.EventType;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.lineage.graph.repository.EdgeRepository;
import dev.tessera.lineage.graph.repository.EdgeRepository.ServedPort;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.openlineage.OpenLineageEvent;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Dataset;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Kind;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Name;
import dev.tessera.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What OpenLineage events tell governance about quality: one {@link QualityObservationV1} per
 * stored event, dataset and product, queued in the outbox in the ingest's transaction, so an
 * observation goes out exactly when its event was stored (a duplicate event stores nothing and so
 * sends nothing again).
 *
 * <p>A dataset is observed when it carries a quality facet, when the run's {@code test} facet
 * applies to it (to the run's outputs, or its inputs when it wrote none), or when a COMPLETE run
 * wrote it and it serves a port. It is mapped to products through the PORT_DATASET edges of its
 * node: one observation per product whose ports it serves, or one without a product when it serves
 * none (only for datasets with facets or tests: a write of a dataset no port maps to tells
 * governance nothing). A dataset named twice in one event (read and written, or under two names)
 * is one dataset: written wins over read, assertions add up, the first metrics reported are kept.
 */
@ApplicationScoped
public class QualityObservations {

    @Inject
    EdgeRepository edges;

    @Inject
    Outbox outbox;

    /** The ports served by the datasets of a write, by dataset node name. */
    public record Ports(Map<String, List<ServedPort>> byDataset) {

        static final Ports NONE = new Ports(Map.of());

        List<ServedPort> of(String dataset) {
            return byDataset.getOrDefault(dataset, List.of());
        }
    }

    /**
     * Where one dataset of an event was placed in the graph: its node name, and the names the event
     * gave it that do not lead to that node (refused aliases).
     */
    public record Placement(String dataset, Set<String> apart) {}

    /**
     * A newly stored event: its internal id (the observations' sequence), its public id, the event,
     * and where its datasets were placed, in the event's order: inputs then outputs, or the dataset
     * of a dataset event.
     */
    public record StoredEvent(long id, UUID publicId, OpenLineageEvent event, List<Placement> placements) {}

    /**
     * Looks up, as one step of the pipeline, the ports served by the datasets these names lead to;
     * the answer is there once the pipeline ran. The names are every dataset name the events of the
     * write mention, not only those of the datasets that may be observed: a name one event attaches
     * to a dataset can be how a later event of the same write finds it. When no event carries
     * quality facets or run tests and none is a COMPLETE run writing something, no step is added:
     * such writes cost nothing here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Supplier<Ports> lookUp(SqlPipeline pipeline, List<OpenLineageEvent> events, Set<String> names) {
        return lookUp(pipeline, events, names, false);
    }

    /**
     * {@link #lookUp(SqlPipeline, List, Set)}, adding the step also when {@code neededElsewhere}:
     * another reader of the same write (usage counting) needs the same ports, and one lookup serves
     * both.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Supplier<Ports> lookUp(
            SqlPipeline pipeline, List<OpenLineageEvent> events, Set<String> names, boolean neededElsewhere) {
        boolean observable = neededElsewhere
                || events.stream()
                        .anyMatch(event -> seen(event).stream().anyMatch(dataset -> dataset.observable(event)));
        if (!observable || names.isEmpty()) {
            return () -> Ports.NONE;
        }
        List<ServedPort> served = edges.portsServedBy(pipeline, names);
        return () -> {
            Map<String, List<ServedPort>> byDataset = new LinkedHashMap<>();
            served.forEach(port -> byDataset
                    .computeIfAbsent(port.dataset(), d -> new ArrayList<>())
                    .add(port));
            return new Ports(byDataset);
        };
    }

    /** Queues the observations of these newly stored events, in their order, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<StoredEvent> stored, Ports ports) {
        List<Outbox.Queued> queued = new ArrayList<>();
        for (StoredEvent event : stored) {
            for (QualityObservationV1 observation : observe(event, ports)) {
                String key = observation.productId() != null
                        ? observation.productId()
                        : observation.dataset().name();
                queued.add(new Outbox.Queued(EventType.QUALITY_OBSERVED, key, event.id(), observation));
            }
        }
        outbox.enqueueAll(queued);
    }

    /** The observations one stored event gives, given the ports its datasets serve. */
    static List<QualityObservationV1> observe(StoredEvent stored, Ports ports) {
        OpenLineageEvent event = stored.event();
        List<Seen> seen = seen(event);
        // Outputs first: a dataset both read and written is observed as written.
        Map<String, Merged> byNode = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < seen.size(); i++) {
                Seen dataset = seen.get(i);
                if ((pass == 0) != dataset.role().equals("OUTPUT") || !dataset.observable(event)) {
                    continue;
                }
                Placement placement = stored.placements().get(i);
                byNode.computeIfAbsent(placement.dataset(), Merged::new).add(dataset, placement, event);
            }
        }
        List<QualityObservationV1> observations = new ArrayList<>();
        for (Merged dataset : byNode.values()) {
            Map<String, List<ServedPort>> byProduct = new LinkedHashMap<>();
            for (ServedPort port : ports.of(dataset.node)) {
                byProduct
                        .computeIfAbsent(port.productId(), p -> new ArrayList<>())
                        .add(port);
            }
            if (byProduct.isEmpty()) {
                if (dataset.reported) {
                    observations.add(dataset.observation(stored, null, null, List.of()));
                }
                continue;
            }
            byProduct.forEach((product, served) -> observations.add(dataset.observation(
                    stored,
                    product,
                    served.getFirst().domainId(),
                    served.stream().map(ServedPort::portName).distinct().toList())));
        }
        return observations;
    }

    /**
     * The stable id of the observation of one stored event about one dataset for one product (none
     * when unmapped): the same three always give the same id.
     */
    public static String observationId(UUID eventId, String dataset, String productId) {
        String key = eventId + "\u0000" + dataset + "\u0000" + (productId == null ? "" : productId);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A dataset as the event names it, with its role and whether the run's tests apply to it. */
    private record Seen(Dataset dataset, String role, boolean tested) {

        /** Whether it may give an observation: facets, tests, or a completed write (if mapped). */
        boolean observable(OpenLineageEvent event) {
            return dataset.quality() != null || tested || written(event);
        }

        boolean written(OpenLineageEvent event) {
            return role.equals("OUTPUT") && event.kind() == Kind.RUN && "COMPLETE".equals(event.eventType());
        }
    }

    /** The datasets of an event in its order (inputs then outputs, or the dataset event's one). */
    private static List<Seen> seen(OpenLineageEvent event) {
        if (event.kind() == Kind.DATASET) {
            return List.of(new Seen(event.dataset(), "DATASET", false));
        }
        boolean tests = event.runTests() != null;
        boolean onOutputs = !event.outputs().isEmpty();
        List<Seen> seen =
                new ArrayList<>(event.inputs().size() + event.outputs().size());
        event.inputs().forEach(input -> seen.add(new Seen(input, "INPUT", tests && !onOutputs)));
        event.outputs().forEach(output -> seen.add(new Seen(output, "OUTPUT", tests && onOutputs)));
        return seen;
    }

    /** Everything one event says about one dataset node, however many times it names it. */
    private static final class Merged {
        final String node;
        final Set<String> names = new LinkedHashSet<>();
        final List<QualityObservationV1.Assertion> assertions = new ArrayList<>();
        String role;
        boolean write;
        boolean reported;
        boolean tested;
        QualityObservationV1.Metrics metrics;
        QualityObservationV1.OutputStatistics statistics;

        Merged(String node) {
            this.node = node;
            names.add(node);
        }

        void add(Seen seen, Placement placement, OpenLineageEvent event) {
            Dataset dataset = seen.dataset();
            role = role == null ? seen.role() : role;
            write |= seen.written(event);
            List<String> given = new ArrayList<>();
            given.add(dataset.name().qualified());
            dataset.symlinks().stream().map(Name::qualified).forEach(given::add);
            given.stream().filter(name -> !placement.apart().contains(name)).forEach(names::add);
            if (dataset.quality() != null) {
                reported = true;
                assertions.addAll(dataset.quality().assertions());
                metrics = metrics == null ? dataset.quality().metrics() : metrics;
                statistics = statistics == null ? dataset.quality().outputStatistics() : statistics;
            }
            if (seen.tested() && !tested) {
                tested = true;
                reported = true;
                assertions.addAll(event.runTests());
            }
        }

        QualityObservationV1 observation(StoredEvent stored, String productId, String domainId, List<String> ports) {
            OpenLineageEvent event = stored.event();
            QualityObservationV1.Run run = event.kind() == Kind.DATASET
                    ? null
                    : new QualityObservationV1.Run(
                            event.runId(),
                            stored.publicId().toString(),
                            event.eventType(),
                            event.job().qualified());
            return new QualityObservationV1(
                    observationId(stored.publicId(), node, productId),
                    productId,
                    domainId,
                    ports,
                    new QualityObservationV1.Dataset(node, List.copyOf(names)),
                    role,
                    run,
                    event.eventTime(),
                    write,
                    List.copyOf(assertions),
                    metrics,
                    statistics);
        }
    }
}
