package dev.tessera.lineage.query.repository;

import dev.tessera.lineage.graph.EdgeKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a port feeds a product. The index knows only that it does; an input port and an active grant
 * both link a port to a consuming product, so impact analysis asks the stored edges which, for the
 * few pairs an answer shows.
 */
@ApplicationScoped
public class ConsumerEdges {

    /** A port and a product it feeds. */
    public record Pair(int port, int product) {}

    @Inject
    EntityManager em;

    /** The kinds of the present edges between each pair; pairs without one are absent. */
    @SuppressWarnings("unchecked")
    public Map<Pair, Set<EdgeKind>> kinds(Collection<Pair> pairs) {
        Map<Pair, Set<EdgeKind>> kinds = new HashMap<>();
        if (pairs.isEmpty()) {
            return kinds;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT from_id, to_id, kind FROM lineage_edge "
                        + "WHERE present AND kind IN (:kinds) AND from_id IN (:ports) AND to_id IN (:products)")
                .setParameter("kinds", List.of(EdgeKind.INPUT_PORT.name(), EdgeKind.ACCESS_GRANT.name()))
                .setParameter("ports", pairs.stream().map(Pair::port).distinct().toList())
                .setParameter(
                        "products", pairs.stream().map(Pair::product).distinct().toList())
                .getResultList();
        for (Object[] row : rows) {
            Pair pair = new Pair(((Number) row[0]).intValue(), ((Number) row[1]).intValue());
            if (pairs.contains(pair)) {
                kinds.computeIfAbsent(pair, p -> EnumSet.noneOf(EdgeKind.class)).add(EdgeKind.valueOf((String) row[2]));
            }
        }
        return kinds;
    }
}
