package org.minafoundation.uptime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.scoring.Rows.prev;
import static org.minafoundation.uptime.scoring.Rows.row;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The graph of SPEC §6.3 to §6.6. */
class StateHashGraphTest {

    @Test
    void newNodesAreUnreachedAndAddedOnce() {
        StateHashGraph graph = new StateHashGraph();
        graph.addNode("a");
        graph.addNode("a");
        assertEquals(List.of("a"), List.copyOf(graph.nodes()));
        assertEquals(9999, graph.weight("a"));
        assertEquals(0, graph.edgeCount());
    }

    @Test
    void anEdgeAddsItsEndsAndIsCountedOnce() {
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("p", "c");
        graph.addEdge("p", "c");
        assertEquals(Set.of("p", "c"), Set.copyOf(graph.nodes()));
        assertEquals(1, graph.edgeCount());
    }

    @Test
    void emptyQueueChangesNothing() {
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("p", "c");
        graph.setWeight("p", 0);
        graph.propagate(List.of());
        assertEquals(9999, graph.weight("c"));
        assertEquals(Map.of("p", 0), graph.within(2));
    }

    @Test
    void weightIsTheDistanceFromTheNearestAgreedHash() {
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("a", "b");
        graph.addEdge("b", "c");
        graph.addEdge("c", "d");
        graph.addEdge("a", "e");
        graph.setWeight("a", 0);
        graph.propagate(List.of("a"));
        assertEquals(Map.of("a", 0, "b", 1, "c", 2, "e", 1), graph.within(2));
        assertEquals(3, graph.weight("d"));
    }

    @Test
    void aNodeTakesTheSmallestOfItsPredecessors() {
        // x has two parents: far (weight 5, popped first) and near (weight 0).
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("far", "x");
        graph.addEdge("near", "x");
        graph.setWeight("far", 5);
        graph.setWeight("near", 0);
        graph.propagate(List.of("far", "near"));
        assertEquals(1, graph.weight("x"));
    }

    @Test
    void weightsNeverGrow() {
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("a", "b");
        graph.setWeight("a", 2);
        graph.setWeight("b", 0);
        graph.propagate(List.of("a"));
        assertEquals(0, graph.weight("b"));
    }

    @Test
    void onlyTheFirstQueueElementStartsVisited() {
        // Queue [first, second]; second is a child of first and gets re-weighted, its child then benefits.
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("first", "second");
        graph.addEdge("second", "third");
        graph.setWeight("first", 0);
        graph.setWeight("second", 2);
        graph.propagate(List.of("first", "second"));
        assertEquals(1, graph.weight("second"));
        assertEquals(2, graph.weight("third"));

        // The first element is never re-weighted, even when a lighter parent reaches it.
        StateHashGraph other = new StateHashGraph();
        other.addEdge("light", "heavy");
        other.setWeight("heavy", 2);
        other.setWeight("light", 0);
        other.propagate(List.of("heavy", "light"));
        assertEquals(2, other.weight("heavy"));
    }

    @Test
    void cyclesAndSelfLoopsTerminate() {
        StateHashGraph graph = new StateHashGraph();
        graph.addEdge("a", "b");
        graph.addEdge("b", "c");
        graph.addEdge("c", "a");
        graph.addEdge("b", "b");
        graph.setWeight("b", 0);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> graph.propagate(List.of("b", "a", "b")));
        assertEquals(0, graph.weight("b"));
        assertEquals(1, graph.weight("c"));
        assertEquals(2, graph.weight("a"));
    }

    @Test
    void withinKeepsWeightsUpToTheLimitInclusive() {
        StateHashGraph graph = new StateHashGraph();
        for (int w = 0; w <= 4; w++) {
            graph.addNode("w" + w);
            graph.setWeight("w" + w, w);
        }
        assertEquals(Map.of("w0", 0, "w1", 1, "w2", 2), graph.within(2));
    }

    @Test
    void buildGraphLinksRowsToParentsOfTheBatchOrThePreviousShortlistOnly() {
        List<Submission> rows = List.of(
                row("k1", "a", "p1"),      // p1 is a previous hash: edge
                row("k2", "b", "a"),       // a is a batch hash: edge
                row("k3", "c", "unknown"), // no edge, no node for "unknown"
                row("k4", "d", null));     // no parent: no edge
        List<ShortlistEntry> previous = List.of(
                prev("p2", "p1", 1),       // p2 is a previous hash: edge p2 -> p1
                prev("gone", "p2", 0),     // "gone" is not: no edge
                prev(null, "p3", 2));
        StateHashGraph graph = ScoringEngine.buildGraph(rows, previous, List.of());

        assertEquals(Set.of("a", "b", "c", "d", "p1", "p2", "p3"), Set.copyOf(graph.nodes()));
        assertEquals(3, graph.edgeCount());
    }

    @Test
    void candidatesAreNodesAndWeighZeroEvenWhenPreviouslyStoredHeavier() {
        List<Submission> rows = List.of(row("k1", "a", "x"));
        List<ShortlistEntry> previous = List.of(prev(null, "a", 2), prev(null, "b", 1));
        StateHashGraph graph = ScoringEngine.buildGraph(rows, previous, List.of("a"));
        ScoringEngine.applyInitialWeights(graph, previous, List.of("a"));
        assertEquals(0, graph.weight("a"));
        assertEquals(1, graph.weight("b"));
    }
}
