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
import dev.tessera.lineage.openlineage.OpenLineageParser;
import dev.tessera.lineage.openlineage.repository.OpenLineageEventRepository;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns OpenLineage events into graph changes. The graph an event implies depends only on the
 * event (inputs feed the job, the job feeds outputs, input columns feed output columns), and edges
 * are added, never replaced, so repeated and out-of-order events (COMPLETE before START) leave the
 * same graph. The raw event is stored once whatever happens; the parts that cannot be resolved are
 * recorded with it and listed, never dropped.
 */
@ApplicationScoped
public class IngestService {

    @Inject
    OpenLineageEventRepository events;

    @Inject
    DatasetResolver datasets;

    @Inject
    GraphWriter writer;

    @Inject
    ObjectMapper json;

    /**
     * Validates every event first and refuses the whole call when one is invalid, so a batch is
     * stored entirely or not at all.
     */
    @Transactional
    public IngestResult ingest(List<JsonNode> raw, boolean batch) {
        List<OpenLineageEvent> parsed = new ArrayList<>(raw.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            OpenLineageParser.Result result = OpenLineageParser.parse(raw.get(i), batch ? "/" + i : "");
            errors.addAll(result.errors());
            parsed.add(result.event());
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(
                    "Not a valid OpenLineage event: " + errors.getFirst().path() + ": "
                            + errors.getFirst().message() + (batch ? " (nothing in the batch was stored)" : ""),
                    errors);
        }
        int accepted = 0;
        int duplicates = 0;
        List<Long> ids = new ArrayList<>();
        List<Long> unresolved = new ArrayList<>();
        for (OpenLineageEvent event : parsed) {
            Optional<Long> id = store(event);
            if (id.isEmpty()) {
                duplicates++;
                continue;
            }
            accepted++;
            ids.add(id.get());
            List<String> issues = apply(event);
            if (!issues.isEmpty()) {
                events.recordIssues(id.get(), write(issues));
                unresolved.add(id.get());
            }
        }
        return new IngestResult(accepted, duplicates, ids, unresolved);
    }

    private Optional<Long> store(OpenLineageEvent event) {
        String canonical = write(canonical(event.raw()));
        String subject = event.kind() == OpenLineageEvent.Kind.DATASET
                ? NodeType.DATASET.key(event.dataset().name().qualified())
                : NodeType.JOB.key(event.job().qualified());
        return events.insertIfNew(
                sha256(canonical),
                event.kind().name(),
                event.eventType(),
                event.eventTime(),
                event.runId(),
                subject,
                write(event.raw()));
    }

    /** Adds what the event says to the graph; returns what could not be resolved. */
    private List<String> apply(OpenLineageEvent event) {
        List<String> issues = new ArrayList<>();
        Map<String, NodeRef> resolved = new HashMap<>();
        if (event.kind() == OpenLineageEvent.Kind.DATASET) {
            NodeRef dataset = resolve(event.dataset(), resolved, issues);
            columns(event.dataset(), dataset, resolved, issues);
            return issues;
        }
        NodeRef job = writer.node(NodeType.JOB, event.job().qualified(), null, null);
        for (Dataset input : event.inputs()) {
            NodeRef dataset = resolve(input, resolved, issues);
            writer.addEdge(edgeKey(dataset, job), dataset, job, EdgeKind.OPENLINEAGE, null, null);
        }
        List<NodeRef> outputs = new ArrayList<>();
        for (Dataset output : event.outputs()) {
            NodeRef dataset = resolve(output, resolved, issues);
            writer.addEdge(edgeKey(job, dataset), job, dataset, EdgeKind.OPENLINEAGE, null, null);
            outputs.add(dataset);
        }
        for (int i = 0; i < event.outputs().size(); i++) {
            columns(event.outputs().get(i), outputs.get(i), resolved, issues);
        }
        for (Dataset input : event.inputs()) {
            columns(input, resolved.get(input.name().qualified()), resolved, issues);
        }
        return issues;
    }

    private NodeRef resolve(Dataset dataset, Map<String, NodeRef> resolved, List<String> issues) {
        DatasetResolver.Resolved result = datasets.resolve(
                dataset.name().qualified(),
                dataset.symlinks().stream().map(Name::qualified).toList());
        result.conflict().ifPresent(issues::add);
        resolved.put(dataset.name().qualified(), result.node());
        for (Name symlink : dataset.symlinks()) {
            resolved.put(symlink.qualified(), result.node());
        }
        return result.node();
    }

    /**
     * Column edges of one dataset. An input field must name a dataset the event reads or the graph
     * already knows; a column of a dataset nobody has seen cannot be placed, so it is reported.
     */
    private void columns(Dataset dataset, NodeRef target, Map<String, NodeRef> resolved, List<String> issues) {
        for (ColumnLineage column : dataset.columns()) {
            NodeRef to = writer.node(
                    NodeType.COLUMN, target.name() + "#" + column.field(), target.productId(), target.domainId());
            for (InputField input : column.inputs()) {
                String inputName = input.dataset().qualified();
                NodeRef source = resolved.get(inputName);
                if (source == null) {
                    source = datasets.find(inputName).orElse(null);
                }
                if (source == null) {
                    issues.add("column " + target.name() + "#" + column.field() + " is derived from "
                            + inputName + "#" + input.field()
                            + ", a dataset that is neither an input of the event nor known to lineage");
                    continue;
                }
                NodeRef from = writer.node(
                        NodeType.COLUMN, source.name() + "#" + input.field(), source.productId(), source.domainId());
                writer.addEdge(
                        "COL|" + input.transformation() + "|" + from.key() + "|" + to.key(),
                        from,
                        to,
                        EdgeKind.COLUMN,
                        input.transformation(),
                        null);
            }
        }
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
