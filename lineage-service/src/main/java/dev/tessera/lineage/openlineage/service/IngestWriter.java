package dev.tessera.lineage.openlineage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.service.DatasetResolver;
import dev.tessera.lineage.graph.service.GraphWriter;
import dev.tessera.lineage.graph.service.NodeRef;
import dev.tessera.lineage.openlineage.OpenLineageEvent;
import dev.tessera.lineage.openlineage.OpenLineageEvent.ColumnLineage;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Dataset;
import dev.tessera.lineage.openlineage.OpenLineageEvent.InputField;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Name;
import dev.tessera.lineage.openlineage.repository.OpenLineageEventRepository;
import dev.tessera.platform.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    AuditLog audit;

    /**
     * Who sent a call and the trace it belongs to, both captured on the request's thread, and its
     * parsed events. The trace lets a write done on another thread (the group commit's) continue it.
     */
    public record Submission(
            List<OpenLineageEvent> events,
            boolean batch,
            AuditLog.Actor sender,
            io.opentelemetry.context.Context trace) {}

    /**
     * Writes the events of one or more calls set-wise, in one transaction and a handful of
     * statements whatever the number of events: the new events, the aliases they mention, their
     * nodes, their edges, the tessera.lineage events of the edges that appeared and one audit entry
     * per call that stored something. Calls are applied in order, as if one after the other: an
     * event sent twice is stored for the first call and a duplicate for the second. One result per call.
     */
    @Transactional
    public List<IngestResult> write(List<Submission> calls) {
        List<OpenLineageEvent> all = new ArrayList<>();
        calls.forEach(call -> all.addAll(call.events()));
        List<Fresh> fresh = store(all);
        Map<Long, List<String>> issues = apply(fresh);
        Map<Long, String> unresolved = new LinkedHashMap<>();
        issues.forEach((id, list) -> unresolved.put(id, write(list)));
        events.recordIssues(unresolved);

        List<IngestResult> results = new ArrayList<>(calls.size());
        List<AuditLog.Recorded> entries = new ArrayList<>();
        int position = 0;
        int next = 0;
        for (Submission call : calls) {
            int end = position + call.events().size();
            List<Long> ids = new ArrayList<>();
            List<Long> problems = new ArrayList<>();
            while (next < fresh.size() && fresh.get(next).position() < end) {
                long id = fresh.get(next).id();
                ids.add(id);
                if (unresolved.containsKey(id)) {
                    problems.add(id);
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
                detail.put("firstEventId", ids.getFirst());
                detail.put("lastEventId", ids.getLast());
                entries.add(new AuditLog.Recorded(
                        call.sender(),
                        call.batch() ? "openlineage.batch-ingested" : "openlineage.ingested",
                        AUDIT_TARGET_TYPE,
                        AUDIT_TARGET_ID,
                        detail));
            }
            position = end;
        }
        audit.recordAll(entries);
        return results;
    }

    /** Target type of the audit entries of ingest calls. */
    public static final String AUDIT_TARGET_TYPE = "lineage";

    /** Target id of the audit entries of ingest calls: the OpenLineage part of the graph. */
    public static final String AUDIT_TARGET_ID = "openlineage";

    /** A newly stored event with its id and its position among the events written together. */
    private record Fresh(long id, int position, OpenLineageEvent event) {}

    /** Stores the events not stored before, in one statement; the new ones in the order sent. */
    private List<Fresh> store(List<OpenLineageEvent> parsed) {
        Map<String, Integer> byFingerprint = new LinkedHashMap<>();
        List<OpenLineageEventRepository.NewEvent> rows = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            OpenLineageEvent event = parsed.get(i);
            String fingerprint = sha256(write(canonical(event.raw())));
            if (byFingerprint.putIfAbsent(fingerprint, i) != null) {
                continue;
            }
            String subject = event.kind() == OpenLineageEvent.Kind.DATASET
                    ? NodeType.DATASET.key(event.dataset().name().qualified())
                    : NodeType.JOB.key(event.job().qualified());
            rows.add(new OpenLineageEventRepository.NewEvent(
                    fingerprint,
                    event.kind().name(),
                    event.eventType(),
                    event.eventTime(),
                    event.runId(),
                    subject,
                    write(event.raw())));
        }
        Map<String, Long> stored = events.insertAllIfNew(rows);
        List<Fresh> fresh = new ArrayList<>(stored.size());
        byFingerprint.forEach((fingerprint, position) -> {
            Long id = stored.get(fingerprint);
            if (id != null) {
                fresh.add(new Fresh(id, position, parsed.get(position)));
            }
        });
        return fresh;
    }

    /** What one event adds: data flows between datasets and its job (node keys), and column flows. */
    private record Plan(long id, List<String> issues, List<String[]> flows, List<ColumnFlow> columns) {}

    /** A column feeding another, by dataset node name and field. */
    private record ColumnFlow(
            String sourceDataset,
            String sourceField,
            String targetDataset,
            String targetField,
            String transformation) {}

    /**
     * Adds what the events say to the graph, in their order; returns what could not be resolved, by
     * event id. Planned in memory first (dataset identity needs every name the events mention, read
     * at once), then written: nodes, aliases, edges.
     */
    private Map<Long, List<String>> apply(List<Fresh> fresh) {
        if (fresh.isEmpty()) {
            return Map.of();
        }
        Set<String> names = new HashSet<>();
        for (Fresh f : fresh) {
            OpenLineageEvent event = f.event();
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
        DatasetResolver.Aliases aliases = datasets.aliases(names);
        List<Plan> plans = new ArrayList<>(fresh.size());
        Map<String, NodeRef> wanted = new LinkedHashMap<>();
        for (Fresh f : fresh) {
            plans.add(plan(f, aliases, wanted));
        }
        Map<String, NodeRef> refs = new HashMap<>(writer.nodes(wanted.values()));
        datasets.store(aliases, refs);

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
        Map<Long, List<String>> issues = new LinkedHashMap<>();
        for (Plan plan : plans) {
            for (String[] flow : plan.flows()) {
                NodeRef from = refs.get(flow[0]);
                NodeRef to = refs.get(flow[1]);
                edges.add(new GraphWriter.NewEdge(edgeKey(from, to), from, to, EdgeKind.OPENLINEAGE, null, null));
            }
            for (ColumnFlow flow : plan.columns()) {
                NodeRef from = refs.get(columnKey(flow.sourceDataset(), flow.sourceField()));
                NodeRef to = refs.get(columnKey(flow.targetDataset(), flow.targetField()));
                edges.add(new GraphWriter.NewEdge(
                        "COL|" + flow.transformation() + "|" + from.key() + "|" + to.key(),
                        from,
                        to,
                        EdgeKind.COLUMN,
                        flow.transformation(),
                        null));
            }
            if (!plan.issues().isEmpty()) {
                issues.put(plan.id(), plan.issues());
            }
        }
        writer.addEdges(edges);
        return issues;
    }

    /** Resolves one event's datasets and lists the nodes and flows it implies. */
    private Plan plan(Fresh fresh, DatasetResolver.Aliases aliases, Map<String, NodeRef> wanted) {
        OpenLineageEvent event = fresh.event();
        List<String> issues = new ArrayList<>();
        List<String[]> flows = new ArrayList<>();
        List<ColumnFlow> columns = new ArrayList<>();
        Map<String, String> resolved = new HashMap<>();
        if (event.kind() == OpenLineageEvent.Kind.DATASET) {
            String dataset = resolve(event.dataset(), aliases, resolved, issues, wanted);
            columns(event.dataset(), dataset, aliases, resolved, issues, columns);
            return new Plan(fresh.id(), issues, flows, columns);
        }
        String job = NodeType.JOB.key(event.job().qualified());
        wanted.putIfAbsent(job, new NodeRef(0, NodeType.JOB, event.job().qualified(), null, null));
        for (Dataset input : event.inputs()) {
            String dataset = resolve(input, aliases, resolved, issues, wanted);
            flows.add(new String[] {NodeType.DATASET.key(dataset), job});
        }
        List<String> outputs = new ArrayList<>();
        for (Dataset output : event.outputs()) {
            String dataset = resolve(output, aliases, resolved, issues, wanted);
            flows.add(new String[] {job, NodeType.DATASET.key(dataset)});
            outputs.add(dataset);
        }
        for (int i = 0; i < event.outputs().size(); i++) {
            columns(event.outputs().get(i), outputs.get(i), aliases, resolved, issues, columns);
        }
        for (Dataset input : event.inputs()) {
            columns(input, resolved.get(input.name().qualified()), aliases, resolved, issues, columns);
        }
        return new Plan(fresh.id(), issues, flows, columns);
    }

    private static String resolve(
            Dataset dataset,
            DatasetResolver.Aliases aliases,
            Map<String, String> resolved,
            List<String> issues,
            Map<String, NodeRef> wanted) {
        DatasetResolver.Planned result = aliases.resolve(
                dataset.name().qualified(),
                dataset.symlinks().stream().map(Name::qualified).toList());
        result.conflict().ifPresent(issues::add);
        resolved.put(dataset.name().qualified(), result.dataset());
        for (Name symlink : dataset.symlinks()) {
            resolved.put(symlink.qualified(), result.dataset());
        }
        wanted.putIfAbsent(
                NodeType.DATASET.key(result.dataset()), new NodeRef(0, NodeType.DATASET, result.dataset(), null, null));
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

    /** The event with object keys sorted, so the same event written by two serialisers is one duplicate. */
    private JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                sorted.put(entry.getKey(), canonical(entry.getValue()));
            }
            var object = json.createObjectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            var array = json.createArrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
