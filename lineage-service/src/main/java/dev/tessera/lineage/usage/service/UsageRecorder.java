package dev.tessera.lineage.usage.service;

import dev.tessera.lineage.graph.repository.EdgeRepository.ServedPort;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.openlineage.OpenLineageEvent;
import dev.tessera.lineage.usage.config.UsageConfig;
import dev.tessera.lineage.usage.model.Window;
import dev.tessera.lineage.usage.repository.UsageReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Counts, at ingest and in the ingest's transaction, the reads OpenLineage runs make of products: a
 * run that read a dataset serving one of a product's ports read that product (through the same
 * port-to-dataset mapping as lineage and quality, symlinks included). The job belongs to the product
 * whose ports its outputs serve (the first by id when they serve several products' ports); a
 * product's own jobs are not its consumers. Counting costs one statement in the ingest's last round
 * trip; only when a consumer not announced as observing a product reads it (or a reading job changes
 * hands) are the product's consumers announced, at the cost of two more round trips and a wait for
 * any other transaction announcing about the same product.
 */
@ApplicationScoped
public class UsageRecorder {

    @Inject
    UsageConfig config;

    @Inject
    UsageReads reads;

    @Inject
    UsageClock clock;

    @Inject
    UsageAnnouncer announcer;

    /**
     * A stored run event as placed in the graph.
     *
     * @param job the job, {@code namespace/name}
     * @param runId the run
     * @param at the event's time
     * @param inputs the node names of the datasets it read
     * @param outputs the node names of the datasets it wrote
     */
    public record Run(String job, String runId, Instant at, List<String> inputs, List<String> outputs) {}

    /** What was counted; once the pipeline ran, the products whose consumers may have changed. */
    public record Counted(Supplier<Set<String>> affected) {

        static final Counted NOTHING = new Counted(Set::of);
    }

    /**
     * Whether counting these events needs the ports their datasets serve: counting is on and some
     * run event reads or writes a dataset.
     */
    public boolean needsPorts(List<OpenLineageEvent> events) {
        return config.enabled()
                && events.stream()
                        .anyMatch(event -> event.kind() == OpenLineageEvent.Kind.RUN
                                && (!event.inputs().isEmpty()
                                        || !event.outputs().isEmpty()));
    }

    /**
     * Counts the reads of these newly stored run events as a step of the pipeline, given the ports
     * their datasets serve (by dataset node name).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counted count(SqlPipeline pipeline, List<Run> runs, Map<String, List<ServedPort>> ports) {
        if (!config.enabled() || runs.isEmpty()) {
            return Counted.NOTHING;
        }
        Map<String, Owned> owners = new LinkedHashMap<>();
        List<TreeSet<String>> written = new ArrayList<>(runs.size());
        for (Run run : runs) {
            TreeSet<String> products = products(run.outputs(), ports);
            written.add(products);
            if (!products.isEmpty()) {
                owners.merge(
                        run.job(), new Owned(products.first(), run.at()), (a, b) -> b.at().isAfter(a.at()) ? b : a);
            }
        }
        List<UsageReads.Read> found = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Owned owner = owners.get(run.job());
            for (String product : products(run.inputs(), ports)) {
                boolean own = written.get(i).contains(product)
                        || (owner != null && owner.productId().equals(product));
                if (!own) {
                    found.add(new UsageReads.Read(
                            product, run.job(), run.runId(), run.at(), owner == null ? null : owner.productId()));
                }
            }
        }
        List<UsageReads.Owner> owned = new ArrayList<>(owners.size());
        owners.forEach((job, owner) -> owned.add(new UsageReads.Owner(job, owner.productId())));
        Instant windowStart = Window.of(clock.now(), Window.EVENT_DAYS).start();
        return new Counted(reads.record(pipeline, found, owned, windowStart));
    }

    /** After the pipeline ran: announces the consumers of the products whose consumers may have changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(Counted counted) {
        Set<String> affected = counted.affected().get();
        if (!affected.isEmpty()) {
            announcer.announce(affected);
        }
    }

    /** The product a job belongs to, as its latest event of the write says. */
    private record Owned(String productId, Instant at) {}

    private static TreeSet<String> products(List<String> datasets, Map<String, List<ServedPort>> ports) {
        TreeSet<String> products = new TreeSet<>();
        for (String dataset : datasets) {
            for (ServedPort port : ports.getOrDefault(dataset, List.of())) {
                products.add(port.productId());
            }
        }
        return products;
    }
}
