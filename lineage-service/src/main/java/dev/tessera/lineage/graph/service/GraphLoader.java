package dev.tessera.lineage.graph.service;

import dev.tessera.lineage.graph.GraphIndex;
import dev.tessera.lineage.graph.NodeType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;

/** Rebuilds the in-memory index from PostgreSQL when the service starts: the database is the truth. */
@ApplicationScoped
public class GraphLoader {

    private static final Logger LOG = Logger.getLogger(GraphLoader.class);
    private static final int PAGE = 50_000;

    @Inject
    GraphIndex index;

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent event) {
        rebuild();
    }

    /** Reloads every node and present edge; pages through the tables so memory stays flat. */
    public void rebuild() {
        long started = System.nanoTime();
        index.clear();
        QuarkusTransaction.requiringNew().run(() -> {
            long after = 0;
            while (true) {
                List<?> rows = em.createNativeQuery(
                                "SELECT id, node_key, type, product_id, domain_id FROM lineage_node WHERE id > ?1 ORDER BY id LIMIT ?2")
                        .setParameter(1, after)
                        .setParameter(2, PAGE)
                        .getResultList();
                for (Object row : rows) {
                    Object[] r = (Object[]) row;
                    int id = ((Number) r[0]).intValue();
                    index.putNode(id, (String) r[1], NodeType.valueOf((String) r[2]), (String) r[3], (String) r[4]);
                    after = id;
                }
                if (rows.size() < PAGE) {
                    break;
                }
            }
            after = 0;
            while (true) {
                List<?> rows = em.createNativeQuery("SELECT id, from_id, to_id FROM lineage_edge WHERE present "
                                + "AND id > ?1 ORDER BY id LIMIT ?2")
                        .setParameter(1, after)
                        .setParameter(2, PAGE)
                        .getResultList();
                for (Object row : rows) {
                    Object[] r = (Object[]) row;
                    index.addEdge(((Number) r[1]).intValue(), ((Number) r[2]).intValue());
                    after = ((Number) r[0]).longValue();
                }
                if (rows.size() < PAGE) {
                    break;
                }
            }
        });
        LOG.infof(
                "Lineage index rebuilt: %d nodes, %d edges in %d ms",
                index.nodeCount(), index.edgeCount(), (System.nanoTime() - started) / 1_000_000);
    }
}
