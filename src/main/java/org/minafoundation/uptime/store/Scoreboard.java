package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Every producer's uptime over the window {@code [E - days, E]} ending at a batch end E
 * (SPEC §7): surveys are the real batches in the window, a producer's score the batches
 * in which it earned a point, the percentage truncated (never rounded) in exact decimals.
 */
final class Scoreboard {

    /*
     * A node with a score but no point left in the window falls to 0 / 0.00 (the reference
     * leaves its old score forever); a node that never scored keeps NULL.
     */
    private static final String UPDATE = """
            WITH window_bounds AS (SELECT ?::bigint AS start_epoch, ?::bigint AS end_epoch),
            surveys AS (
                SELECT count(*) AS n FROM bot_logs b, window_bounds w
                WHERE b.batch_start_epoch >= w.start_epoch AND b.batch_end_epoch <= w.end_epoch
                  AND b.files_processed > -1),
            scores AS (
                SELECT ps.node_id, count(*) AS points
                FROM points_summary ps JOIN bot_logs b ON b.id = ps.bot_log_id, window_bounds w
                WHERE b.batch_start_epoch >= w.start_epoch AND b.batch_end_epoch <= w.end_epoch
                GROUP BY ps.node_id),
            new_scores AS (
                SELECT n.id, coalesce(s.points, 0) AS points
                FROM nodes n LEFT JOIN scores s ON s.node_id = n.id
                WHERE s.points IS NOT NULL OR n.score IS NOT NULL)
            UPDATE nodes n
            SET score = ns.points,
                score_percent = CASE WHEN sv.n = 0 THEN 0 ELSE trunc(ns.points::numeric * 100 / sv.n, 2) END
            FROM new_scores ns, surveys sv
            WHERE n.id = ns.id
            """;

    private static final String HISTORY = "INSERT INTO score_history (node_id, score_at, score, score_percent)"
            + " SELECT id, ?, score, score_percent FROM nodes WHERE score IS NOT NULL";

    private Scoreboard() {
    }

    static void update(Connection c, long batchEndEpoch, int uptimeDays) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(UPDATE)) {
            p.setLong(1, batchEndEpoch - uptimeDays * 86_400L);
            p.setLong(2, batchEndEpoch);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(HISTORY)) {
            p.setObject(1, LocalDateTime.ofEpochSecond(batchEndEpoch, 0, ZoneOffset.UTC));
            p.executeUpdate();
        }
    }
}
