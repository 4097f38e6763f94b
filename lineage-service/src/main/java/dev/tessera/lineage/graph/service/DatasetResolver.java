package dev.tessera.lineage.graph.service;

import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.NodeRepository;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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

    /**
     * Dataset identity for many events at once: what every one of these names already leads to,
     * read in one statement, a step of the pipeline (the names are there once it ran). The answer
     * then resolves datasets in memory with the rules of {@link #resolve}, seeing the names earlier
     * datasets of the same call claimed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Supplier<Aliases> aliases(SqlPipeline pipeline, Collection<String> names) {
        Map<String, String> stored = nodes.datasetsOfAliases(pipeline, names);
        return () -> new Aliases(stored);
    }

    /**
     * Stores the names an {@link Aliases} claimed, once their dataset nodes exist (by node key), as
     * a step of the pipeline.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(SqlPipeline pipeline, Aliases aliases, Map<String, NodeRef> datasetsByKey) {
        Map<String, Integer> nodeByAlias = new HashMap<>();
        aliases.claimed.forEach((alias, dataset) -> nodeByAlias.put(
                alias, datasetsByKey.get(NodeType.DATASET.key(dataset)).id()));
        nodes.addAliases(pipeline, nodeByAlias);
    }

    /** Names and the dataset (node name) each leads to, stored or claimed in this transaction. */
    public static final class Aliases {
        private final Map<String, String> datasetByAlias;
        private final Map<String, String> claimed = new LinkedHashMap<>();

        Aliases(Map<String, String> stored) {
            this.datasetByAlias = new HashMap<>(stored);
        }

        /**
         * The dataset of a name and its symlinks, by node name: the one the first known name leads
         * to, or a new one under its own name; unknown names are claimed for it. When the names lead
         * to two datasets the first wins and the conflict is returned.
         */
        public Planned resolve(String qualifiedName, List<String> symlinks) {
            Set<String> names = new LinkedHashSet<>();
            names.add(qualifiedName);
            names.addAll(symlinks);
            List<String> known = names.stream()
                    .map(datasetByAlias::get)
                    .filter(java.util.Objects::nonNull)
                    .distinct()
                    .toList();
            String dataset = known.isEmpty() ? qualifiedName : known.getFirst();
            for (String name : names) {
                if (datasetByAlias.putIfAbsent(name, dataset) == null) {
                    claimed.put(name, dataset);
                }
            }
            Optional<String> conflict = known.size() > 1
                    ? Optional.of(
                            "the names " + names + " lead to " + known.size() + " different datasets; kept " + dataset)
                    : Optional.empty();
            return new Planned(dataset, conflict);
        }

        /** The dataset (node name) a name leads to, if any. */
        public Optional<String> find(String name) {
            return Optional.ofNullable(datasetByAlias.get(name));
        }
    }

    /** The node name of a dataset and, when its names disagreed, what was found. */
    public record Planned(String dataset, Optional<String> conflict) {}

    /** A dataset node and, when its names disagreed, what was found. */
    public record Resolved(NodeRef node, Optional<String> conflict) {}
}
