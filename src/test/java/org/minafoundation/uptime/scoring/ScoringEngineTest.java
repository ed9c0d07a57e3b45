package org.minafoundation.uptime.scoring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.scoring.Rows.T0;
import static org.minafoundation.uptime.scoring.Rows.concat;
import static org.minafoundation.uptime.scoring.Rows.prev;
import static org.minafoundation.uptime.scoring.Rows.row;
import static org.minafoundation.uptime.scoring.Rows.rowsByProducers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC §6 end to end on the pure engine: points and the shortlist kept for the next batch. */
class ScoringEngineTest {

    private final ScoringEngine engine = new ScoringEngine();

    private static Set<String> submittersOf(List<Submission> rows) {
        return rows.stream().map(Submission::submitter).collect(Collectors.toSet());
    }

    private static Map<String, ShortlistEntry> byHash(List<ShortlistEntry> entries) {
        Map<String, ShortlistEntry> map = entries.stream()
                .collect(Collectors.toMap(ShortlistEntry::stateHash, e -> e));
        assertEquals(entries.size(), map.size(), "one entry per hash: " + entries);
        return map;
    }

    @Test
    void emptyBatchWithoutPreviousShortlistScoresNobody() {
        BatchScore score = engine.score(List.of(), List.of());
        assertTrue(score.consensusCandidates().isEmpty());
        assertTrue(score.shortlist().isEmpty());
        assertTrue(score.pointRows().isEmpty());
        assertTrue(score.nextShortlist().isEmpty());
    }

    @Test
    void emptyBatchWithPreviousShortlistKeepsNothingForTheNextBatch() {
        BatchScore score = engine.score(List.of(), List.of(prev("x", "a", 0), prev("a", "b", 2)));
        assertEquals(Map.of("a", 0, "b", 1), score.shortlist());
        assertTrue(score.pointRows().isEmpty());
        assertTrue(score.nextShortlist().isEmpty());
    }

    @Test
    void emptyQueueMeansNobodyScoresAndNothingCrashes() {
        // 40 producers, each on a different hash (T = 2.00): no candidate, no previous shortlist.
        List<Submission> rows = new ArrayList<>();
        for (int k = 1; k <= 40; k++) {
            rows.add(row("k" + k, "h" + k, k == 1 ? "genesis" : "h" + (k - 1)));
        }
        BatchScore score = assertDoesNotThrow(() -> engine.score(rows, List.of()));
        assertTrue(score.consensusCandidates().isEmpty());
        assertTrue(score.shortlist().isEmpty());
        assertTrue(score.pointRows().isEmpty());
        assertTrue(score.nextShortlist().isEmpty());
    }

    @Test
    void pointsGoOnlyToRowsWhoseHashIsShortlisted() {
        // 40 producers, T = 2.00: c is agreed; d and e hang below it; f is 3 away; x is unrelated.
        List<Submission> rows = concat(
                rowsByProducers(1, 36, "c", "q"),
                List.of(row("k37", "d", "c"), row("k38", "e", "d"), row("k39", "f", "e"), row("k40", "x", "nowhere")));

        BatchScore score = engine.score(rows, List.of());

        assertEquals(Map.of("c", 0, "d", 1, "e", 2), score.shortlist());
        List<Submission> expected = rows.stream().filter(r -> Set.of("c", "d", "e").contains(r.stateHash())).toList();
        assertEquals(expected, score.pointRows());
        assertFalse(submittersOf(score.pointRows()).contains("k39"));
        assertFalse(submittersOf(score.pointRows()).contains("k40"));
    }

    @Test
    void everyShortlistedRowEarnsAPointRowEvenSeveralPerProducer() {
        List<Submission> rows = List.of(
                row("k1", "h", "p", T0), row("k1", "h", "p", T0.plusSeconds(60)), row("k1", "h", "p", T0.plusSeconds(120)));
        BatchScore score = engine.score(rows, List.of());
        assertEquals(rows, score.pointRows());
    }

    @Test
    void nextShortlistHoldsOnlyThisBatchsHashesWithTheParentOfTheMostRecentSubmission() {
        // Rows deliberately not sorted by time: the newest row of h (T0 + 300 s) names parent "newest".
        List<Submission> rows = new ArrayList<>(List.of(
                row("k1", "h", "middle", T0.plusSeconds(100)),
                row("k2", "h", "newest", T0.plusSeconds(300)),
                row("k3", "h", "oldest", T0)));
        rows.add(row("k4", "child", "h", T0.plusSeconds(10)));
        rows.add(row("k5", "far", "nowhere", T0.plusSeconds(20)));
        // 40 producers so T = 2.00 and only h is a candidate.
        rows.addAll(rowsByProducers(6, 40, "h", "middle"));
        List<ShortlistEntry> previous = List.of(prev("root", "old", 1));

        BatchScore score = engine.score(rows, previous);

        assertEquals(Map.of("old", 1, "h", 0, "child", 1), score.shortlist());
        Map<String, ShortlistEntry> next = byHash(score.nextShortlist());
        assertEquals(Set.of("h", "child"), next.keySet());
        assertEquals(new ShortlistEntry("newest", "h", 0), next.get("h"));
        assertEquals(new ShortlistEntry("h", "child", 1), next.get("child"));
    }

