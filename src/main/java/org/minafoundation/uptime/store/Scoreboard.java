package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Every producer's uptime over the window {@code [E - days, E]} ending at a batch end E
 * (SPEC §7): surveys are the real batches in the window, a producer's score the batches
 * in which it earned a point, the percentage truncated (never rounded) in exact decimals.
 *
 * <p>The cost must not grow with history: when {@code scoreboard_window} says the scores in
 * {@code nodes} are those of the window ending where this batch starts, only the batches
 * entering and leaving the window are counted (added and subtracted). Otherwise (first
 * batch, a changed UPTIME_DAYS_FOR_SCORE, deleted points, another writer) the whole window
 * is recounted once.
 */
public final class Scoreboard {

    /** Every node's points in the window {@code [?, ?]}: the definition of a score. */
    static final String WINDOW_SCORES = """
            WITH window_bounds AS (SELECT ?::bigint AS start_epoch, ?::bigint AS end_epoch),
            scores AS (
                SELECT ps.node_id, count(*) AS points
                FROM points_summary ps JOIN bot_logs b ON b.id = ps.bot_log_id, window_bounds w
                WHERE b.batch_start_epoch >= w.start_epoch AND b.batch_end_epoch <= w.end_epoch
                GROUP BY ps.node_id)
            """;

    /*
     * A node with a score but no point left in the window falls to 0 / 0.00 (the reference
     * leaves its old score forever); a node that never scored keeps NULL.
     */
    private static final String RECOUNT = WINDOW_SCORES + """
            , new_scores AS (
                SELECT n.id, coalesce(s.points, 0) AS points
                FROM nodes n LEFT JOIN scores s ON s.node_id = n.id
                WHERE s.points IS NOT NULL OR n.score IS NOT NULL)
            UPDATE nodes n
            SET score = ns.points, score_percent = uptime_percent(ns.points, ?)
            FROM new_scores ns
            WHERE n.id = ns.id
            """;

    /*
     * Each node's change in points from the window [?, ?] to [?, ?]. Windows only move
     * forward here, so the batches entering end after the old window's end, and those
     * leaving start before the new window's start (both by index ranges).
     */
    static final String WINDOW_CHANGES = """
            WITH bounds AS (SELECT ?::bigint AS old_start, ?::bigint AS old_end, ?::bigint AS new_start, ?::bigint AS new_end),
            entering AS (
                SELECT b.id FROM bot_logs b, bounds w
                WHERE b.batch_end_epoch > w.old_end AND b.batch_end_epoch <= w.new_end
                  AND b.batch_start_epoch >= w.new_start),
            leaving AS (
                SELECT b.id FROM bot_logs b, bounds w
                WHERE b.batch_start_epoch >= w.old_start AND b.batch_start_epoch < w.new_start
                  AND b.batch_end_epoch <= w.old_end),
            changes AS (
                SELECT node_id, sum(change) AS change FROM (
                    SELECT ps.node_id, 1 AS change FROM points_summary ps JOIN entering e ON e.id = ps.bot_log_id
                    UNION ALL
                    SELECT ps.node_id, -1 AS change FROM points_summary ps JOIN leaving l ON l.id = ps.bot_log_id) c
                GROUP BY node_id HAVING sum(change) <> 0)
            """;

    private static final String SHIFT = WINDOW_CHANGES + """
            UPDATE nodes n
            SET score = coalesce(n.score, 0) + c.change, score_percent = uptime_percent(coalesce(n.score, 0) + c.change, ?)
            FROM changes c
            WHERE n.id = c.node_id
            """;

    /** Every score's percentage, when the number of surveys changed but the score did not. */
    private static final String RESCALE = "UPDATE nodes SET score_percent = uptime_percent(score, ?)"
            + " WHERE score IS NOT NULL AND score_percent IS DISTINCT FROM uptime_percent(score, ?)";

    private static final String SURVEYS = "SELECT count(*) FROM bot_logs"
            + " WHERE batch_start_epoch >= ? AND batch_end_epoch <= ? AND files_processed > -1";

    private static final String REMEMBER = "INSERT INTO scoreboard_window (only_row, end_epoch, uptime_days, surveys)"
            + " VALUES (true, ?, ?, ?) ON CONFLICT (only_row) DO UPDATE"
            + " SET end_epoch = excluded.end_epoch, uptime_days = excluded.uptime_days, surveys = excluded.surveys";

    private static final String HISTORY = "INSERT INTO score_history (node_id, score_at, score, score_percent)"
            + " SELECT id, ?, score, score_percent FROM nodes WHERE score IS NOT NULL";

    private Scoreboard() {
    }

    /**
     * Brings every score to the window ending at {@code batchEndEpoch}, for the batch that
     * started at {@code batchStartEpoch}, and appends the scores to the history. Returns
     * whether the stored scores were shifted (batches added and subtracted) rather than
     * recounted from the whole window.
     */
    public static boolean update(Connection c, long batchStartEpoch, long batchEndEpoch, int uptimeDays)
            throws SQLException {
        long windowStart = ScoreboardWindow.startEpoch(batchEndEpoch, uptimeDays);
        long surveys = surveys(c, windowStart, batchEndEpoch);
        ScoreboardWindow known = ScoreboardWindow.read(c);
        boolean shifted = known != null && known.uptimeDays() == uptimeDays && known.endEpoch() == batchStartEpoch;
        if (shifted) {
            shift(c, known, windowStart, batchEndEpoch, surveys);
        } else {
            recount(c, windowStart, batchEndEpoch, surveys);
        }
        remember(c, batchEndEpoch, uptimeDays, surveys);
        try (PreparedStatement p = c.prepareStatement(HISTORY)) {
            p.setObject(1, LocalDateTime.ofEpochSecond(batchEndEpoch, 0, ZoneOffset.UTC));
            p.executeUpdate();
        }
        return shifted;
    }

    /** Counts the whole window: the definition, and the fallback whenever the stored scores cannot be trusted. */
    static void recount(Connection c, long windowStart, long windowEnd, long surveys) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(RECOUNT)) {
            p.setLong(1, windowStart);
            p.setLong(2, windowEnd);
            p.setLong(3, surveys);
            p.executeUpdate();
        }
    }

    private static void shift(Connection c, ScoreboardWindow known, long windowStart, long windowEnd, long surveys)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SHIFT)) {
            p.setLong(1, known.startEpoch());
            p.setLong(2, known.endEpoch());
            p.setLong(3, windowStart);
            p.setLong(4, windowEnd);
            p.setLong(5, surveys);
            p.executeUpdate();
        }
        if (surveys != known.surveys()) {
            try (PreparedStatement p = c.prepareStatement(RESCALE)) {
                p.setLong(1, surveys);
                p.setLong(2, surveys);
                p.executeUpdate();
            }
        }
    }

    static long surveys(Connection c, long windowStart, long windowEnd) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SURVEYS)) {
            p.setLong(1, windowStart);
            p.setLong(2, windowEnd);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static void remember(Connection c, long windowEnd, int uptimeDays, long surveys) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(REMEMBER)) {
            p.setLong(1, windowEnd);
            p.setInt(2, uptimeDays);
            p.setLong(3, surveys);
            p.executeUpdate();
        }
    }
}
