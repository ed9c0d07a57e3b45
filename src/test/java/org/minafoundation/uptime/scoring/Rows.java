package org.minafoundation.uptime.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small builders for the test data of the scoring tests. */
final class Rows {

    static final Instant T0 = Instant.parse("2023-11-06T15:35:47.630499Z");

    private Rows() {
    }

    /** A submission of {@code hash} (child of {@code parent}) by {@code submitter} at {@link #T0}. */
    static Submission row(String submitter, String hash, String parent) {
        return row(submitter, hash, parent, T0);
    }

    static Submission row(String submitter, String hash, String parent, Instant submittedAt) {
        return new Submission(submittedAt, submitter, hash, parent, 1L, submittedAt);
    }

    /** One row of {@code hash} by each of the producers {@code k<from>} .. {@code k<to>} (inclusive). */
    static List<Submission> rowsByProducers(int from, int to, String hash, String parent) {
        List<Submission> rows = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            rows.add(row("k" + k, hash, parent));
        }
        return rows;
    }

    /** A {@code bot_logs_statehash} row of the previous batch. */
    static ShortlistEntry prev(String parent, String hash, int weight) {
        return new ShortlistEntry(parent, hash, weight);
    }

    @SafeVarargs
    static List<Submission> concat(List<Submission>... parts) {
        List<Submission> all = new ArrayList<>();
        for (List<Submission> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
