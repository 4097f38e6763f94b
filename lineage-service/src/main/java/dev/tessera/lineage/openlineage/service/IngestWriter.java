package dev.tessera.lineage.openlineage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.graph.service.DatasetResolver;
import dev.tessera.lineage.graph.service.GraphWriter;
import dev.tessera.lineage.graph.service.NodeRef;
import dev.tessera.lineage.openlineage.OpenLineageEvent;
import dev.tessera.lineage.openlineage.OpenLineageEvent.ColumnLineage;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Dataset;
import dev.tessera.lineage.openlineage.OpenLineageEvent.InputField;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Name;
import dev.tessera.lineage.openlineage.repository.OpenLineageEventRepository;
import dev.tessera.lineage.quality.service.QualityObservations;
import dev.tessera.lineage.quality.service.QualityObservations.Placement;
import dev.tessera.lineage.usage.service.UsageRecorder;
import dev.tessera.platform.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns OpenLineage events into graph changes. The graph an event implies depends only on the
 * event (inputs feed the job, the job feeds outputs, input columns feed output columns), and edges
 * are added, never replaced, so repeated and out-of-order events (COMPLETE before START) leave the
 * same graph. The raw event is stored once whatever happens; the parts that cannot be resolved are
 * recorded with it and listed, never dropped.
 */
@ApplicationScoped
public class IngestWriter {

    @Inject
    OpenLineageEventRepository events;

    @Inject
    DatasetResolver datasets;

    @Inject
    GraphWriter writer;

    @Inject
    ObjectMapper json;

    @Inject
    IngestAudit auditRows;

    @Inject
    EntityManager entities;

    @Inject
    QualityObservations quality;

    @Inject
    UsageRecorder usage;

    /**
     * Who sent a call and the trace it belongs to, both captured on the request's thread, and its
     * prepared events. The trace lets a write done on another thread (the group commit's) continue
     * it; its {@code traceparent} goes with the tessera.lineage events the call's events cause. The
     * sender's token subject is stored with its events (it may read them back), and what it may name
     * decides which dataset aliases its events may add.
     */
    public record Submission(
            List<Prepared> events,
            boolean batch,
            AuditLog.Actor sender,
            io.opentelemetry.context.Context trace,
            String traceparent,
            String producerSubject,
            DatasetResolver.Claimant claimant) {}

    /** A parsed event with its fingerprint and its JSON as stored, worked out before any transaction. */
    public record Prepared(OpenLineageEvent event, String fingerprint, String json) {}

    /**
     * The fingerprint and stored form of an event. Called on the caller's thread, so this per-event
     * work runs in parallel on the request threads and not inside the (shared) write transaction.
     */
    public Prepared prepare(OpenLineageEvent event) {
        return new Prepared(event, EventFingerprint.of(json.writer(), event.raw()), write(event.raw()));
    }

    /**
     * Writes the events of one or more calls set-wise, in one transaction and a handful of
     * statements whatever the number of events: the new events, the aliases they mention, their
     * nodes, their edges, the tessera.lineage events of the edges that appeared, the quality
     * observations of the new events (the ports their datasets serve are read in the first round
     * trip), the reads of products the new run events made (usage) and one audit entry per call
     * that stored something. Calls are applied in order, as if one after the other: an event sent
     * twice is stored for the first call and a duplicate for the second. One result per call.
     */
    @Transactional
    public List<IngestResult> write(List<Submission> calls) {
        List<Prepared> all = new ArrayList<>();
        List<Submission> callOf = new ArrayList<>();
        for (Submission call : calls) {
            all.addAll(call.events());
            call.events().forEach(event -> callOf.add(call));
        }
        // One round trip: the new events stored, what every dataset name they mention leads to, and
        // the ports those datasets serve (only when some event may give a quality observation or
        // have its reads counted).
        SqlPipeline first = new SqlPipeline();
        Map<Integer, OpenLineageEventRepository.Stored> stored = store(first, all, callOf);
        Set<String> names = names(all);
        Supplier<DatasetResolver.Aliases> aliases = datasets.aliases(first, names);
        List<OpenLineageEvent> parsed = all.stream().map(Prepared::event).toList();
        Supplier<QualityObservations.Ports> ports = quality.lookUp(first, parsed, names, usage.needsPorts(parsed));
        first.run(entities);
        List<Fresh> fresh = new ArrayList<>(stored.size());
        stored.forEach((position, row) -> fresh.add(new Fresh(
                row.id(),
                row.publicId(),
                position,
                all.get(position).event(),
                callOf.get(position).traceparent(),
                callOf.get(position).claimant())));
        fresh.sort(java.util.Comparator.comparingInt(Fresh::position));

        // The nodes (one round trip when some are new), then one more for everything else.
        SqlPipeline last = new SqlPipeline();
        List<Plan> plans = apply(fresh, aliases.get(), last);
        Map<Long, String> unresolved = new LinkedHashMap<>();
        List<QualityObservations.StoredEvent> observed = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            if (!plan.issues().isEmpty()) {
                unresolved.put(plan.id(), write(plan.issues()));
            }
            Fresh event = fresh.get(i);
            observed.add(new QualityObservations.StoredEvent(
                    event.id(), event.publicId(), event.event(), plan.placements()));
        }
        events.recordIssues(last, unresolved);
        quality.enqueue(observed, ports.get());
        UsageRecorder.Counted counted =
                usage.count(last, runs(fresh, plans), ports.get().byDataset());

