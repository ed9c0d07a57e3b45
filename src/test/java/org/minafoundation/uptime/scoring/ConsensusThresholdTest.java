package org.minafoundation.uptime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.scoring.Rows.concat;
import static org.minafoundation.uptime.scoring.Rows.row;
import static org.minafoundation.uptime.scoring.Rows.rowsByProducers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §6.2: T = round(share * D, 2), C = hashes sent by at least T distinct producers. */
class ConsensusThresholdTest {

    private static final BigDecimal DEFAULT = ConsensusThreshold.DEFAULT_SHARE;

    @Test
    void defaultShareIsFivePercent() {
        assertEquals(0, new BigDecimal("0.05").compareTo(DEFAULT));
    }

    @Test
    void thresholdIsAnExactDecimal() {
        assertEquals(0, new BigDecimal("1.00").compareTo(ConsensusThreshold.threshold(20, DEFAULT)));
        assertEquals(0, new BigDecimal("2.00").compareTo(ConsensusThreshold.threshold(40, DEFAULT)));
        assertEquals(0, new BigDecimal("1.05").compareTo(ConsensusThreshold.threshold(21, DEFAULT)));
        assertEquals(0, new BigDecimal("0.05").compareTo(ConsensusThreshold.threshold(1, DEFAULT)));
        assertEquals(0, BigDecimal.ZERO.compareTo(ConsensusThreshold.threshold(0, DEFAULT)));
        assertEquals(0, new BigDecimal("1.50").compareTo(ConsensusThreshold.threshold(3, new BigDecimal("0.5"))));
    }

    @Test
    void thresholdOfTheDefaultShareNeedsNoRoundingForAnyProducerCount() {
        for (int d = 0; d <= 2000; d++) {
            BigDecimal expected = BigDecimal.valueOf(d * 5L, 2); // d * 5 / 100, exactly
            assertEquals(0, expected.compareTo(ConsensusThreshold.threshold(d, DEFAULT)), "D = " + d);
        }
    }

    @Test
    void thresholdIsRoundedToTwoDecimals() {
        BigDecimal t = ConsensusThreshold.threshold(3, new BigDecimal("0.1234"));
        assertEquals(2, t.scale());
        assertEquals(0, new BigDecimal("0.37").compareTo(t));
    }

    @Test
    void noRowsNoCandidates() {
        assertTrue(ConsensusThreshold.candidates(List.of(), DEFAULT).isEmpty());
    }

    @Test
    void aHashSentByExactlyTProducersQualifies() {
        // 40 producers: T = 2.00.
        List<Submission> rows = concat(
                rowsByProducers(1, 2, "two", "p"),
                rowsByProducers(3, 3, "one", "p"),
                rowsByProducers(4, 40, "many", "p"));
        assertEquals(List.of("many", "two"), ConsensusThreshold.candidates(rows, DEFAULT));
    }

    @Test
    void withTwentyOneProducersASingleProducerHashDoesNotQualify() {
        // T = 1.05 > 1.
        List<Submission> rows = concat(rowsByProducers(1, 20, "h1", "q1"), List.of(row("k21", "h2", "q2")));
        assertEquals(List.of("h1"), ConsensusThreshold.candidates(rows, DEFAULT));
    }

    @Test
    void distinctProducersCountNotRows() {
        // 40 producers, T = 2.00; "spam" is sent 10 times, all by k1.
        List<Submission> rows = new ArrayList<>(rowsByProducers(1, 40, "tip", "p"));
        for (int i = 0; i < 10; i++) {
            rows.add(row("k1", "spam", "p"));
        }
        assertEquals(List.of("tip"), ConsensusThreshold.candidates(rows, DEFAULT));
    }

    @Test
    void candidatesAreOrderedByDescendingNumberOfRows() {
        // share 0.5 with 4 producers: T = 2.00. "few" has 2 rows (k1, k2); "lots" has 6 rows by 2 producers.
        List<Submission> rows = new ArrayList<>(rowsByProducers(1, 2, "few", "p"));
        for (int i = 0; i < 5; i++) {
            rows.add(row("k3", "lots", "p"));
        }
        rows.add(row("k4", "lots", "p"));
        assertEquals(List.of("lots", "few"), ConsensusThreshold.candidates(rows, new BigDecimal("0.5")));
    }

    @Test
    void theShareIsConfigurable() {
        // 4 producers: every hash by one producer qualifies at 0.05 (T = 0.20), none at 0.5 (T = 2.00).
        List<Submission> rows = rowsByProducers(1, 4, "h", "p").stream()
                .map(r -> row(r.submitter(), "h-" + r.submitter(), "p"))
                .toList();
        assertEquals(4, ConsensusThreshold.candidates(rows, DEFAULT).size());
        assertTrue(ConsensusThreshold.candidates(rows, new BigDecimal("0.5")).isEmpty());
    }
}
