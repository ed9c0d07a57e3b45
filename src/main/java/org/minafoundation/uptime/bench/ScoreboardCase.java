package org.minafoundation.uptime.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.minafoundation.uptime.store.Scoreboard;
import org.minafoundation.uptime.store.ScoreboardWindow;

/**
 * The scoreboard update after a batch, with 1, 30 and 90 days of history in the 90-day
 * window: the history is written straight into bot_logs and points_summary (nine in ten
 * producers score in each batch), growing backwards, then new batches are appended and
 * only the update is timed. The first update after history was added recounts the window
 * (shown as "full recount"); the following ones add and subtract batches.
 */
final class ScoreboardCase {

    private static final int UPTIME_DAYS = 90;
    private static final long BATCH = 1200;
    private static final long NEWEST = 1_720_000_800L;

    private ScoreboardCase() {
    }

    static List<ResultTable.Row> run(int producers, int[] historyDays, int updates, PrintWriter out) throws Exception {
        List<ResultTable.Row> rows = new ArrayList<>();
        try (ScratchDatabase db = new ScratchDatabase()) {
            DataSource ds = db.dataSource();
            execute(ds, "INSERT INTO nodes (block_producer_key) SELECT 'B62bench' || i FROM generate_series(1, " + producers + ") i");
            long oldest = NEWEST;
            long newest = NEWEST;
            for (int days : historyDays) {
                long from = ScoreboardWindow.startEpoch(NEWEST, days);
                out.printf(Locale.ROOT,
                        "scoreboard: %d producers, writing history back to %d days...%n", producers, days);
                out.flush();
                addHistory(ds, from, oldest);
                oldest = from;
                HeapPeak.reset();
                long recount = appendAndUpdate(ds, newest);
                newest += BATCH;
                Timings timings = new Timings();
                for (int i = 0; i < updates; i++) {
                    timings.add(appendAndUpdate(ds, newest));
                    newest += BATCH;
                }
                String size = String.format(Locale.ROOT,
                        "%,d producers, %d day%s of history", producers, days, days == 1 ? "" : "s");
                rows.add(new ResultTable.Row("scoreboard update", size, ResultTable.ms(timings.p50()), ResultTable.ms(timings.max()),
                        "full recount (first update after the history grew): " + ResultTable.ms(recount / 1e6),
                        HeapPeak.megabytes()));
            }
        }
        return rows;
    }

    /** Batches [from, to) with their points, bulk-loaded (the unique index is rebuilt after). */
    private static void addHistory(DataSource ds, long from, long to) throws SQLException {
        execute(ds, "DROP INDEX uq_ps_bot_log_node");
        execute(ds, "INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch)"
                + " SELECT 100, s, s + " + BATCH + " FROM generate_series(" + from + "::bigint, " + (to - BATCH) + ", " + BATCH + ") s");
        execute(ds, "INSERT INTO points_summary (bot_log_id, node_id) SELECT b.id, n.id FROM bot_logs b CROSS JOIN nodes n"
                + " WHERE b.batch_start_epoch >= " + from + " AND b.batch_start_epoch < " + to
                + " AND (b.id * 7919 + n.id * 104729) % 10 <> 0");
        execute(ds, "CREATE UNIQUE INDEX uq_ps_bot_log_node ON points_summary USING btree (bot_log_id, node_id)");
        execute(ds, "ANALYZE");
        // The history grew behind the remembered window: the next update must recount.
        execute(ds, "DELETE FROM scoreboard_window");
    }

    /** Appends the batch starting at {@code start} with its points, then times the scoreboard update alone. */
    private static long appendAndUpdate(DataSource ds, long start) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "WITH b AS (INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch)"
                            + " VALUES (100, ?, ?) RETURNING id)"
                            + " INSERT INTO points_summary (bot_log_id, node_id) SELECT b.id, n.id FROM b CROSS JOIN nodes n"
                            + " WHERE (b.id * 7919 + n.id * 104729) % 10 <> 0")) {
                p.setLong(1, start);
                p.setLong(2, start + BATCH);
                p.executeUpdate();
            }
            long started = System.nanoTime();
            Scoreboard.update(c, start, start + BATCH, UPTIME_DAYS);
            c.commit();
            return System.nanoTime() - started;
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
