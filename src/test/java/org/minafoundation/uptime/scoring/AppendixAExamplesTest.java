package org.minafoundation.uptime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.scoring.Rows.concat;
import static org.minafoundation.uptime.scoring.Rows.prev;
import static org.minafoundation.uptime.scoring.Rows.row;
import static org.minafoundation.uptime.scoring.Rows.rowsByProducers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scoring examples of SPEC Appendix A, one test each (the slices example is in BatchSlicesTest). */
class AppendixAExamplesTest {

    private static Set<String> submittersOf(List<Submission> rows) {
        return rows.stream().map(Submission::submitter).collect(Collectors.toSet());
    }

    // --- Threshold -----------------------------------------------------------------------

    @Test
    void thresholdOneRowMakesItsHashACandidate() {
        List<Submission> rows = List.of(row("k1", "h1", "ph1"));
        assertEquals(List.of("h1"), ConsensusThreshold.candidates(rows, ConsensusThreshold.DEFAULT_SHARE));
    }

    @Test
    void thresholdWithShareOneHalfKeepsOnlyTheHashOfTwoOfThreeProducers() {
        List<Submission> rows = List.of(row("k1", "h1", "p"), row("k2", "h1", "p"), row("k3", "h2", "p"));
        // D = 3, T = round(0.5 * 3, 2) = 1.50: h1 (2 producers) qualifies, h2 (1 producer) does not.
        assertEquals(List.of("h1"), ConsensusThreshold.candidates(rows, new BigDecimal("0.5")));
        assertEquals(List.of("h1"), new ScoringEngine(new BigDecimal("0.5")).score(rows, List.of()).consensusCandidates());
    }

    // --- Graph -------------------------------------------------------------------------

    @Test
    void graphOfTwoRowsAndOnePreviousHashHasThreeNodesAndOneEdge() {
        List<Submission> rows = List.of(row("k1", "h1", "ph1"), row("k2", "h2", "ph2"));
        // The P-relation (ph1 -> h1) of the reference test is the same edge as the row h1 <- ph1.
        List<ShortlistEntry> previous = List.of(prev("gp", "ph1", 1));
        StateHashGraph graph = ScoringEngine.buildGraph(rows, previous, List.of("h1", "h2"));

        assertEquals(Set.of("h1", "h2", "ph1"), Set.copyOf(graph.nodes()));
        assertEquals(3, graph.nodes().size());
        assertEquals(1, graph.edgeCount()); // ph1 -> h1; ph2 is neither a hash of S nor of P
    }

    /** Rows (h1 <- ph1), (h2 <- h1), (h3 <- h2); P = {ph1 (parent ph2), ph2}. */
    private static List<Submission> secondGraphRows() {
        return List.of(row("k1", "h1", "ph1"), row("k2", "h2", "h1"), row("k3", "h3", "h2"));
    }

    private static List<ShortlistEntry> secondGraphPrevious() {
        return List.of(prev("ph2", "ph1", 123), prev("outside", "ph2", 345));
    }

    @Test
    void graphOfAChainAndTwoLinkedPreviousHashesHasFiveNodesAndFourEdges() {
        StateHashGraph graph = ScoringEngine.buildGraph(secondGraphRows(), secondGraphPrevious(), List.of("h1", "h2"));

        assertEquals(Set.of("h1", "h2", "h3", "ph1", "ph2"), Set.copyOf(graph.nodes()));
        assertEquals(5, graph.nodes().size());
        assertEquals(4, graph.edgeCount()); // ph1->h1, h1->h2, h2->h3, ph2->ph1
    }

    @Test
    void initialWeightsAreZeroForCandidatesStoredForPreviousAndUnreachedOtherwise() {
        List<String> candidates = List.of("h1", "h2");
        StateHashGraph graph = ScoringEngine.buildGraph(secondGraphRows(), secondGraphPrevious(), candidates);
        ScoringEngine.applyInitialWeights(graph, secondGraphPrevious(), candidates);

        assertEquals(0, graph.weight("h1"));
        assertEquals(0, graph.weight("h2"));
        assertEquals(9999, graph.weight("h3"));
        assertEquals(123, graph.weight("ph1"));
        assertEquals(345, graph.weight("ph2"));
    }

    @Test
    void initialWeightsWithoutCandidatesOrPreviousAreAll9999() {
        StateHashGraph graph = ScoringEngine.buildGraph(secondGraphRows(), List.of(), List.of());
        ScoringEngine.applyInitialWeights(graph, List.of(), List.of());

        assertEquals(Set.of("h1", "h2", "h3"), Set.copyOf(graph.nodes()));
        for (String hash : graph.nodes()) {
            assertEquals(9999, graph.weight(hash), hash);
        }
    }

    @Test
    void propagationOnTheSecondGraphShortlistsH1H2AndH3() {
        List<String> candidates = List.of("h1", "h2");
        List<ShortlistEntry> previous = secondGraphPrevious();
        StateHashGraph graph = ScoringEngine.buildGraph(secondGraphRows(), previous, candidates);
        ScoringEngine.applyInitialWeights(graph, previous, candidates);
        graph.propagate(List.of("ph1", "ph2", "h1", "h2"));

        assertEquals(Map.of("h1", 0, "h2", 0, "h3", 1), graph.within(ScoringEngine.MAX_WEIGHT));
    }

