package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.model.BatchSubmissions;

/**
 * What {@code rescore} reads and writes. Each batch is replaced in one transaction: its
 * points, shortlist and {@code bot_logs} counts, the score history at its end, and the
 * progress mark, writing only the rows that differ from a first-time run's. The scores walk
 * along with the batches in memory ({@link RescoreScores}); {@code nodes} is set once, when
 * the rescore finishes.
 */
public final class RescoreStore {

    private final DataSource dataSource;
    private final Clock clock;
    private final int uptimeDays;
    private final CoordinatorLock lock;
    /** How this run matches stored points, read with its first batch. */
    private PointsReplacement points;
    /**
     * Producers this run has seen written to {@code nodes}. Nothing deletes a producer while
     * a rescore holds the coordinator's lock, so only a batch with a producer new to the run
     * looks for missing {@code nodes} rows (thousands of index probes a batch otherwise).
     */
    private final Set<String> producersInNodes = new HashSet<>();

    /** {@code lock}: the coordinator lock this process holds, proved inside every transaction. */
    public RescoreStore(DataSource dataSource, Clock clock, int uptimeDays, CoordinatorLock lock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.uptimeDays = uptimeDays;
        this.lock = lock;
    }

    /** The processed batches inside {@code [from, to]}, oldest first. */
    public List<StoredBatch> batchesBetween(long fromEpoch, long toEpoch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT id, batch_start_epoch, batch_end_epoch, previous FROM ("
                                + " SELECT id, batch_start_epoch, batch_end_epoch, files_processed,"
                                + " lag(id) OVER (ORDER BY batch_end_epoch, id) AS previous FROM bot_logs) b"
                                + " WHERE files_processed > -1 AND batch_start_epoch >= ? AND batch_end_epoch <= ?"
                                + " ORDER BY batch_end_epoch, id")) {
            p.setLong(1, fromEpoch);
            p.setLong(2, toEpoch);
            List<StoredBatch> batches = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    batches.add(new StoredBatch(r.getInt(1), r.getLong(2), r.getLong(3), r.getInt(4)));
                }
            }
            return batches;
        }
    }

    /** The end of the newest batch, if any. */
    public OptionalLong newestBatchEnd() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT max(batch_end_epoch) FROM bot_logs");
                ResultSet r = p.executeQuery()) {
            r.next();
            long end = r.getLong(1);
            return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
        }
    }

    /** An interrupted rescore: its period and the end of the last batch it finished. */
    public record Unfinished(long fromEpoch, long toEpoch, long doneEndEpoch) {
    }

    /** The rescore left unfinished, if any (a coordinator warns about it at start). */
    public Optional<Unfinished> unfinished() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT from_epoch, to_epoch, done_end_epoch FROM rescore_progress");
                ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(new Unfinished(r.getLong(1), r.getLong(2), r.getLong(3))) : Optional.empty();
        }
    }

    /**
     * Where an unfinished rescore of exactly this period, with this score window, stopped
     * (the end of its last batch done).
     */
    public OptionalLong progress(long fromEpoch, long toEpoch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT done_end_epoch FROM rescore_progress"
                        + " WHERE from_epoch = ? AND to_epoch = ? AND (uptime_days IS NULL OR uptime_days = ?)")) {
            p.setLong(1, fromEpoch);
            p.setLong(2, toEpoch);
            p.setInt(3, uptimeDays);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** UPTIME_DAYS_FOR_SCORE, the score window this rescore counts. */
    public int uptimeDays() {
        return uptimeDays;
    }

    /**
     * The start of the oldest batch when older ones were cleaned up: the oldest {@code
     * bot_logs} row is then a batch, not the {@code init-database} row every deployment starts with.
     */
    public OptionalLong cleanedUpBefore() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT files_processed IS DISTINCT FROM -1, batch_start_epoch"
                        + " FROM bot_logs WHERE batch_end_epoch IS NOT NULL ORDER BY batch_end_epoch, id LIMIT 1");
                ResultSet r = p.executeQuery()) {
            return r.next() && r.getBoolean(1) ? OptionalLong.of(r.getLong(2)) : OptionalLong.empty();
        }
    }

    /**
     * Starts walking the scores from the end of the batch before the period. {@code nodes}
     * stays as it is until {@link #finish}, so the remembered scoreboard window is
     * forgotten: a coordinator started before the rescore finishes recounts.
     */
    public RescoreScores scoresAfter(long endEpoch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM scoreboard_window")) {
                p.executeUpdate();
            }
            return RescoreScores.after(c, endEpoch, uptimeDays);
        }
    }

    /**
     * Makes one batch's derived rows those a first-time run would write, and marks it done
     * for the period, all or nothing. Only rows that differ are written: a rescore that
     * changes little is mostly reading.
     */
    public void replace(StoredBatch stored, BatchSubmissions submissions, BatchScore score, RescoreScores scores,
            long fromEpoch, long toEpoch) throws SQLException {
        Instant now = clock.instant();
        Set<String> producers = submissions.scored().stream().map(Submission::submitter).collect(Collectors.toSet());
        boolean newProducers = !producersInNodes.containsAll(producers);
        inTransaction(c -> {
            commitWithoutWaiting(c);
            BatchWrites.insertStateHashes(c, submissions.scored());
            if (newProducers) {
                BatchWrites.insertNodes(c, submissions.scored(), now);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE bot_logs SET files_processed = ?, file_timestamps = ? WHERE id = ?"
                            + " AND (files_processed IS DISTINCT FROM ? OR file_timestamps IS DISTINCT FROM ?)")) {
                OffsetDateTime fileTimestamp = BatchWrites.fileTimestamp(stored.batch(), submissions, score)
                        .atOffset(ZoneOffset.UTC);
                p.setInt(1, submissions.valid());
                p.setObject(2, fileTimestamp);
                p.setInt(3, stored.botLogId());
                p.setInt(4, submissions.valid());
                p.setObject(5, fileTimestamp);
                p.executeUpdate();
            }
            // A shortlist is a handful of rows: replaced whole.
            try (PreparedStatement p = c.prepareStatement("DELETE FROM bot_logs_statehash WHERE bot_log_id = ?")) {
                p.setInt(1, stored.botLogId());
                p.executeUpdate();
            }
            BatchWrites.insertShortlist(c, stored.botLogId(), score.nextShortlist());
            if (points == null) {
                points = PointsReplacement.forRun(c);
            }
            points.replace(c, stored.botLogId(), score.pointRows(), now);
            BatchWrites.settlePointsSummary(c, stored.botLogId());
            scores.advance(c, stored.startEpoch(), stored.endEpoch());
            scores.settleHistory(c);
            markDone(c, fromEpoch, toEpoch, stored.endEpoch());
        });
        producersInNodes.addAll(producers);
    }

    /**
     * The batches after a period ending at {@code periodEndEpoch} whose score window reaches
     * back into it, oldest first: their points stay, their history must follow the period's.
     */
    public List<StoredBatch> windowsReachingBack(long periodEndEpoch) throws SQLException {
        return batchesBetween(periodEndEpoch, ScoreboardWindow.endEpoch(periodEndEpoch, uptimeDays));
    }

    /** Makes the score history at a later batch's end follow the rescored period, and marks it done. */
    public void settleHistory(StoredBatch stored, RescoreScores scores, long fromEpoch, long toEpoch)
            throws SQLException {
        inTransaction(c -> {
            commitWithoutWaiting(c);
            scores.advance(c, stored.startEpoch(), stored.endEpoch());
            scores.settleHistory(c);
            markDone(c, fromEpoch, toEpoch, stored.endEpoch());
        });
    }

    /*
     * No wait for the disk at each of thousands of commits: a crash can lose only the last
     * batches done, and their progress mark with them, so they are simply redone.
     */
    private static void commitWithoutWaiting(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SET LOCAL synchronous_commit = off")) {
            p.execute();
        }
    }

    private void markDone(Connection c, long fromEpoch, long toEpoch, long doneEndEpoch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rescore_progress"
                + " (only_row, from_epoch, to_epoch, done_end_epoch, uptime_days) VALUES (true, ?, ?, ?, ?)"
                + " ON CONFLICT (only_row) DO UPDATE SET from_epoch = excluded.from_epoch, to_epoch = excluded.to_epoch,"
                + " done_end_epoch = excluded.done_end_epoch, uptime_days = excluded.uptime_days")) {
            p.setLong(1, fromEpoch);
            p.setLong(2, toEpoch);
            p.setLong(3, doneEndEpoch);
            p.setInt(4, uptimeDays);
            p.executeUpdate();
        }
    }

    /**
     * Ends the rescore: forgets the progress, makes who has a score in the later history
     * follow the last batch settled ({@link LaterPresence}), and brings {@code nodes} to the
     * newest batch: who has a score from the history of the newest batch, and, when the
     * period does not reach it, the counts of its whole window.
     */
    public void finish(long lastRescoredEnd) throws SQLException {
        OptionalLong newest = newestBatchEnd();
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM rescore_progress")) {
                p.executeUpdate();
            }
            if (newest.isEmpty()) {
                return;
            }
            LaterPresence.follow(c, lastRescoredEnd);
            long end = newest.getAsLong();
            long windowStart = ScoreboardWindow.startEpoch(end, uptimeDays);
            long surveys = Scoreboard.surveys(c, windowStart, end);
            // the recount keeps whoever has a score in nodes: that must be the history's first
            scoresFromHistory(c, end);
            if (end > lastRescoredEnd) {
                Scoreboard.recount(c, windowStart, end, surveys);
            }
            Scoreboard.remember(c, end, uptimeDays, surveys);
        });
    }

    /**
     * The producers in the history of the newest batch up to {@code endEpoch} get those
     * scores, everyone else none (an {@code init-database} row has no history: the batch before it counts).
     */
    private static void scoresFromHistory(Connection c, long endEpoch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE nodes n SET score = h.score, score_percent = h.score_percent"
                        + " FROM (SELECT n2.id, sh.score, sh.score_percent FROM nodes n2"
                        + " LEFT JOIN score_history sh ON sh.node_id = n2.id AND sh.score_at ="
                        + " (SELECT to_timestamp(max(batch_end_epoch)) AT TIME ZONE 'UTC' FROM bot_logs"
                        + " WHERE batch_end_epoch <= ? AND files_processed > -1)) h"
                        + " WHERE n.id = h.id AND (n.score IS DISTINCT FROM h.score"
                        + " OR n.score_percent IS DISTINCT FROM h.score_percent)")) {
            p.setLong(1, endEpoch);
            p.executeUpdate();
        }
    }

    /** A rescore's writes, only while this process holds the coordinator lock. */
    private void inTransaction(Transaction.Statements work) throws SQLException {
        Transaction.run(dataSource, c -> {
            lock.proveHeldIn(c);
            work.in(c);
        });
    }
}
