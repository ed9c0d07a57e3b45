package org.minafoundation.uptime.bench;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.batch.BatchScoring;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.store.BatchStore;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.submissions.PostgresSubmissionSource;

/**
 * The beans of the batch route, called in the route's order without Camel, the timer or
 * the verifier: what "per-batch processing" means in the benchmark.
 */
final class DirectPipeline {

    private static final Duration INTERVAL = Duration.ofMinutes(20);

    private final BatchStore store;
    private final PostgresSubmissionSource source;
    private final BatchScoring scoring;

    DirectPipeline(ScratchDatabase db, int uptimeDays) {
        store = new BatchStore(db.dataSource(), Clock.systemUTC(), uptimeDays, db.lock());
        source = new PostgresSubmissionSource(db.dataSource());
        scoring = new BatchScoring(store, new ScoringEngine());
    }

    /** Loads, scores and commits the next batch; returns how many submissions it loaded. */
    int processNext() throws SQLException {
        Batch batch = store.nextBatch(INTERVAL, 1);
        BatchSubmissions submissions = source.load(batch);
        BatchScore score = scoring.score(batch, submissions);
        store.commit(batch, submissions, score, 0.0);
        return submissions.loaded();
    }
}
