package dev.tessera.lineage.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraphIndexTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /** a -> b -> c -> d, and e -> b. */
    private static GraphIndex chain() {
        GraphIndex index = new GraphIndex();
        String[] names = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < names.length; i++) {
            index.putNode(i + 1, "DATASET:" + names[i], NodeType.DATASET, i == 3 ? "sales" : null);
        }
        index.addEdge(1, 2);
        index.addEdge(2, 3);
        index.addEdge(3, 4);
        index.addEdge(5, 2);
        return index;
    }

    /**
     * raw -> job -> table; product -> port -> table (the port is served by table); port -> consumer;
     * other job -> table too; raw#id -> table#id column lineage.
     */
    private static GraphIndex servedTable() {
        GraphIndex index = new GraphIndex();
        index.putNode(1, "DATASET:ns/raw", NodeType.DATASET, null);
        index.putNode(2, "JOB:ns/job", NodeType.JOB, null);
        index.putNode(3, "DATASET:ns/table", NodeType.DATASET, "a", "sales");
        index.putNode(4, "PORT:a/out", NodeType.PORT, "a", "sales");
        index.putNode(5, "PRODUCT:a", NodeType.PRODUCT, "a", "sales");
        index.putNode(6, "PRODUCT:b", NodeType.PRODUCT, "b", "finance");
        index.putNode(7, "JOB:ns/other", NodeType.JOB, null);
        index.putNode(8, "COLUMN:ns/raw#id", NodeType.COLUMN, null);
        index.putNode(9, "COLUMN:ns/table#id", NodeType.COLUMN, "a", "sales");
        index.addEdge(1, 2);
        index.addEdge(2, 3);
        index.addEdge(5, 4);
        index.addEdge(4, 3);
        index.addEdge(4, 6);
        index.addEdge(7, 3);
        index.addEdge(8, 9);
        return index;
    }

    @Test
    void impactCrossesFromADatasetToThePortsItServesAndOnToTheirConsumers() {
        Traversal t = servedTable().impact(1, 10, 100, NO_DEADLINE);

        // Neither the product offering the port nor the other job writing the table is downstream.
        assertThat(t.nodes()).containsExactly(1, 2, 3, 4, 6);
        assertThat(t.pathTo(4)).containsExactly(1, 2, 3, 4, 6);
        assertThat(t.partial()).isFalse();
    }

    @Test
    void impactOfAColumnReachesThePortsItsDatasetServes() {
        Traversal t = servedTable().impact(8, 10, 100, NO_DEADLINE);

        assertThat(t.nodes()).containsExactly(8, 9, 4, 3, 6);
        assertThat(t.pathTo(2)).containsExactly(8, 9, 4);
    }

    @Test
    void impactObeysTheNodeCapAndDepth() {
        Traversal capped = servedTable().impact(1, 10, 4, NO_DEADLINE);
        Traversal shallow = servedTable().impact(1, 3, 100, NO_DEADLINE);

        assertThat(capped.nodes()).containsExactly(1, 2, 3, 4);
        assertThat(capped.cut()).isEqualTo(Traversal.NODE_CAP);
        assertThat(shallow.nodes()).containsExactly(1, 2, 3, 4);
        assertThat(shallow.partial()).isFalse();
    }

    @Test
    void aPlainDownstreamTraversalStillStopsAtTheDataset() {
        assertThat(servedTable()
                        .traverse(1, Direction.DOWNSTREAM, 10, 100, NO_DEADLINE)
                        .nodes())
                .containsExactly(1, 2, 3);
    }

    @Test
    void downstreamStopsAtTheRequestedDepth() {
        Traversal t = chain().traverse(1, Direction.DOWNSTREAM, 2, 100, NO_DEADLINE);

        assertThat(t.nodes()).containsExactly(1, 2, 3);
        assertThat(t.depths()).containsExactly(0, 1, 2);
        assertThat(t.partial()).isFalse();
    }

    @Test
    void upstreamFollowsEdgesBackwards() {
        Traversal t = chain().traverse(3, Direction.UPSTREAM, 5, 100, NO_DEADLINE);

        assertThat(t.nodes()).containsExactlyInAnyOrder(3, 2, 1, 5);
    }

    @Test
    void bothDirectionsListTheStartOnceAndTellWhichWayEachNodeLies() {
        Traversal t = chain().traverse(2, Direction.BOTH, 5, 100, NO_DEADLINE);

        assertThat(t.nodes()).containsExactlyInAnyOrder(2, 3, 4, 1, 5);
        for (int i = 1; i < t.size(); i++) {
            Direction expected = t.node(i) == 3 || t.node(i) == 4 ? Direction.DOWNSTREAM : Direction.UPSTREAM;
            assertThat(t.directionAt(i)).as("node %d", t.node(i)).isEqualTo(expected);
        }
    }

    @Test
    void cyclesTerminateAndVisitEachNodeOnce() {
        GraphIndex index = chain();
        index.addEdge(4, 1);

        Traversal t = index.traverse(1, Direction.DOWNSTREAM, 25, 100, NO_DEADLINE);

        assertThat(t.nodes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theNodeCapCutsTheTraversalAndSaysSo() {
        Traversal t = chain().traverse(1, Direction.DOWNSTREAM, 10, 2, NO_DEADLINE);

        assertThat(t.size()).isEqualTo(2);
        assertThat(t.partial()).isTrue();
        assertThat(t.cut()).isEqualTo(Traversal.NODE_CAP);
    }

    @Test
    void anExhaustedTimeBudgetCutsTheTraversalAndSaysSo() {
        GraphIndex index = new GraphIndex();
        index.putNode(1, "JOB:hub", NodeType.JOB, null);
        for (int i = 2; i < 5000; i++) {
            index.putNode(i, "DATASET:d" + i, NodeType.DATASET, null);
            index.addEdge(1, i);
        }

        Traversal t = index.traverse(1, Direction.DOWNSTREAM, 3, 100_000, System.nanoTime() - 1);

        assertThat(t.partial()).isTrue();
        assertThat(t.cut()).isEqualTo(Traversal.TIME_BUDGET);
    }

    @Test
    void aRemovedEdgeIsNoLongerFollowed() {
        GraphIndex index = chain();
        index.removeEdge(2, 3);

        assertThat(index.traverse(1, Direction.DOWNSTREAM, 5, 100, NO_DEADLINE).nodes())
                .containsExactly(1, 2);
        assertThat(index.edgeCount()).isEqualTo(3);
    }

    @Test
    void aParallelEdgeSurvivesTheRemovalOfItsTwin() {
        GraphIndex index = chain();
        index.addEdge(1, 2);
        index.removeEdge(1, 2);

        assertThat(index.traverse(1, Direction.DOWNSTREAM, 1, 100, NO_DEADLINE).nodes())
                .containsExactly(1, 2);
    }

    @Test
    void shortestPathLeadsAlongTheDataFlow() {
        GraphIndex index = chain();
        index.addEdge(1, 3);

        assertThat(index.shortestPath(1, 4, 10, NO_DEADLINE)).containsExactly(1, 3, 4);
        assertThat(index.shortestPath(4, 1, 10, NO_DEADLINE)).isEmpty();
    }

    @Test
    void pathToRebuildsTheRouteFromTheStart() {
        Traversal t = chain().traverse(1, Direction.DOWNSTREAM, 5, 100, NO_DEADLINE);
        int positionOfD = Arrays.stream(t.nodes()).boxed().toList().indexOf(4);

        assertThat(t.pathTo(positionOfD)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void nodesKeepTheirKeyTypeAndDomain() {
        GraphIndex index = chain();

        assertThat(index.idOf("DATASET:d")).isEqualTo(4);
        assertThat(index.keyOf(4)).isEqualTo("DATASET:d");
        assertThat(index.typeOf(4)).isEqualTo(NodeType.DATASET);
        assertThat(index.domainOf(4)).isEqualTo("sales");
        assertThat(index.domainOf(1)).isNull();
        assertThat(index.idOf("DATASET:missing")).isEqualTo(-1);
    }

    @Test
    void idsBeyondTheInitialCapacityGrowTheIndex() {
        GraphIndex index = new GraphIndex();
        index.putNode(1, "JOB:a", NodeType.JOB, null);
        index.putNode(100_000, "DATASET:far", NodeType.DATASET, null);
        index.addEdge(1, 100_000);

        assertThat(index.traverse(1, Direction.DOWNSTREAM, 1, 10, NO_DEADLINE).nodes())
                .containsExactly(1, 100_000);
    }

    @Test
    void aReaderSeesAllOrNoneOfTheChangesAppliedTogether() throws Exception {
        GraphIndex index = new GraphIndex();
        index.putNode(1, "JOB:hub", NodeType.JOB, null);
        int perCommit = 20_000;
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch readerRunning = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                AtomicInteger successors = new AtomicInteger();
                index.forEachSuccessor(1, id -> successors.incrementAndGet());
                seen.add(successors.get());
                readerRunning.countDown();
            }
        });
        readerRunning.await();

        for (int commit = 0; commit < 3; commit++) {
            int first = 2 + commit * perCommit;
            index.atomically(() -> {
                for (int id = first; id < first + perCommit; id++) {
                    index.putNode(id, "DATASET:d" + id, NodeType.DATASET, null);
                    index.addEdge(1, id);
                }
            });
        }
        writing.set(false);
        reader.join();

        assertThat(seen).allMatch(count -> count % perCommit == 0);
        assertThat(index.edgeCount()).isEqualTo(3L * perCommit);
    }

    @Test
    void settingAPairsEdgeCountTwiceLeavesThatManyEdges() {
        GraphIndex index = chain();

        index.setEdgeCount(1, 2, 1);
        index.setEdgeCount(1, 4, 2);
        index.setEdgeCount(1, 4, 2);
        index.setEdgeCount(5, 2, 0);

        assertThat(successors(index, 1)).containsExactlyInAnyOrder(2, 4, 4);
        assertThat(successors(index, 5)).isEmpty();
        assertThat(index.traverse(2, Direction.UPSTREAM, 1, 100, NO_DEADLINE).nodes())
                .containsExactlyInAnyOrder(2, 1);
        assertThat(index.edgeCount()).isEqualTo(5);
    }

    private static java.util.List<Integer> successors(GraphIndex index, int node) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        index.forEachSuccessor(node, found::add);
        return found;
    }
}