    @Test
    void propagationOnTheSecondGraphThroughTheEngine() {
        // With p = 0.5 and producers k1, k2 sending h1 and h2 and k3 sending h3: T = 1.50, C = [h1, h2].
        List<Submission> rows = List.of(
                row("k1", "h1", "ph1"), row("k2", "h1", "ph1"),
                row("k1", "h2", "h1"), row("k2", "h2", "h1"),
                row("k3", "h3", "h2"));
        BatchScore score = new ScoringEngine(new BigDecimal("0.5")).score(rows, secondGraphPrevious());

        assertEquals(Set.of("h1", "h2"), Set.copyOf(score.consensusCandidates()));
        assertEquals(Map.of("h1", 0, "h2", 0, "h3", 1), score.shortlist());
        assertEquals(rows, score.pointRows());
    }

    // --- Two chains --------------------------------------------------------------------

    @Test
    void twoChainsAreShortlistedUpToDistanceTwo() {
        // 40 producers (T = 2.00): h11 by k1..k20, h21 by k21..k30, every other hash by one producer.
        List<Submission> rows = new ArrayList<>(concat(
                rowsByProducers(1, 20, "h11", "ph1"),
                rowsByProducers(21, 30, "h21", "ph2")));
        int producer = 31;
        for (int chain = 1; chain <= 2; chain++) {
            for (int i = 2; i <= 6; i++) {
                rows.add(row("k" + producer++, "h" + chain + i, "h" + chain + (i - 1)));
            }
        }
        List<ShortlistEntry> previous = List.of(prev("ph2", "ph1", 1), prev("outside", "ph2", 1));

        BatchScore score = new ScoringEngine().score(rows, previous);

        assertEquals(List.of("h11", "h21"), score.consensusCandidates());
        assertEquals(Set.of("ph1", "ph2", "h11", "h21", "h12", "h22", "h13", "h23"), score.shortlist().keySet());
        assertEquals(Map.of("ph1", 1, "ph2", 1, "h11", 0, "h21", 0, "h12", 1, "h22", 1, "h13", 2, "h23", 2),
                score.shortlist());
        Set<String> scoring = submittersOf(score.pointRows());
        // h12 (k31), h13 (k32), h22 (k36), h23 (k37) score; h14..h16 (k33..k35), h24..h26 (k38..k40) do not.
        for (int k = 1; k <= 40; k++) {
            boolean expected = k <= 32 || k == 36 || k == 37;
            assertEquals(expected, scoring.contains("k" + k), "k" + k);
        }
    }

    // --- Visited rule and edges between previous hashes ---------------------------------

    private static List<Submission> visitedRuleRows() {
        return concat(rowsByProducers(1, 39, "c", "pX"), List.of(row("k40", "s", "pB")));
    }

    @Test
    void visitedRuleOnlyMarksTheFirstQueueElementSoPbIsReweightedAndSScores() {
        List<ShortlistEntry> previous = List.of(prev("zz", "pX", 2), prev("yy", "pA", 0), prev("pA", "pB", 2));

        BatchScore score = new ScoringEngine().score(visitedRuleRows(), previous);

        assertEquals(List.of("c"), score.consensusCandidates());
        assertEquals(Map.of("c", 0, "pA", 0, "pB", 1, "pX", 2, "s", 2), score.shortlist());
        assertTrue(submittersOf(score.pointRows()).contains("k40"), "k40 earns a point");
        assertEquals(40, score.pointRows().size());
    }

    @Test
    void withoutTheEdgeBetweenPreviousHashesSWouldBeTooFar() {
        // Same as above, but pB's parent is not a hash of P: no pA -> pB edge, pB keeps 2, s gets 3.
        List<ShortlistEntry> previous = List.of(prev("zz", "pX", 2), prev("yy", "pA", 0), prev("elsewhere", "pB", 2));

        BatchScore score = new ScoringEngine().score(visitedRuleRows(), previous);

        assertEquals(Map.of("c", 0, "pA", 0, "pB", 2, "pX", 2), score.shortlist());
        assertFalse(submittersOf(score.pointRows()).contains("k40"));
        assertEquals(39, score.pointRows().size());
    }

    // --- Threshold edge ----------------------------------------------------------------

    @Test
    void withTwentyProducersAHashOfOneProducerReachesTheThreshold() {
        List<Submission> rows = concat(rowsByProducers(1, 19, "h1", "q1"), List.of(row("k20", "h2", "q2")));

        BatchScore score = new ScoringEngine().score(rows, List.of());

        assertEquals(List.of("h1", "h2"), score.consensusCandidates());
        assertEquals(Map.of("h1", 0, "h2", 0), score.shortlist());
        assertEquals(20, submittersOf(score.pointRows()).size());
    }
}
