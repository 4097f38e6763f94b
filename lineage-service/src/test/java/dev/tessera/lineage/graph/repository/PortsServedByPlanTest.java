package dev.tessera.lineage.graph.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.lineage.support.LineageTestResources;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Quality and usage look up the ports a dataset serves for every run event they ingest, so that
 * lookup must follow an index from dataset to edge: a scan of every edge per event made ingest
 * slower with every edge the graph gained. With sequential scans priced out, the plan must use the
 * index of port-to-dataset edges by target, which exists only if the migration made it.
 */
@QuarkusTest
@LineageTestResources
class PortsServedByPlanTest {

    @Inject
    DataSource database;

    @Test
    void theLookupFollowsTheIndexOfPortEdgesByTargetInsteadOfScanningEveryEdge() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = database.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET LOCAL enable_seqscan = off");
                }
                try (PreparedStatement explain =
                        connection.prepareStatement("EXPLAIN " + EdgeRepository.PORTS_SERVED_BY)) {
                    explain.setArray(1, connection.createArrayOf("text", new String[] {"postgres://db:5432/a.b.c"}));
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            plan.append(rows.getString(1)).append('\n');
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        assertThat(plan.toString())
                .as("the plan of the ports-served-by lookup")
                .contains("lineage_edge_port_dataset_by_target_idx")
                .doesNotContain("Seq Scan on lineage_edge");
    }
}
