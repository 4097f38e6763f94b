package dev.tessera.lineage.graph.service;

import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.NodeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dataset identity. A dataset is known under its own {@code namespace/name} and under every name its
 * SymlinksDatasetFacet lists (a Hive table and its S3 location, a Glue and a Trino name of one
 * table); all of them lead to one node, whichever tool reported it first.
 */
@ApplicationScoped
public class DatasetResolver {

    @Inject
    NodeRepository nodes;

    @Inject
    GraphWriter writer;

    /**
     * The node of a dataset, created under its own name when none of its names is known. When its
     * names already lead to two different nodes the first wins and the conflict is returned, so the
     * caller can report it instead of merging two nodes behind everyone's back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Resolved resolve(String qualifiedName, List<String> symlinks) {
        Set<String> names = new LinkedHashSet<>();
        names.add(qualifiedName);
        names.addAll(symlinks);
        List<Integer> known =
                nodes.nodesOfAliases(new ArrayList<>(names)).stream().distinct().toList();
        NodeRef node = known.isEmpty()
                ? writer.node(NodeType.DATASET, qualifiedName, null, null)
                : writer.ref(known.getFirst());
        nodes.addAliases(names, node.id());
        Optional<String> conflict = known.size() > 1
                ? Optional.of(
                        "the names " + names + " lead to " + known.size() + " different datasets; kept " + node.name())
                : Optional.empty();
        return new Resolved(node, conflict);
    }

    /** The node a dataset name already leads to, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<NodeRef> find(String qualifiedName) {
        List<Integer> known = nodes.nodesOfAliases(List.of(qualifiedName));
        return known.isEmpty() ? Optional.empty() : Optional.of(writer.ref(known.getFirst()));
    }

    /** A dataset node and, when its names disagreed, what was found. */
    public record Resolved(NodeRef node, Optional<String> conflict) {}
}
