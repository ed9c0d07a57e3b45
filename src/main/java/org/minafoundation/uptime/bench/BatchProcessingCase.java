package org.minafoundation.uptime.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.store.DatabaseTasks;
import org.minafoundation.uptime.store.ScoreboardWindow;

/**
 * Per-batch processing (load, score, commit with the scoreboard) at a given number of
 * submissions per batch, twice: while the score window is still filling (the first 90 days
 * of a new deployment: every batch changes every producer's percentage), then with a full
 * window (every day after that: a batch enters, one leaves, only changed scores are updated;
 * the history row of every producer is still written).
 *
 * <p>The coordinator is a long-running service: what it spends per batch is what a JVM that
 * has compiled its hot loops spends. Before the first measured batch, the pipeline processes
 * at least {@link #WARM_UP_SUBMISSIONS} submissions (whole batches, committed like any other),
 * as a coordinator has after a few hours (on a cold JVM, loading 3,900 submissions took
 * 20 ms instead of 8). {@code --quick} warms up with one batch.
 */
final class BatchProcessingCase {

    private static final long SEED = 42;
    private static final long BATCH_SECONDS = 1200;
    /** The full window is a day long so that it can be filled with a day of made-up batches. */
    private static final int FULL_WINDOW_DAYS = 1;
    /** Enough rows through the load, scoring and binding loops for the JIT to have compiled them. */
    static final int WARM_UP_SUBMISSIONS = 100_000;

    private BatchProcessingCase() {
    }

    static List<ResultTable.Row> run(int submissionsPerBatch, int batches, boolean warmJvm, PrintWriter out)
            throws Exception {
        int producers = SimulatedPeriod.producersFor(submissionsPerBatch, SEED);
        int warmUp = warmJvm ? warmUpBatches(submissionsPerBatch) : 1;
        int total = warmUp + batches + 1 + batches;
        out.printf(Locale.ROOT, "batch processing: %d producers, %d batches: generating...%n", producers, total);
        out.flush();
        try (ScratchDatabase db = new ScratchDatabase()) {
            SimulatedNetwork network = new SimulatedNetwork(SEED, producers);
            long rows = SimulatedPeriod.fill(db.dataSource(), network, Duration.ofMinutes(20L * total));
            long start = SimulatedPeriod.START.getEpochSecond();
            new DatabaseTasks(db.database()).initDatabase(start, false);
            ResultTable.Row filling = measure(new DirectPipeline(db, 90), warmUp, batches, producers, rows,
                    "per-batch processing, window filling");
            fillWindowBefore(db.dataSource(), start);
            // The JVM is warm by now: one batch to recount the shorter window.
            ResultTable.Row full = measure(new DirectPipeline(db, FULL_WINDOW_DAYS), 1, batches, producers,
                    rows, "per-batch processing, window full");
            return List.of(filling, full);
        }
    }

    /** Whole batches of about {@code submissionsPerBatch} that add up to {@link #WARM_UP_SUBMISSIONS}. */
    static int warmUpBatches(int submissionsPerBatch) {
        return Math.max(1, (WARM_UP_SUBMISSIONS + submissionsPerBatch - 1) / submissionsPerBatch);
    }

    private static ResultTable.Row measure(DirectPipeline pipeline, int warmUp, int batches, int producers, long rows,
            String name) throws SQLException {
        for (int i = 0; i < warmUp; i++) {
            pipeline.processNext(); // class loading, JIT, the first shortlist or a recount
        }
        HeapPeak.reset();
        Timings timings = new Timings();
        long loaded = 0;
        for (int i = 0; i < batches; i++) {
            long started = System.nanoTime();
            loaded += pipeline.processNext();
            timings.add(System.nanoTime() - started);
        }
        long perBatch = loaded / batches;
        return new ResultTable.Row(name, String.format(Locale.ROOT,
                "%,d producers, %,d submissions/batch", producers, perBatch),
                ResultTable.ms(timings.p50()), ResultTable.ms(timings.max()),
                String.format(Locale.ROOT,
                        "%.1f µs per submission (%,d rows in the table)", timings.p50() * 1000 / perBatch, rows),
                HeapPeak.megabytes());
    }

    /**
     * A day of made-up batches before the first real one, nine in ten producers scoring in
     * each, so that the window of the batches measured next is full; the remembered window
     * is forgotten, so the warm-up batch recounts it.
     */
    private static void fillWindowBefore(DataSource ds, long start) throws SQLException {
        long from = ScoreboardWindow.startEpoch(start, FULL_WINDOW_DAYS);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch)"
                    + " SELECT 100, e, e + " + BATCH_SECONDS + " FROM generate_series(" + from + "::bigint, "
                    + (start - BATCH_SECONDS) + ", " + BATCH_SECONDS + ") e");
            s.execute("INSERT INTO points_summary (bot_log_id, node_id) SELECT b.id, n.id FROM bot_logs b CROSS JOIN nodes n"
                    + " WHERE b.batch_end_epoch <= " + start + " AND b.files_processed = 100"
                    + " AND (b.id::bigint * 7919 + n.id::bigint * 104729) % 10 <> 0");
            s.execute("DELETE FROM scoreboard_window");
            // Statistics for the bulk-loaded rows only. Analyzed at this size (a hundred rows),
            // bot_logs would turn the foreign-key checks of every point into sequential scans
            // (+100 ms a batch at 4,000 submissions), which a deployment with a full window
            // (6,480 batches or more) never sees.
            s.execute("ANALYZE points_summary");
        }
    }
}
