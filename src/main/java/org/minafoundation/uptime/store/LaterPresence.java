package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Who has a score in the history after the last batch a rescore settled. The windows of
 * those batches no longer reach into the period, so their counts stay; but a producer has a
 * score from its first point on for ever (SPEC §7), and a rescore can move that first point
 * into or out of the period: a first-time run would then have written (or not) a row with
 * 0 at every batch until the producer's next point.
 */
final class LaterPresence {

    /** The producers whose row the history at {@code ?} has and that at {@code ?} lacks. */
    private static final String ONLY_AT_FIRST = "SELECT f.node_id FROM score_history f WHERE f.score_at = ?"
            + " AND f.node_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM score_history s"
            + " WHERE s.node_id = f.node_id AND s.score_at = ?)";

    /*
     * Each producer's first batch with a point after {@code ?}, if any (NULL: none): the
     * batches in order, each probed by the (batch, producer) key (points_summary has no index
     * by producer alone).
     */
    private static final String NEXT_POINT = """
            WITH producer AS (SELECT unnest(?::int[]) AS node_id),
            next_point AS (
                SELECT p.node_id, (SELECT b.batch_end_epoch FROM bot_logs b WHERE b.batch_end_epoch > ?
                                     AND EXISTS (SELECT 1 FROM points_summary ps
                                                 WHERE ps.bot_log_id = b.id AND ps.node_id = p.node_id)
                                   ORDER BY b.batch_end_epoch LIMIT 1) AS end_epoch
                FROM producer p)
            """;

    /* Rows from after the settled batch up to the producer's next point (exclusive) go. */
    private static final String REMOVE = NEXT_POINT + """
            DELETE FROM score_history h USING next_point n
            WHERE h.node_id = n.node_id AND h.score_at > to_timestamp(?) AT TIME ZONE 'UTC'
              AND (n.end_epoch IS NULL OR h.score_at < to_timestamp(n.end_epoch) AT TIME ZONE 'UTC')
            """;

    /*
     * A row at every later batch up to the producer's next point (exclusive). Its score
     * there is 0 (0.00 of any number of surveys): a point inside that batch's window would
     * lie after the period, stored as the first-time run scored it, and would have given the
     * producer its row already.
     */
    private static final String ADD = NEXT_POINT + """
            INSERT INTO score_history (node_id, score_at, score, score_percent)
            SELECT n.node_id, to_timestamp(b.batch_end_epoch) AT TIME ZONE 'UTC', 0, 0
            FROM next_point n JOIN bot_logs b ON b.files_processed > -1 AND b.batch_end_epoch > ?
            WHERE (n.end_epoch IS NULL OR b.batch_end_epoch < n.end_epoch)
              AND NOT EXISTS (SELECT 1 FROM score_history h WHERE h.node_id = n.node_id
                              AND h.score_at = to_timestamp(b.batch_end_epoch) AT TIME ZONE 'UTC')
            """;

    private LaterPresence() {
    }

    /**
     * Makes who has a score after the batch ending {@code settledEndEpoch} follow who has one
     * there. Only producers whose row at that batch and at the next one disagree can be
     * concerned (before the rescore the stored history agreed with itself), so a rescore
     * that changed no first point writes nothing here.
     */
    static void follow(Connection c, long settledEndEpoch) throws SQLException {
        if (!isBatchEnd(c, settledEndEpoch)) {
            return;
        }
        OptionalLong next = nextBatchEnd(c, settledEndEpoch);
        if (next.isEmpty()) {
            return;
        }
        long following = next.getAsLong();
        // at the next batch but no longer at the settled one: their score came from the period
        run(c, REMOVE, onlyAtFirst(c, following, settledEndEpoch), settledEndEpoch);
        // at the settled batch but not yet at the next one: the period gave them their first point
        run(c, ADD, onlyAtFirst(c, settledEndEpoch, following), settledEndEpoch);
    }

    private static boolean isBatchEnd(Connection c, long endEpoch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT 1 FROM bot_logs WHERE batch_end_epoch = ? AND files_processed > -1")) {
            p.setLong(1, endEpoch);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static OptionalLong nextBatchEnd(Connection c, long endEpoch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT min(batch_end_epoch) FROM bot_logs WHERE batch_end_epoch > ? AND files_processed > -1")) {
            p.setLong(1, endEpoch);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                long end = r.getLong(1);
                return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
            }
        }
    }

    private static List<Integer> onlyAtFirst(Connection c, long firstEpoch, long secondEpoch) throws SQLException {
        List<Integer> producers = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(ONLY_AT_FIRST)) {
            p.setObject(1, RescoreScores.at(firstEpoch));
            p.setObject(2, RescoreScores.at(secondEpoch));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    producers.add(r.getInt(1));
                }
            }
        }
        return producers;
    }

    private static void run(Connection c, String sql, List<Integer> producers, long settledEndEpoch)
            throws SQLException {
        if (producers.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setArray(1, c.createArrayOf("int4", producers.toArray()));
            p.setLong(2, settledEndEpoch);
            p.setLong(3, settledEndEpoch);
            p.executeUpdate();
        }
    }
}
