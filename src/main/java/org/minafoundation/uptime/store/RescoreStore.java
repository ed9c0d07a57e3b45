package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.submissions.BatchSubmissions;

/**
 * What {@code rescore} reads and writes. Each batch is replaced in one transaction: its
 * points, shortlist and {@code bot_logs} counts, the score history at its end, and the
 * progress mark. The scores in {@code nodes} walk along with the batches (they are what
 * the next batch's history is computed from), starting from the history stored at the
 * end of the batch before the period: exactly the state a first-time run had there.
 */
public final class RescoreStore {

    private final DataSource dataSource;
    private final Clock clock;
    private final int uptimeDays;

    public RescoreStore(DataSource dataSource, Clock clock, int uptimeDays) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.uptimeDays = uptimeDays;
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

    /** Where an unfinished rescore of exactly this period stopped (the end of its last batch done). */
    public OptionalLong progress(long fromEpoch, long toEpoch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT done_end_epoch FROM rescore_progress WHERE from_epoch = ? AND to_epoch = ?")) {
            p.setLong(1, fromEpoch);
            p.setLong(2, toEpoch);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Puts the scoreboard back to where it stood after the batch ending at {@code endEpoch}:
     * the producers in its score history with those scores, everyone else without a score.
     */
    public void rewindScoreboard(long endEpoch) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE nodes n SET score = h.score, score_percent = h.score_percent"
                            + " FROM (SELECT n2.id, sh.score, sh.score_percent FROM nodes n2"
                            + " LEFT JOIN score_history sh ON sh.node_id = n2.id AND sh.score_at = ?) h"
                            + " WHERE n.id = h.id AND (n.score IS DISTINCT FROM h.score"
                            + " OR n.score_percent IS DISTINCT FROM h.score_percent)")) {
                p.setObject(1, at(endEpoch));
                p.executeUpdate();
            }
            long windowStart = endEpoch - uptimeDays * 86_400L;
            Scoreboard.remember(c, endEpoch, uptimeDays, Scoreboard.surveys(c, windowStart, endEpoch));
        });
    }

    /** Replaces one batch's derived rows, and marks it done for the period, all or nothing. */
    public void replace(StoredBatch stored, BatchSubmissions submissions, BatchScore score, long fromEpoch,
            long toEpoch) throws SQLException {
        Instant now = clock.instant();
        inTransaction(c -> {
            // No wait for the disk at each of thousands of commits: a crash can lose only the
            // last batches rescored, and their progress mark with them, so they are simply redone.
            try (PreparedStatement p = c.prepareStatement("SET LOCAL synchronous_commit = off")) {
                p.execute();
            }
            ScoreboardWindow window = ScoreboardWindow.read(c);
            for (String table : List.of("points_summary", "points", "bot_logs_statehash")) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE bot_log_id = ?")) {
                    p.setInt(1, stored.botLogId());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM score_history WHERE score_at = ?")) {
                p.setObject(1, at(stored.endEpoch()));
                p.executeUpdate();
            }
            if (window != null) {
                // The delete made the trigger forget the window, but this batch lies after it: still valid.
                Scoreboard.remember(c, window.endEpoch(), window.uptimeDays(), window.surveys());
            }
            BatchWrites.insertStateHashes(c, submissions.scored());
            BatchWrites.insertNodes(c, submissions.scored(), now);
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE bot_logs SET files_processed = ?, file_timestamps = ? WHERE id = ?")) {
                p.setInt(1, submissions.valid());
                p.setObject(2, BatchWrites.fileTimestamp(stored.batch(), submissions, score).atOffset(ZoneOffset.UTC));
                p.setInt(3, stored.botLogId());
                p.executeUpdate();
            }
            BatchWrites.insertShortlist(c, stored.botLogId(), score.nextShortlist());
            BatchWrites.insertPoints(c, stored.botLogId(), score.pointRows(), now);
            Scoreboard.update(c, stored.startEpoch(), stored.endEpoch(), uptimeDays);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO rescore_progress (only_row, from_epoch, to_epoch, done_end_epoch) VALUES (true, ?, ?, ?)"
                            + " ON CONFLICT (only_row) DO UPDATE SET from_epoch = excluded.from_epoch,"
                            + " to_epoch = excluded.to_epoch, done_end_epoch = excluded.done_end_epoch")) {
                p.setLong(1, fromEpoch);
                p.setLong(2, toEpoch);
                p.setLong(3, stored.endEpoch());
                p.executeUpdate();
            }
        });
    }

    /**
     * Ends the rescore: forgets the progress and, when newer batches exist than the period,
     * brings the scoreboard to the newest batch by counting its whole window.
     */
    public void finish(long lastRescoredEnd) throws SQLException {
        OptionalLong newest = newestBatchEnd();
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM rescore_progress")) {
                p.executeUpdate();
            }
            if (newest.isPresent() && newest.getAsLong() > lastRescoredEnd) {
                long end = newest.getAsLong();
                long windowStart = end - uptimeDays * 86_400L;
                long surveys = Scoreboard.surveys(c, windowStart, end);
                Scoreboard.recount(c, windowStart, end, surveys);
                Scoreboard.remember(c, end, uptimeDays, surveys);
            }
        });
    }

    private static LocalDateTime at(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                BatchStore.rollbackQuietly(c, e);
                throw e;
            }
        }
    }
}
