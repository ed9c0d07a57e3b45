package org.minafoundation.uptime.batch;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.store.BatchStore;
import org.minafoundation.uptime.store.RescoreScores;
import org.minafoundation.uptime.store.RescoreStore;
import org.minafoundation.uptime.store.ScoreboardWindow;
import org.minafoundation.uptime.store.StoredBatch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.submissions.PostgresSubmissionSource;

/**
 * Recomputes the points, shortlists and scores of already processed batches from their
 * stored, verified submissions (after a rule change or a bug fix), oldest first, each
 * batch continuing the shortlist of the batch before it, as a first-time run would.
 * Every batch commits on its own and marks its progress: an interrupted rescore, run
 * again with the same period, continues where it stopped.
 */
public final class Rescore {

    /** How far one run got. */
    public record Outcome(int batchesInPeriod, int rescored, boolean finished) {
    }

    private static final int PROGRESS_EVERY = 72;

    private final RescoreStore store;
    private final BatchStore batches;
    private final PostgresSubmissionSource submissions;
    private final ScoringEngine engine;
    private final PrintWriter out;

    public Rescore(RescoreStore store, BatchStore batches, PostgresSubmissionSource submissions, ScoringEngine engine,
            PrintWriter out) {
        this.store = store;
        this.batches = batches;
        this.submissions = submissions;
        this.engine = engine;
        this.out = out;
    }

    /**
     * Rescores the batches inside {@code [from, to]}, then settles the score history of the
     * later batches whose window reaches into the period (their points stay); at most
     * {@code limit} batches of both kinds in this run.
     */
    public Outcome run(long fromEpoch, long toEpoch, int limit) throws SQLException {
        List<StoredBatch> period = store.batchesBetween(fromEpoch, toEpoch);
        List<StoredBatch> later = period.isEmpty() ? List.of()
                : store.windowsReachingBack(period.get(period.size() - 1).endEpoch());
        refuseAnotherUnfinished(fromEpoch, toEpoch);
        OptionalLong done = store.progress(fromEpoch, toEpoch);
        List<StoredBatch> todo = after(period, done);
        List<StoredBatch> laterTodo = after(later, done);
        if (!todo.isEmpty()) {
            refuseWindowsCleanedUp(todo.get(0));
        }
        if (done.isPresent()) {
            out.printf("Continuing an interrupted rescore after %s: %d of %d batches left%n",
                    Instant.ofEpochSecond(done.getAsLong()), todo.size(), period.size());
        } else {
            out.printf("Rescoring %d batches from %s to %s%n", period.size(), Instant.ofEpochSecond(fromEpoch),
                    Instant.ofEpochSecond(toEpoch));
        }
        if (!laterTodo.isEmpty()) {
            out.printf("Then the score history of the %d later batches whose window reaches into the period%n",
                    laterTodo.size());
        }
        out.flush();
        if (todo.isEmpty() && laterTodo.isEmpty()) {
            store.finish(period.isEmpty() ? toEpoch : last(later.isEmpty() ? period : later).endEpoch());
            return new Outcome(period.size(), 0, true);
        }
        RescoreScores scores = store.scoresAfter((todo.isEmpty() ? laterTodo : todo).get(0).startEpoch());
        int count = rescore(todo, scores, fromEpoch, toEpoch, limit);
        for (StoredBatch stored : laterTodo) {
            if (count >= limit) {
                break;
            }
            store.settleHistory(stored, scores, fromEpoch, toEpoch);
            count++;
        }
        if (count >= limit && count < todo.size() + laterTodo.size()) {
            out.printf("Stopped after %d batches (--batches); run the same command again to continue%n", count);
            return new Outcome(period.size(), Math.min(count, todo.size()), false);
        }
        store.finish(last(laterTodo.isEmpty() ? todo : laterTodo).endEpoch());
        return new Outcome(period.size(), todo.size(), true);
    }

    /**
     * One rescore at a time: starting another period would drop the unfinished one's mark,
     * and the batches it has not reached yet would keep their old points without a word.
     */
    private void refuseAnotherUnfinished(long fromEpoch, long toEpoch) throws SQLException {
        Optional<RescoreStore.Unfinished> unfinished = store.unfinished();
        if (unfinished.isPresent() && (unfinished.get().fromEpoch() != fromEpoch || unfinished.get().toEpoch() != toEpoch)) {
            RescoreStore.Unfinished other = unfinished.get();
            throw new RescoreRefused(String.format("an interrupted rescore of [%s, %s] stopped after the batch ending %s;"
                    + " finish it first: rescore --from %d --to %d", Instant.ofEpochSecond(other.fromEpoch()),
                    Instant.ofEpochSecond(other.toEpoch()), Instant.ofEpochSecond(other.doneEndEpoch()),
                    other.fromEpoch(), other.toEpoch()));
        }
    }

