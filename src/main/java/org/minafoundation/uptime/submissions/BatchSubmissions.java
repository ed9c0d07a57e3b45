package org.minafoundation.uptime.submissions;

import java.util.ArrayList;
import java.util.List;
import org.minafoundation.uptime.scoring.Submission;

/**
 * The submissions of one batch, sorted for scoring.
 *
 * @param loaded every row found in the batch window
 * @param valid rows the verifier accepted (this is {@code bot_logs.files_processed})
 * @param unusable accepted rows without a state hash: skipped, not scored
 * @param scored the accepted rows with a state hash, in load order (newest first)
 * @param toCopy rows to copy into the Postgres submissions table with the batch (Cassandra storage)
 */
public record BatchSubmissions(int loaded, int valid, int unusable, List<Submission> scored,
        List<StoredSubmission> toCopy) {

    public int ignored() {
        return loaded - valid;
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
            if (row.stateHash() == null || row.stateHash().isBlank()) {
                unusable++;
                continue;
            }
            scored.add(new Submission(row.submittedAt(), row.submitter(), row.stateHash(), row.parent(),
                    row.height(), row.createdAt()));
        }
        return new BatchSubmissions(rows.size(), valid, unusable, List.copyOf(scored),
                copy ? List.copyOf(rows) : List.of());
    }
}
