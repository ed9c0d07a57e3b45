package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The scores a rescore carries from batch to batch: what {@code nodes} held after each
 * batch of a first-time run, kept in memory so that a rescore writes no {@code nodes} row
 * per batch and only the {@code score_history} rows that differ. Which batches count, and
 * how a percentage is computed, stays in {@link Scoreboard}'s SQL; only the sums live here.
 */
public final class RescoreScores {

    /*
     * The history of one batch end made equal to the scores: rows of producers without a
     * score go, differing rows are updated, missing rows inserted. The stored rows are read
     * once and matched by hash (the planner cannot count unnest's rows in a reused plan and
     * would otherwise probe the index once per producer for each of the three steps).
     */
    private static final String SETTLE_HISTORY = """
            WITH current_scores AS MATERIALIZED (
                SELECT s.node_id, s.score, uptime_percent(s.score, ?) AS percent
                FROM unnest(?::int[], ?::int[]) AS s(node_id, score)),
            stored AS MATERIALIZED (
                SELECT id, node_id, score, score_percent FROM score_history WHERE score_at = ?),
            stale AS (
                DELETE FROM score_history WHERE id IN (
                    SELECT st.id FROM stored st
                    WHERE NOT EXISTS (SELECT 1 FROM current_scores s WHERE s.node_id = st.node_id))),
            changed AS (
                UPDATE score_history h SET score = d.score, score_percent = d.percent
                FROM (SELECT st.id, s.score, s.percent FROM stored st JOIN current_scores s ON s.node_id = st.node_id
                      WHERE st.score IS DISTINCT FROM s.score OR st.score_percent IS DISTINCT FROM s.percent) d
                WHERE h.id = d.id)
            INSERT INTO score_history (node_id, score_at, score, score_percent)
            SELECT s.node_id, ?, s.score, s.percent FROM current_scores s
            WHERE NOT EXISTS (SELECT 1 FROM stored st WHERE st.node_id = s.node_id)
            """;

    private final int uptimeDays;
    /** Every producer that has a score (a NULL score in {@code nodes} is absent here). */
    private final Map<Integer, Integer> scores;
    /** The end of the window the scores are for; {@code null} until the first batch counted its window. */
    private Long windowEnd;

    private RescoreScores(int uptimeDays, Map<Integer, Integer> scores) {
        this.uptimeDays = uptimeDays;
        this.scores = scores;
    }

    /**
     * The producers with a score after the batch before the period (ending at or before
     * {@code endEpoch}): those of the history of the newest real batch up to then (SPEC §7:
     * every batch writes a row for each producer with a score, none for the others). A
     * restart's {@code init-database} row writes no history of its own: the batch before it
     * counts. The newest history rows up to then would not do: a batch in which no producer
     * had a score yet has none, and older rows (of an earlier run) are not its scores.
     * Their counts are not trusted: the first batch counts its window.
     */
    static RescoreScores after(Connection c, long endEpoch, int uptimeDays) throws SQLException {
        Map<Integer, Integer> scores = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT node_id, score FROM score_history"
                + " WHERE score_at = (SELECT to_timestamp(max(batch_end_epoch)) AT TIME ZONE 'UTC' FROM bot_logs"
                + " WHERE batch_end_epoch <= ? AND files_processed > -1)"
                + " AND score IS NOT NULL AND node_id IS NOT NULL")) {
            p.setLong(1, endEpoch);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    scores.put(r.getInt(1), r.getInt(2));
                }
            }
        }
        return new RescoreScores(uptimeDays, scores);
    }

    /** Moves the scores to the window ending with this batch, as {@link Scoreboard#update} moves {@code nodes}. */
    void advance(Connection c, long batchStartEpoch, long batchEndEpoch) throws SQLException {
        long newStart = ScoreboardWindow.startEpoch(batchEndEpoch, uptimeDays);
        if (windowEnd != null && windowEnd == batchStartEpoch) {
            try (PreparedStatement p = c.prepareStatement(Scoreboard.WINDOW_CHANGES + "SELECT node_id, change FROM changes")) {
                p.setLong(1, ScoreboardWindow.startEpoch(windowEnd, uptimeDays));
                p.setLong(2, windowEnd);
                p.setLong(3, newStart);
                p.setLong(4, batchEndEpoch);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        scores.merge(r.getInt(1), r.getInt(2), Integer::sum);
                    }
                }
            }
        } else {
            // As the recount: whoever had a score keeps one (0 without points in the window).
            scores.replaceAll((node, score) -> 0);
            try (PreparedStatement p = c.prepareStatement(Scoreboard.WINDOW_SCORES + "SELECT node_id, points FROM scores")) {
                p.setLong(1, newStart);
                p.setLong(2, batchEndEpoch);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        scores.put(r.getInt(1), r.getInt(2));
                    }
                }
            }
        }
        windowEnd = batchEndEpoch;
    }

    /** Makes the score history at the current window's end equal to the scores, writing only what differs. */
    void settleHistory(Connection c) throws SQLException {
        long surveys = Scoreboard.surveys(c, ScoreboardWindow.startEpoch(windowEnd, uptimeDays), windowEnd);
        Object[] nodes = new Object[scores.size()];
        Object[] points = new Object[scores.size()];
        int i = 0;
        for (Map.Entry<Integer, Integer> score : scores.entrySet()) {
            nodes[i] = score.getKey();
            points[i] = score.getValue();
            i++;
        }
        LocalDateTime end = at(windowEnd);
        try (PreparedStatement p = c.prepareStatement(SETTLE_HISTORY)) {
            p.setLong(1, surveys);
            p.setArray(2, c.createArrayOf("int4", nodes));
            p.setArray(3, c.createArrayOf("int4", points));
            p.setObject(4, end);
            p.setObject(5, end);
            p.executeUpdate();
        }
    }

    static LocalDateTime at(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }
}
