package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The remembered scoreboard window survives deletes of batches it can never count again
 * (a daily cleanup of old data), and is forgotten by any delete that could change it.
 */
class ScoreboardWindowTest {

    private static final long DAY = 86_400;
    private static final long END = 1_700_000_000L;
    private DataSource dataSource;

    @BeforeEach
    void databaseWithAWindowOfOneDay() throws SQLException {
        dataSource = TestPostgres.migratedDatabase();
        execute("INSERT INTO nodes (id, block_producer_key) VALUES (1, 'B62a')");
        // One batch well before the window, one inside it.
        execute("INSERT INTO bot_logs (id, files_processed, batch_start_epoch, batch_end_epoch) VALUES"
                + " (1, 1, " + (END - 3 * DAY) + ", " + (END - 3 * DAY + 1200) + "),"
                + " (2, 1, " + (END - 1200) + ", " + END + ")");
        execute("INSERT INTO points_summary (bot_log_id, node_id) VALUES (1, 1), (2, 1)");
        execute("INSERT INTO scoreboard_window (end_epoch, uptime_days, surveys) VALUES (" + END + ", 1, 1)");
    }

    @Test
    void deletingBatchesOlderThanTheWindowKeepsIt() throws SQLException {
        execute("DELETE FROM points_summary WHERE bot_log_id = 1");
        execute("DELETE FROM bot_logs WHERE id = 1");

        assertEquals(1, windows());
    }

    @Test
    void deletingPointsInsideTheWindowForgetsIt() throws SQLException {
        execute("DELETE FROM points_summary WHERE bot_log_id = 2");

        assertEquals(0, windows());
    }

    @Test
    void deletingABatchInsideTheWindowForgetsIt() throws SQLException {
        execute("DELETE FROM points_summary WHERE bot_log_id = 2 AND node_id = 99");
        assertEquals(1, windows(), "a delete of nothing changes nothing");
        execute("DELETE FROM bot_logs WHERE id = 2");

        assertEquals(0, windows());
    }

    @Test
    void truncatingForgetsIt() throws SQLException {
        execute("TRUNCATE points_summary");

        assertEquals(0, windows());
    }

    private long windows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM scoreboard_window")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
