package org.minafoundation.uptime.scores;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.store.ProducerBatches.ProcessedBatch;
import org.minafoundation.uptime.submissions.PostgresSubmissionSource;

/**
 * A processed batch scored again in memory, by the coordinator's own scoring engine, from
 * its stored submissions and the previous batch's stored shortlist. Both are fixed once the
 * batch is committed (until a rescore or cleanup of it), so the result is kept per batch in
 * a bounded cache; a rescore changes the batch's stored shortlist ids, never its bot_logs id,
 * hence the key includes the previous batch's shortlist as read. Only the recounted shortlist
 * is kept (a few hashes, not the batch's thousands of submitters): a producer earns a point in
 * the recount exactly when one of its own scored submissions names a shortlisted hash, as
 * {@link ScoringEngine} gives points. Concurrent requests for the same batch wait for one
 * recount instead of each loading the batch.
 */
public final class BatchRecount {

    /** The recounted shortlist (hash and weight) and the heights of its hashes in the batch. */
    public record Result(Map<String, Integer> shortlist, Map<String, Long> shortlistedHeights) {

        /** Whether the recount gives a point to the producer whose stored submissions of the batch are {@code own}. */
        public boolean givesPoint(List<StoredSubmission> own) {
            return BatchSubmissions.classify(own).scored().stream().anyMatch(row -> shortlist.containsKey(row.stateHash()));
        }
    }

    /** A bit more than the 30 days a producer page reaches back (72 batches a day), a few MB. */
    private static final int CACHED_BATCHES = 2_304;

    private final PostgresSubmissionSource submissions;
    private final ScoringEngine engine;
    private final Map<String, FutureTask<Result>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FutureTask<Result>> eldest) {
            return size() > CACHED_BATCHES;
        }
    };

    public BatchRecount(DataSource dataSource, ScoringEngine engine) {
        this.submissions = new PostgresSubmissionSource(dataSource);
        this.engine = engine;
    }

    /** The batch scored again after {@code previous}, the stored shortlist of the batch before it. */
    public Result of(ProcessedBatch batch, List<ShortlistEntry> previous) throws SQLException {
        String key = batch.botLogId() + "/" + previous.hashCode();
        FutureTask<Result> task;
        boolean ours = false;
        synchronized (cache) {
            task = cache.get(key);
            if (task == null) {
                task = new FutureTask<>(() -> recount(batch, previous));
                cache.put(key, task);
                ours = true;
            }
        }
        if (ours) {
            task.run();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            synchronized (cache) {
                cache.remove(key, task); // a failed recount (database down) is tried again by the next request
            }
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the batch " + batch.botLogId() + " was scored again", e);
        }
    }

    private Result recount(ProcessedBatch batch, List<ShortlistEntry> previous) throws SQLException {
        BatchSubmissions rows = submissions.load(new Batch(batch.start(), batch.end(), batch.previousBotLogId(), 1));
        BatchScore score = engine.score(rows.scored(), previous);
        Map<String, Long> heights = new HashMap<>();
        for (Submission row : rows.scored()) {
            if (score.shortlist().containsKey(row.stateHash()) && row.height() != null) {
                heights.putIfAbsent(row.stateHash(), row.height());
            }
        }
        return new Result(Map.copyOf(score.shortlist()), Map.copyOf(heights));
    }
}
