package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A scoreboard update rewrites each producer's row on its own page (a HOT update: no new
 * index entries, nothing for vacuum to chase), so nodes does not grow by a row per
 * producer per batch when batches run back to back.
 */
class NodesHotUpdateTest {

    private static final int PRODUCERS = 300;
    private static final long START = 1_700_000_000L;

    @Test
    void scoreUpdatesStayOnTheirPage() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // Keys as long as real ones (55 characters), so rows fill pages as in production;
            // producers that scored before, so that a new score is no longer than the old one.
            s.execute("INSERT INTO nodes (block_producer_key, updated_at, score, score_percent)"
                    + " SELECT 'B62q' || lpad(i::text, 51, 'x'), now(), 1, 12.34"
                    + " FROM generate_series(1, " + PRODUCERS + ") i");
            s.execute("INSERT INTO bot_logs (id, files_processed, batch_start_epoch, batch_end_epoch)"
                    + " VALUES (1, 5, " + START + ", " + (START + 1200) + ")");
            s.execute("INSERT INTO points_summary (bot_log_id, node_id) SELECT 1, id FROM nodes");

            c.setAutoCommit(false);
            Scoreboard.update(c, START, START + 1200, 90);
            // This transaction's own counters: exact and immediate, unlike the statistics views.
            try (ResultSet r = s.executeQuery("SELECT pg_stat_get_xact_tuples_updated('nodes'::regclass),"
                    + " pg_stat_get_xact_tuples_hot_updated('nodes'::regclass)")) {
                r.next();
                assertEquals(PRODUCERS, r.getLong(1), "every producer's score was written");
                assertEquals(PRODUCERS, r.getLong(2), "updates that kept the row on its page");
            }
            c.commit();
        }
    }
}