        List<IngestResult> results = new ArrayList<>(calls.size());
        List<AuditLog.Recorded> entries = new ArrayList<>();
        int position = 0;
        int next = 0;
        for (Submission call : calls) {
            int end = position + call.events().size();
            List<UUID> ids = new ArrayList<>();
            List<UUID> problems = new ArrayList<>();
            while (next < fresh.size() && fresh.get(next).position() < end) {
                Fresh event = fresh.get(next);
                ids.add(event.publicId());
                if (unresolved.containsKey(event.id())) {
                    problems.add(event.publicId());
                }
                next++;
            }
            IngestResult result =
                    new IngestResult(ids.size(), call.events().size() - ids.size(), List.copyOf(ids), problems);
            results.add(result);
            if (!ids.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("accepted", result.accepted());
                detail.put("duplicates", result.duplicates());
                detail.put("unresolved", problems.size());
                detail.put("firstEventId", ids.getFirst().toString());
                detail.put("lastEventId", ids.getLast().toString());
                entries.add(new AuditLog.Recorded(
                        call.sender(),
                        call.batch() ? "openlineage.batch-ingested" : "openlineage.ingested",
                        AUDIT_TARGET_TYPE,
                        AUDIT_TARGET_ID,
                        detail));
            }
            position = end;
        }
        auditRows.recordAll(last, entries);
        last.run(entities);
        usage.announce(counted);
        return results;
    }

    /** The run events among the newly stored ones, with the node names of what they read and wrote. */
    private static List<UsageRecorder.Run> runs(List<Fresh> fresh, List<Plan> plans) {
        List<UsageRecorder.Run> runs = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            OpenLineageEvent event = fresh.get(i).event();
            if (event.kind() != OpenLineageEvent.Kind.RUN || event.runId() == null) {
                continue;
            }
            List<String> placed =
                    plans.get(i).placements().stream().map(Placement::dataset).toList();
            int inputs = event.inputs().size();
            runs.add(new UsageRecorder.Run(
                    event.job().qualified(),
                    event.runId(),
                    event.eventTime(),
                    placed.subList(0, inputs),
                    placed.subList(inputs, placed.size())));
        }
        return runs;
    }

    /** Target type of the audit entries of ingest calls. */
    public static final String AUDIT_TARGET_TYPE = "lineage";

    /** Target id of the audit entries of ingest calls: the OpenLineage part of the graph. */
    public static final String AUDIT_TARGET_ID = "openlineage";

    /**
     * A newly stored event with its internal and public ids, its position among the events written
     * together, and its call's trace and claimant.
     */
    private record Fresh(
            long id,
            UUID publicId,
            int position,
            OpenLineageEvent event,
            String traceparent,
            DatasetResolver.Claimant claimant) {}

    /**
     * Stores the events not stored before, as a step of the pipeline; once it ran, the ids of the
     * new ones by their position among the events (an event repeated within the list is stored
     * for its first position only).
     */
    private Map<Integer, OpenLineageEventRepository.Stored> store(
            SqlPipeline pipeline, List<Prepared> prepared, List<Submission> callOf) {
        Map<String, Integer> byFingerprint = new LinkedHashMap<>();
        List<OpenLineageEventRepository.NewEvent> rows = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            if (byFingerprint.putIfAbsent(p.fingerprint(), i) != null) {
                continue;
            }
            OpenLineageEvent event = p.event();
            String subject = event.kind() == OpenLineageEvent.Kind.DATASET
                    ? NodeType.DATASET.key(event.dataset().name().qualified())
                    : NodeType.JOB.key(event.job().qualified());
            rows.add(new OpenLineageEventRepository.NewEvent(
                    p.fingerprint(),
                    event.kind().name(),
                    event.eventType(),
                    event.eventTime(),
                    event.runId(),
                    subject,
                    p.json(),
                    callOf.get(i).producerSubject()));
        }
        Map<String, OpenLineageEventRepository.Stored> byPrint = events.insertAllIfNew(pipeline, rows);
        Map<Integer, OpenLineageEventRepository.Stored> byPosition = new HashMap<>();
        pipeline.afterRun(() -> byFingerprint.forEach((fingerprint, position) -> {
            OpenLineageEventRepository.Stored id = byPrint.get(fingerprint);
            if (id != null) {
                byPosition.put(position, id);
            }
        }));
        return byPosition;
    }

    /** Every dataset name the events mention (their own, their symlinks, their column lineage inputs). */
    private static Set<String> names(List<Prepared> prepared) {
        Set<String> names = new HashSet<>();
        for (Prepared p : prepared) {
            OpenLineageEvent event = p.event();
            List<Dataset> all = event.kind() == OpenLineageEvent.Kind.DATASET
                    ? List.of(event.dataset())
                    : concat(event.inputs(), event.outputs());
            for (Dataset dataset : all) {
                names.add(dataset.name().qualified());
                dataset.symlinks().forEach(symlink -> names.add(symlink.qualified()));
                dataset.columns().forEach(column -> column.inputs()
                        .forEach(input -> names.add(input.dataset().qualified())));
            }
        }
        return names;
    }

    /**
     * What one event adds: data flows between datasets and its job (node keys), and column flows;
     * and where its datasets were placed (inputs then outputs, or its one dataset).
     */
    private record Plan(
            long id,
            String traceparent,
            List<String> issues,
            List<String[]> flows,
            List<ColumnFlow> columns,
            List<Placement> placements) {}

    /** A column feeding another, by dataset node name and field. */
    private record ColumnFlow(
            String sourceDataset,
            String sourceField,
            String targetDataset,
            String targetField,
            String transformation) {}

    /**
     * Adds what the events say to the graph, in their order; returns each event's plan (in the
     * order of the events), which lists what could not be resolved and where its datasets were
     * placed. Planned in memory first (dataset identity comes from the names read with the events),
     * then written: the nodes now (their ids are needed), the aliases and edges as steps of the
     * pipeline, each edge's tessera.lineage event in the trace of the call whose event drew it first.
     */
    private List<Plan> apply(List<Fresh> fresh, DatasetResolver.Aliases aliases, SqlPipeline pipeline) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<Plan> plans = new ArrayList<>(fresh.size());
        Map<String, NodeRef> wanted = new LinkedHashMap<>();
        for (Fresh f : fresh) {
            plans.add(plan(f, aliases, wanted));
        }
        Map<String, NodeRef> refs = new HashMap<>(writer.nodes(wanted.values()));
        datasets.store(pipeline, aliases, refs);

        Map<String, NodeRef> columns = new LinkedHashMap<>();
        for (Plan plan : plans) {
            for (ColumnFlow flow : plan.columns()) {
                column(flow.sourceDataset(), flow.sourceField(), refs, columns);
                column(flow.targetDataset(), flow.targetField(), refs, columns);
            }
        }
        if (!columns.isEmpty()) {
            refs.putAll(writer.nodes(columns.values()));
        }

        List<GraphWriter.NewEdge> edges = new ArrayList<>();
        Map<String, String> traces = new HashMap<>();
        for (Plan plan : plans) {
            for (String[] flow : plan.flows()) {
                NodeRef from = refs.get(flow[0]);
                NodeRef to = refs.get(flow[1]);
                GraphWriter.NewEdge edge =
                        new GraphWriter.NewEdge(edgeKey(from, to), from, to, EdgeKind.OPENLINEAGE, null, null);
                edges.add(edge);
                traces.putIfAbsent(edge.edgeKey(), plan.traceparent());
            }
            for (ColumnFlow flow : plan.columns()) {
                NodeRef from = refs.get(columnKey(flow.sourceDataset(), flow.sourceField()));
                NodeRef to = refs.get(columnKey(flow.targetDataset(), flow.targetField()));
                GraphWriter.NewEdge edge = new GraphWriter.NewEdge(
                        "COL|" + flow.transformation() + "|" + from.key() + "|" + to.key(),
                        from,
                        to,
                        EdgeKind.COLUMN,
                        flow.transformation(),
                        null);
                edges.add(edge);
                traces.putIfAbsent(edge.edgeKey(), plan.traceparent());
            }
        }
        writer.addEdges(pipeline, edges, edge -> traces.get(edge.edgeKey()));
        return plans;
    }

    /** Resolves one event's datasets and lists the nodes and flows it implies. */
    private Plan plan(Fresh fresh, DatasetResolver.Aliases aliases, Map<String, NodeRef> wanted) {
        OpenLineageEvent event = fresh.event();
        List<String> issues = new ArrayList<>();
        List<String[]> flows = new ArrayList<>();
        List<ColumnFlow> columns = new ArrayList<>();
        Map<String, String> resolved = new HashMap<>();
        List<Placement> placements = new ArrayList<>();
        if (event.kind() == OpenLineageEvent.Kind.DATASET) {
            String dataset = resolve(event.dataset(), fresh.claimant(), aliases, resolved, issues, wanted, placements);
            columns(event.dataset(), dataset, aliases, resolved, issues, columns);
            return new Plan(fresh.id(), fresh.traceparent(), issues, flows, columns, placements);
        }
        String job = NodeType.JOB.key(event.job().qualified());
        wanted.putIfAbsent(job, new NodeRef(0, NodeType.JOB, event.job().qualified(), null, null));
        for (Dataset input : event.inputs()) {
            String dataset = resolve(input, fresh.claimant(), aliases, resolved, issues, wanted, placements);
            flows.add(new String[] {NodeType.DATASET.key(dataset), job});
        }
        List<String> outputs = new ArrayList<>();
        for (Dataset output : event.outputs()) {
            String dataset = resolve(output, fresh.claimant(), aliases, resolved, issues, wanted, placements);
            flows.add(new String[] {job, NodeType.DATASET.key(dataset)});
            outputs.add(dataset);
        }
        for (int i = 0; i < event.outputs().size(); i++) {
            columns(event.outputs().get(i), outputs.get(i), aliases, resolved, issues, columns);
        }
        for (Dataset input : event.inputs()) {
            columns(input, resolved.get(input.name().qualified()), aliases, resolved, issues, columns);
        }
        return new Plan(fresh.id(), fresh.traceparent(), issues, flows, columns, placements);
    }

    /** The node name of an event's dataset, its placement added to {@code placements}. */
    private static String resolve(
            Dataset dataset,
            DatasetResolver.Claimant claimant,
            DatasetResolver.Aliases aliases,
            Map<String, String> resolved,
            List<String> issues,
            Map<String, NodeRef> wanted,
            List<Placement> placements) {
        DatasetResolver.Planned result = aliases.resolve(
                dataset.name().qualified(),
                dataset.symlinks().stream().map(Name::qualified).toList(),
                claimant);
        result.conflict().ifPresent(issues::add);
        result.refusal().ifPresent(issues::add);
        resolved.put(dataset.name().qualified(), result.dataset());
        for (Name symlink : dataset.symlinks()) {
            if (!result.refused().contains(symlink.qualified())) {
                resolved.put(symlink.qualified(), result.dataset());
            }
        }
        wanted.putIfAbsent(
                NodeType.DATASET.key(result.dataset()), new NodeRef(0, NodeType.DATASET, result.dataset(), null, null));
        placements.add(new Placement(result.dataset(), result.refused()));
        return result.dataset();
    }

    /**
     * Column flows into one dataset. An input field must name a dataset the event reads or the graph
     * already knows; a column of a dataset nobody has seen cannot be placed, so it is reported.
     */
    private static void columns(
            Dataset dataset,
            String target,
            DatasetResolver.Aliases aliases,
            Map<String, String> resolved,
            List<String> issues,
            List<ColumnFlow> into) {
        for (ColumnLineage column : dataset.columns()) {
            for (InputField input : column.inputs()) {
                String inputName = input.dataset().qualified();
                String source = resolved.get(inputName);
                if (source == null) {
                    source = aliases.find(inputName).orElse(null);
                }
                if (source == null) {
                    issues.add("column " + target + "#" + column.field() + " is derived from "
                            + inputName + "#" + input.field()
                            + ", a dataset that is neither an input of the event nor known to lineage");
                    continue;
                }
                into.add(new ColumnFlow(source, input.field(), target, column.field(), input.transformation()));
            }
        }
    }

    /** Wants the node of a column, owned by whoever owns its dataset. */
    private static void column(String dataset, String field, Map<String, NodeRef> refs, Map<String, NodeRef> into) {
        String key = columnKey(dataset, field);
        if (!into.containsKey(key)) {
            NodeRef owner = refs.get(NodeType.DATASET.key(dataset));
            into.put(
                    key,
                    new NodeRef(
                            0,
                            NodeType.COLUMN,
                            dataset + "#" + field,
                            owner == null ? null : owner.productId(),
                            owner == null ? null : owner.domainId()));
        }
    }

    private static String columnKey(String dataset, String field) {
        return NodeType.COLUMN.key(dataset + "#" + field);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private static String edgeKey(NodeRef from, NodeRef to) {
        return "OL|" + from.key() + "|" + to.key();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise", e);
        }
    }
}
