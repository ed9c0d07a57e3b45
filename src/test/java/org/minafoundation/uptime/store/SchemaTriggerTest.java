package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.TestPostgres;

/** The points trigger keeps exactly one points_summary row per (batch, node), however many points. */
class SchemaTriggerTest {

    @Test
    void onePointsSummaryRowPerBatchAndNode() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bot_logs (id, files_processed, batch_start_epoch, batch_end_epoch)"
                    + " VALUES (1, 1, 0, 1200), (2, 1, 1200, 2400), (3, 1, 2400, 3600)");
            s.execute("INSERT INTO nodes (id, block_producer_key) VALUES (1, 'B62a'), (2, 'B62b'), (3, 'B62c')");

            // (batch, node) -> number of points: 5, 1, 3, 2 points; node 3 and batch 3 never score.
            Map<String, Integer> points = new TreeMap<>(Map.of("1-1", 5, "1-2", 1, "2-1", 3, "2-2", 2));
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO points (file_name, bot_log_id, node_id, amount) VALUES (?, ?, ?, 1)")) {
                for (Map.Entry<String, Integer> e : points.entrySet()) {
                    String[] key = e.getKey().split("-");
                    for (int i = 0; i < e.getValue(); i++) {
                        p.setString(1, "file-" + e.getKey() + "-" + i);
                        p.setInt(2, Integer.parseInt(key[0]));
                        p.setInt(3, Integer.parseInt(key[1]));
                        p.executeUpdate();
                    }
                }
            }
            // Several rows of one statement for a pair that already has a summary, and for a new one.
            s.execute("INSERT INTO points (file_name, bot_log_id, node_id, amount) VALUES"
                    + " ('multi-1', 1, 1, 1), ('multi-2', 1, 1, 1), ('multi-3', 3, 2, 1), ('multi-4', 3, 2, 1)");

            assertEquals(15, count(s, "SELECT count(*) FROM points"));
            assertEquals(Map.of("1-1", 1L, "1-2", 1L, "2-1", 1L, "2-2", 1L, "3-2", 1L), summaries(s));
        }
    }

    private static Map<String, Long> summaries(Statement s) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (ResultSet r = s.executeQuery(
                "SELECT bot_log_id, node_id, count(*) FROM points_summary GROUP BY bot_log_id, node_id")) {
            while (r.next()) {
                rows.put(r.getInt(1) + "-" + r.getInt(2), r.getLong(3));
            }
        }
        return rows;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
