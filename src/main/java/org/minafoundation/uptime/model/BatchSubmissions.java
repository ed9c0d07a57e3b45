package org.minafoundation.uptime.model;

import java.util.ArrayList;
import java.util.List;
import org.minafoundation.uptime.scoring.Submission;

/**
 * The submissions of one batch, sorted for scoring.
 *
 * @param loaded every row found in the batch window
 * @param valid rows the verifier accepted (this is {@code bot_logs.files_processed})
 * @param unusable accepted rows that cannot be scored (see {@link #usable}): skipped and counted
 * @param scored the accepted rows with a state hash, in load order (newest first)
 * @param toCopy rows to copy into the Postgres submissions table with the batch (Cassandra storage)
 */
public record BatchSubmissions(int loaded, int valid, int unusable, List<Submission> scored,
        List<StoredSubmission> toCopy) {

    public int ignored() {
        return loaded - valid;
    }

    /** Longer than any Mina hash or key by far; longer values cannot be a real one (and would not fit an index). */
    static final int MAX_IDENTIFIER = 128;

    /**
     * A verified row is scored when it names a state hash and a submitter, each at most
     * {@value #MAX_IDENTIFIER} characters without a NUL (which PostgreSQL text cannot
     * hold), and a parent that is missing or as clean. Anything else is skipped and
     * counted; it never stops a batch.
     */
    public static boolean usable(StoredSubmission row) {
        return identifier(row.stateHash()) && identifier(row.submitter())
                && (row.parent() == null || fits(row.parent()));
    }

    private static boolean identifier(String value) {
        return value != null && !value.isBlank() && fits(value);
    }

    private static boolean fits(String value) {
        return value.length() <= MAX_IDENTIFIER && value.indexOf('\u0000') < 0;
    }

    /** Splits the stored rows of a batch (in load order) into what scoring uses and what it skips. */
    public static BatchSubmissions classify(List<StoredSubmission> rows) {
        return classify(rows, false);
    }

    /** The same; with {@code copy}, every row (verified or not) is also kept for the Postgres copy. */
    public static BatchSubmissions classify(List<StoredSubmission> rows, boolean copy) {
        int valid = 0;
        int unusable = 0;
        List<Submission> scored = new ArrayList<>();
        for (StoredSubmission row : rows) {
            if (!row.valid()) {
                continue;
            }
            valid++;
            if (!usable(row)) {
                unusable++;
                continue;
            }
            scored.add(new Submission(row.submittedAt(), row.submitter(), row.stateHash(), row.parent(),
                    row.height(), row.createdAt()));
        }
        // A submitter longer than a btree index entry could never be copied; no real key is.
        List<StoredSubmission> toCopy = copy
                ? rows.stream().filter(r -> r.submitter() != null && r.submitter().length() <= 1024).toList()
                : List.of();
        return new BatchSubmissions(rows.size(), valid, unusable, List.copyOf(scored), toCopy);
    }
}
