package dev.tessera.lineage.graph.service;

import dev.tessera.lineage.graph.NodeType;
import dev.tessera.lineage.graph.repository.NodeRepository;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.platform.security.DomainOwnerGroups;
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
 *
 * <p>A dataset that a domain's product serves (its node carries the domain) gets new names only from
 * an event whose sender may name that domain's datasets: a platform admin or an owner of the domain.
 * Anyone else's event is still stored and drawn, but the names it would have attached are not, and
 * the refusal is listed with the event; when its own name was unknown, its dataset is a new one
 * under that name rather than the domain's.
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
        Map<String, NodeRepository.AliasTarget> stored = nodes.datasetsOfAliases(pipeline, names);
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

    /**
     * Whose datasets an event's sender may give new names: every domain's (platform admins), or those
     * of the domains whose owner group is one of its groups (domain owners), or none but datasets no
     * domain serves.
     *
     * @param anyDomain the sender is a platform admin
     * @param groups the sender's Keycloak groups (full paths) when it holds the domain-owner role, else empty
     */
    public record Claimant(boolean anyDomain, Set<String> groups) {

        /** A sender who may name every dataset: for product lineage and tools run by admins. */
        public static final Claimant ANYONE = new Claimant(true, Set.of());

        /** True if the sender may give the datasets of this domain (with this recorded owner group) new names. */
        public boolean mayName(String domainId, String ownerGroup) {
            return anyDomain || DomainOwnerGroups.grants(groups, domainId, ownerGroup);
        }
    }

    /** Names and the dataset (node name) each leads to, stored or claimed in this transaction. */
    public static final class Aliases {
        private final Map<String, String> datasetByAlias = new HashMap<>();
        private final Map<String, NodeRepository.AliasTarget> owners = new HashMap<>();
        private final Map<String, String> claimed = new LinkedHashMap<>();

        Aliases(Map<String, NodeRepository.AliasTarget> stored) {
            stored.forEach((alias, target) -> {
                datasetByAlias.put(alias, target.dataset());
                if (target.domainId() != null) {
                    owners.putIfAbsent(target.dataset(), target);
                }
            });
        }

        /** As {@link #resolve(String, List, Claimant)} for a sender who may name every dataset. */
        public Planned resolve(String qualifiedName, List<String> symlinks) {
            return resolve(qualifiedName, symlinks, Claimant.ANYONE);
        }

        /**
         * The dataset of a name and its symlinks, by node name: the one the first known name leads
         * to, or a new one under its own name; unknown names are claimed for it. When the names lead
         * to two datasets the first wins and the conflict is returned. When the dataset is one a
         * domain serves and the claimant may not name that domain's datasets, no name is claimed for
         * it: the refusal is returned, and an unknown own name makes a dataset of its own.
         */
        public Planned resolve(String qualifiedName, List<String> symlinks, Claimant claimant) {
            Set<String> names = new LinkedHashSet<>();
            names.add(qualifiedName);
            names.addAll(symlinks);
            List<String> known = names.stream()
                    .map(datasetByAlias::get)
                    .filter(java.util.Objects::nonNull)
                    .distinct()
                    .toList();
            String dataset = known.isEmpty() ? qualifiedName : known.getFirst();
            Optional<String> conflict = known.size() > 1
                    ? Optional.of(
                            "the names " + names + " lead to " + known.size() + " different datasets; kept " + dataset)
                    : Optional.empty();
            NodeRepository.AliasTarget owner = owners.get(dataset);
            if (owner != null && !claimant.mayName(owner.domainId(), owner.ownerGroup())) {
                Set<String> refused = new LinkedHashSet<>();
                for (String name : names) {
                    if (!datasetByAlias.containsKey(name)) {
                        refused.add(name);
                    }
                }
                if (!refused.isEmpty()) {
                    if (refused.contains(qualifiedName)) {
                        // Known only by the names it would take over: the event's dataset is its own.
                        dataset = qualifiedName;
                        datasetByAlias.put(qualifiedName, qualifiedName);
                        claimed.put(qualifiedName, qualifiedName);
                    }
                    String kept = dataset;
                    Set<String> apart = new LinkedHashSet<>();
                    names.stream()
                            .filter(n -> !kept.equals(datasetByAlias.get(n)))
                            .forEach(apart::add);
                    String refusal = "the names " + refused + " were not attached to dataset " + owner.dataset()
                            + " of domain '" + owner.domainId() + "': only platform admins and owners of that"
                            + " domain may give its datasets other names";
                    return new Planned(dataset, conflict, Optional.of(refusal), Set.copyOf(apart));
                }
            }
            for (String name : names) {
                if (datasetByAlias.putIfAbsent(name, dataset) == null) {
                    claimed.put(name, dataset);
                }
            }
            return new Planned(dataset, conflict, Optional.empty(), Set.of());
        }

        /** The dataset (node name) a name leads to, if any. */
        public Optional<String> find(String name) {
            return Optional.ofNullable(datasetByAlias.get(name));
        }
    }

    /**
     * The node name of a dataset; when its names disagreed, what was found; when names were refused
     * (see {@link Aliases#resolve(String, List, Claimant)}), why, and the event's names that do not
     * lead to this dataset.
     */
    public record Planned(String dataset, Optional<String> conflict, Optional<String> refusal, Set<String> refused) {}

    /** A dataset node and, when its names disagreed, what was found. */
    public record Resolved(NodeRef node, Optional<String> conflict) {}
}
