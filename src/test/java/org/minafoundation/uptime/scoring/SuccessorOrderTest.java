package org.minafoundation.uptime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.minafoundation.uptime.scoring.Rows.concat;
import static org.minafoundation.uptime.scoring.Rows.prev;
import static org.minafoundation.uptime.scoring.Rows.row;
import static org.minafoundation.uptime.scoring.Rows.rowsByProducers;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6.5: "Successors are taken in the order their edges were added (rows of S in load
 * order, then the P edges); on real chains the result does not depend on these orders."
 *
 * <p>Not a real chain here: the rows say h2 is its own parent while the previous shortlist says
 * h2's parent is h3. Every row of a hash names the same parent and no two hashes have the same
 * number of rows, yet the load order decides whether h1 is shortlisted, exactly as the
 * successor-order rule of SPEC §6.5 prescribes. Weights by hand below.
 */
class SuccessorOrderTest {

    // 40 producers (T = 2.00): h3 is the only candidate (37 producers).
    private static final List<Submission> H0 = List.of(row("k1", "h0", "h3"));
    private static final List<Submission> H1 = List.of(row("k2", "h1", "h2"), row("k2", "h1", "h2"));
    private static final List<Submission> H2 = List.of(row("k3", "h2", "h2"), row("k3", "h2", "h2"), row("k3", "h2", "h2"));
    private static final List<Submission> H3 = rowsByProducers(4, 40, "h3", "h2");

    // P in stored order: h0 (1), h2 (parent h3, 2), h3 (parent h2, 2). Initial: h3 = 0 (C), h0 = 1, h2 = 2, h1 = 9999.
    private static final List<ShortlistEntry> PREVIOUS = List.of(prev(null, "h0", 1), prev("h3", "h2", 2), prev("h2", "h3", 2));

    @Test
    void whenH1IsLoadedBeforeH2ItIsWeighedWithTheOldWeightOfH2() {
        // Queue [h0, h2, h3, h3], visited {h0}. Pop h2 (2): successors [h1, h2, h3]:
        // h1 = min(9999, 2 + 1) = 3; h2 = min(2, 2 + 1, h3 0 + 1) = 1; h3 stays 0.
        BatchScore score = new ScoringEngine().score(concat(H0, H1, H2, H3), PREVIOUS);

        assertEquals(List.of("h3"), score.consensusCandidates());
        assertEquals(Map.of("h0", 1, "h2", 1, "h3", 0), score.shortlist());
    }

    @Test
    void whenH2IsLoadedBeforeH1ItIsReweighedFirstAndH1Scores() {
        // Pop h2 (2): successors [h2, h1, h3]: h2 = 1 first, then h1 = min(9999, 1 + 1) = 2.
        BatchScore score = new ScoringEngine().score(concat(H0, H2, H1, H3), PREVIOUS);

        assertEquals(List.of("h3"), score.consensusCandidates());
        assertEquals(Map.of("h0", 1, "h1", 2, "h2", 1, "h3", 0), score.shortlist());
        assertEquals(2, score.pointRows().stream().filter(r -> r.submitter().equals("k2")).count());
    }
}