    @Test
    void nextShortlistCarriesTheFinalWeights() {
        List<Submission> rows = concat(rowsByProducers(1, 39, "c", "q"), List.of(row("k40", "s", "pB")));
        List<ShortlistEntry> previous = List.of(prev("zz", "pX", 2), prev("yy", "pA", 0), prev("pA", "pB", 2));

        BatchScore score = engine.score(rows, previous);

        Map<String, ShortlistEntry> next = byHash(score.nextShortlist());
        assertEquals(Set.of("c", "s"), next.keySet());
        assertEquals(new ShortlistEntry("q", "c", 0), next.get("c"));
        assertEquals(new ShortlistEntry("pB", "s", 2), next.get("s"));
    }

    @Test
    void weightsOfThePreviousShortlistAreUsed() {
        // b hangs below the previous hash a; c is agreed elsewhere. 40 producers, T = 2.00.
        List<Submission> rows = concat(rowsByProducers(1, 39, "c", "q"), List.of(row("k40", "b", "a")));

        BatchScore near = engine.score(rows, List.of(prev("zz", "a", 1)));
        assertEquals(Map.of("a", 1, "b", 2, "c", 0), near.shortlist());
        assertTrue(submittersOf(near.pointRows()).contains("k40"));

        BatchScore far = engine.score(rows, List.of(prev("zz", "a", 2)));
        assertEquals(Map.of("a", 2, "c", 0), far.shortlist());
        assertEquals(39, far.pointRows().size());
        assertFalse(submittersOf(far.pointRows()).contains("k40"));
    }

    @Test
    void aPreviousHashHeavierThanTwoIsNotShortlistedButStillLinks() {
        // a weighs 3 (not shortlisted); its child b gets 4. Queue [a, c]: c agreed.
        List<Submission> rows = concat(rowsByProducers(1, 39, "c", "q"), List.of(row("k40", "b", "a")));
        BatchScore score = engine.score(rows, List.of(prev(null, "a", 3)));
        assertEquals(Map.of("c", 0), score.shortlist());
    }

    @Test
    void aRowWithoutParentDoesNotCrash() {
        List<Submission> rows = List.of(row("k1", "h", null), row("k2", "h", null));
        BatchScore score = assertDoesNotThrow(() -> engine.score(rows, List.of(prev(null, "p", 0))));
        assertEquals(Map.of("p", 0, "h", 0), score.shortlist());
        assertEquals(rows, score.pointRows());
        ShortlistEntry entry = byHash(score.nextShortlist()).get("h");
        assertNull(entry.parentHash());
        assertEquals(0, entry.weight());
    }

    @Test
    void aRowWithoutParentThatIsNoCandidateIsUnreached() {
        List<Submission> rows = concat(rowsByProducers(1, 39, "c", "q"), List.of(row("k40", "orphan", null)));
        BatchScore score = assertDoesNotThrow(() -> engine.score(rows, List.of()));
        assertEquals(Map.of("c", 0), score.shortlist());
    }

    @Test
    void aRowThatIsItsOwnParentDoesNotCrash() {
        List<Submission> rows = List.of(row("k1", "h", "h"));
        BatchScore score = assertDoesNotThrow(() -> engine.score(rows, List.of()));
        assertEquals(Map.of("h", 0), score.shortlist());
        assertEquals(List.of(new ShortlistEntry("h", "h", 0)), score.nextShortlist());
    }

    @Test
    void aHashOfThePreviousBatchSentAgainIsKeptWithItsNewParent() {
        // h was shortlisted last batch (weight 1) and is sent again now; it is a state hash of S.
        List<Submission> rows = concat(rowsByProducers(1, 39, "c", "q"), List.of(row("k40", "h", "hp")));
        BatchScore score = engine.score(rows, List.of(prev("old-parent", "h", 1)));
        assertEquals(Map.of("h", 1, "c", 0), score.shortlist());
        assertEquals(new ShortlistEntry("hp", "h", 1), byHash(score.nextShortlist()).get("h"));
    }
}