    /**
     * A batch is scored over the window {@code [end - UPTIME_DAYS_FOR_SCORE, end]}. When
     * cleanup has deleted batches inside that window, a rescore would count it short and
     * write lower scores than the first-time run did: refused, naming where a rescore can start.
     */
    private void refuseWindowsCleanedUp(StoredBatch first) throws SQLException {
        OptionalLong cleanedBefore = store.cleanedUpBefore();
        long windowStart = ScoreboardWindow.startEpoch(first.endEpoch(), store.uptimeDays());
        if (cleanedBefore.isPresent() && windowStart < cleanedBefore.getAsLong()) {
            throw new RescoreRefused(String.format("the batches before %s were cleaned up, and the score window of the"
                    + " batch ending %s (%d days) reaches back into them: its scores would be counted short. Rescore"
                    + " from %s on", Instant.ofEpochSecond(cleanedBefore.getAsLong()),
                    Instant.ofEpochSecond(first.endEpoch()), store.uptimeDays(),
                    Instant.ofEpochSecond(ScoreboardWindow.endEpoch(cleanedBefore.getAsLong(), store.uptimeDays()))));
        }
    }

    /** A rescore that would not give a first-time run's result; nothing was written. */
    public static final class RescoreRefused extends IllegalStateException {
        RescoreRefused(String message) {
            super(message);
        }
    }

    /** Rescores {@code todo} in order, at most {@code limit} batches; returns how many. */
    private int rescore(List<StoredBatch> todo, RescoreScores scores, long fromEpoch, long toEpoch, int limit)
            throws SQLException {
        if (todo.isEmpty()) {
            return 0;
        }
        Scorer scorer = new Scorer(todo.get(0).previousBotLogId());
        long started = System.nanoTime();
        int count = 0;
        /*
         * The stored submissions never change here, and each batch's score needs only the
         * shortlist of the batch before: the next batch is read and scored while this one
         * is written. One task at a time, in order, so the shortlist passes from task to task.
         */
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "rescore-reader"));
        try {
            Future<Scored> next = reader.submit(() -> scorer.next(todo.get(0)));
            for (int i = 0; i < todo.size() && count < limit; i++) {
                StoredBatch stored = todo.get(i);
                Scored scored = take(next);
                if (i + 1 < todo.size()) {
                    StoredBatch following = todo.get(i + 1);
                    next = reader.submit(() -> scorer.next(following));
                }
                store.replace(stored, scored.submissions(), scored.score(), scores, fromEpoch, toEpoch);
                count++;
                if (count % PROGRESS_EVERY == 0 || count == todo.size()) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    out.printf("Rescored %d/%d batches, through %s (%.0f batches/s)%n", count, todo.size(),
                            Instant.ofEpochSecond(stored.endEpoch()), count / Math.max(seconds, 1e-9));
                    out.flush();
                }
            }
        } finally {
            reader.shutdownNow();
        }
        return count;
    }

    private static List<StoredBatch> after(List<StoredBatch> batches, OptionalLong done) {
        return done.isPresent() ? batches.stream().filter(b -> b.endEpoch() > done.getAsLong()).toList() : batches;
    }

    private static StoredBatch last(List<StoredBatch> batches) {
        return batches.get(batches.size() - 1);
    }

    private record Scored(BatchSubmissions submissions, BatchScore score) {
    }

    /**
     * Reads and scores batches in order, each continuing the shortlist of the row before it
     * in {@code bot_logs}: the batch just scored, or a row this run does not rescore (the
     * batch before the period, or a restart's {@code init-database} row), whose stored
     * shortlist is read as the batch loop reads it.
     */
    private final class Scorer {

        private int scoredBotLogId;
        private List<ShortlistEntry> shortlist;

        Scorer(int previousBotLogId) throws SQLException {
            this.scoredBotLogId = previousBotLogId;
            this.shortlist = batches.shortlistOf(previousBotLogId);
        }

        Scored next(StoredBatch batch) throws SQLException {
            if (batch.previousBotLogId() != scoredBotLogId) {
                shortlist = batches.shortlistOf(batch.previousBotLogId());
            }
            BatchSubmissions rows = submissions.load(batch.batch());
            BatchScore score = engine.score(rows.scored(), shortlist);
            shortlist = score.nextShortlist();
            scoredBotLogId = batch.botLogId();
            return new Scored(rows, score);
        }
    }

    private static Scored take(Future<Scored> load) throws SQLException {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rescore interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
