package org.minafoundation.uptime.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.scoring.Submission;

/**
 * How the rows a storage returned for a batch are counted and kept for scoring (SPEC §5):
 * whatever the storage, the same classification, in Java, whatever the query in the route.
 */
class BatchSubmissionsTest {

    private static final Instant AT = Instant.parse("2024-03-01T23:05:00Z");
    private static final String LONG = "x".repeat(129);

    private static StoredSubmission row(int second, String submitter, String hash, String parent, String error,
            Boolean verified) {
        return new StoredSubmission(AT.plusSeconds(second), submitter, AT, hash, parent, 7L, 3, error, verified,
                StoredSubmission.Backend.NONE);
    }

    private static final List<StoredSubmission> ROWS = List.of(
            row(9, "B62ok", "h1", "h0", null, true),
            row(8, "B62emptyError", "h2", null, "", true),
            row(7, "B62unverified", "h3", "h2", null, false),
            row(6, "B62notYet", "h3", "h2", null, null),
            row(5, "B62rejected", "h3", "h2", "invalid proof", true),
            row(4, "B62noHash", null, "h2", null, true),
            row(3, "B62blankHash", " ", "h2", null, true),
            row(2, "B62longHash", LONG, "h2", null, true),
            row(1, LONG, "h4", "h2", null, true),
            row(0, "B62nul\u0000", "h5", LONG, null, true),
            row(-1, "x".repeat(1025), "h6", "h5", null, false));

    @Test
    void countsEveryRowAndScoresOnlyTheUsableAcceptedOnesInLoadOrder() {
        BatchSubmissions batch = BatchSubmissions.classify(ROWS);

        assertEquals(11, batch.loaded());
        assertEquals(7, batch.valid(), "verified without a validation error (an empty one is none)");
        assertEquals(4, batch.ignored(), "unverified, not verified yet, rejected, and the unverified long key");
        assertEquals(5, batch.unusable(), "accepted but no, a blank or an oversized hash, key or parent, or a NUL");
        assertEquals(List.of(
                new Submission(AT.plusSeconds(9), "B62ok", "h1", "h0", 7L, AT),
                new Submission(AT.plusSeconds(8), "B62emptyError", "h2", null, 7L, AT)), batch.scored());
        assertEquals(List.of(), batch.toCopy(), "nothing to copy from Postgres");
    }

    @Test
    void keepsEveryRowWithACopyableKeyForTheCopyIntoPostgres() {
        BatchSubmissions batch = BatchSubmissions.classify(ROWS, true);

        assertEquals(ROWS.subList(0, 10), batch.toCopy(), "verified or not, all but a key too long for the index");
        assertEquals(2, batch.scored().size());
    }
}
