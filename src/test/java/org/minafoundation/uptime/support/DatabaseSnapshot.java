package org.minafoundation.uptime.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the coordinator wrote, keyed by natural keys (batch epochs, producer keys, state
 * hashes) rather than serial ids, so two databases can be compared as wholes. {@code
 * batches} holds what the golden data also has (points counted per producer and hash);
 * {@code points} every column of every point but its id and when it was written, for
 * comparing two runs of this coordinator.
 */
public record DatabaseSnapshot(
        Map<String, List<String>> batches,
        List<String> nodes,
        Map<String, List<String>> scoreHistory,
        Map<String, List<String>> points) {

    public static DatabaseSnapshot of(String database) throws SQLException {
        return of(TestPostgres.dataSource(database));
    }

    public static DatabaseSnapshot of(javax.sql.DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new DatabaseSnapshot(batches(c), nodes(c), history(c), points(c));
        }
    }

    /** "2024-03-01 23:00:05.734000" and "2024-03-01 23:00:05.734" are the same instant. */
    public static String normalizeTimestamp(String text) {
        String t = text.replace('T', ' ');
        if (!t.contains(".")) {
            t = t + ".";
        }
        String[] parts = t.split("\\.");
        String fraction = parts.length > 1 ? parts[1] : "";
        return parts[0] + "." + (fraction + "000000").substring(0, 6);
    }

    public static String scoreRow(String key, Integer score, String percent) {
        return key + " " + score + " " + percent;
    }

    private static Map<String, List<String>> batches(Connection c) throws SQLException {
        Map<String, List<String>> batches = new TreeMap<>();
        Map<Integer, String> keys = new TreeMap<>();
        query(c, "SELECT id, batch_start_epoch, batch_end_epoch, files_processed,"
                + " to_char(file_timestamps AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
                + " FROM bot_logs WHERE files_processed > -1", r -> {
                    String key = r.getLong(2) + "-" + r.getLong(3);
                    keys.put(r.getInt(1), key);
                    List<String> facts = batches.computeIfAbsent(key, k -> new ArrayList<>());
                    facts.add("files_processed " + r.getInt(4));
                    facts.add("file_timestamps " + r.getString(5));
                });
        query(c, "SELECT p.bot_log_id, n.block_producer_key, s.value, count(*) FROM points p"
                + " JOIN nodes n ON n.id = p.node_id JOIN statehash s ON s.id = p.statehash_id"
                + " GROUP BY 1, 2, 3", r -> batches.get(keys.get(r.getInt(1)))
                        .add("point " + r.getString(2) + " " + r.getString(3) + " x" + r.getInt(4)));
        query(c, "SELECT ps.bot_log_id, n.block_producer_key FROM points_summary ps JOIN nodes n ON n.id = ps.node_id",
                r -> batches.get(keys.get(r.getInt(1))).add("summary " + r.getString(2)));
        query(c, "SELECT b.bot_log_id, s.value, p.value, b.weight FROM bot_logs_statehash b"
                + " JOIN statehash s ON s.id = b.statehash_id LEFT JOIN statehash p ON p.id = b.parent_statehash_id",
                r -> batches.get(keys.get(r.getInt(1))).add("shortlisted " + r.getString(2) + " <- " + r.getString(3)
                        + " w" + r.getInt(4)));
        batches.values().forEach(list -> list.sort(null));
        return batches;
    }

    /** LEFT JOINs: a point pointing nowhere shows as such instead of disappearing. */
    private static Map<String, List<String>> points(Connection c) throws SQLException {
        Map<String, List<String>> points = new TreeMap<>();
        query(c, "SELECT b.batch_start_epoch || '-' || b.batch_end_epoch, n.block_producer_key, s.value, p.file_name,"
                + " to_char(p.file_timestamps AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), p.blockchain_epoch,"
                + " p.blockchain_height, p.amount FROM points p LEFT JOIN bot_logs b ON b.id = p.bot_log_id"
                + " LEFT JOIN nodes n ON n.id = p.node_id LEFT JOIN statehash s ON s.id = p.statehash_id",
                r -> points.computeIfAbsent(String.valueOf(r.getString(1)), k -> new ArrayList<>())
                        .add(r.getString(2) + " " + r.getString(3) + " " + r.getString(4) + " " + r.getString(5)
                                + " epoch " + r.getObject(6) + " height " + r.getObject(7) + " amount " + r.getObject(8)));
        points.values().forEach(list -> list.sort(null));
        return points;
    }

    private static List<String> nodes(Connection c) throws SQLException {
        List<String> nodes = new ArrayList<>();
        query(c, "SELECT block_producer_key, score, score_percent::text FROM nodes",
                r -> nodes.add(scoreRow(r.getString(1), (Integer) r.getObject(2), r.getString(3))));
        nodes.sort(null);
        return nodes;
    }

    private static Map<String, List<String>> history(Connection c) throws SQLException {
        Map<String, List<String>> history = new TreeMap<>();
        query(c, "SELECT to_char(h.score_at, 'YYYY-MM-DD HH24:MI:SS'), n.block_producer_key, h.score,"
                + " h.score_percent::text FROM score_history h JOIN nodes n ON n.id = h.node_id",
                r -> history.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                        .add(scoreRow(r.getString(2), (Integer) r.getObject(3), r.getString(4))));
        history.values().forEach(list -> list.sort(null));
        return history;
    }

    private interface RowHandler {
        void handle(ResultSet r) throws SQLException;
    }

    private static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                handler.handle(r);
            }
        }
    }
}
