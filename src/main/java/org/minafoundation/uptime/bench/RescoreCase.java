package org.minafoundation.uptime.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.minafoundation.uptime.batch.Rescore;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.store.BatchStore;
import org.minafoundation.uptime.store.DatabaseTasks;
import org.minafoundation.uptime.store.RescoreStore;
import org.minafoundation.uptime.submissions.PostgresSubmissionSource;

/**
 * A first-time catch-up over a long period, then {@code rescore} of the whole period twice
 * over the same stored, verified submissions of the simulated network: once as they were
 * (nothing to rewrite: a rescore that confirms), once after one verdict in twenty changed
 * to invalid (points lost all over the period, so most of the score history changes).
 */
final class RescoreCase {

    private static final long SEED = 7;

    /** A re-run verifier rejecting one valid submission in twenty. */
    private static final String REJECT_ONE_IN_TWENTY = "UPDATE submissions SET validation_error = 'rejected on review'"
            + " WHERE verified AND coalesce(validation_error, '') = '' AND id % 20 = 0";

    private RescoreCase() {
    }

    static List<ResultTable.Row> run(int producers, int days, PrintWriter out) throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            out.printf(Locale.ROOT,
                    "rescore: %d producers, %d days: generating and verifying the submissions...%n", producers, days);
            out.flush();
            SimulatedNetwork network = new SimulatedNetwork(SEED, producers);
            long rows = SimulatedPeriod.fill(db.dataSource(), network, Duration.ofDays(days));
            new DatabaseTasks(db.database()).initDatabase(SimulatedPeriod.START.getEpochSecond(), false);
            int batches = days * 72;
            out.printf(Locale.ROOT,
                    "rescore: %,d submissions; first-time processing of %d batches...%n", rows, batches);
            out.flush();

            HeapPeak.reset();
            DirectPipeline pipeline = new DirectPipeline(db, 90);
            Timings firstTime = new Timings();
            for (int i = 0; i < batches; i++) {
                long started = System.nanoTime();
                pipeline.processNext();
                firstTime.add(System.nanoTime() - started);
            }
            long firstHeap = HeapPeak.megabytes();
            settle(db);

            out.printf(Locale.ROOT, "rescore: the whole period, nothing changed...%n");
            out.flush();
            RescoreRun unchanged = rescore(db, days, batches);
            out.printf(Locale.ROOT, "rescore: the whole period again, after 1 in 20 verdicts changed...%n");
            out.flush();
            try (Connection c = db.dataSource().getConnection(); Statement statement = c.createStatement()) {
                statement.executeUpdate(REJECT_ONE_IN_TWENTY);
            }
            settle(db);
            RescoreRun changed = rescore(db, days, batches);

            String size = String.format(Locale.ROOT,
                    "%,d producers × %d days (%,d submissions)", producers, days, rows);
            List<ResultTable.Row> result = new ArrayList<>();
            result.add(new ResultTable.Row("first-time catch-up", size, ResultTable.ms(firstTime.p50()),
                    ResultTable.ms(firstTime.max()), String.format(Locale.ROOT, "%.1f s in all, %.0f batches/s",
                            firstTime.total() / 1000, batches / (firstTime.total() / 1000)), firstHeap));
            result.add(unchanged.row("rescore, nothing changed", size, batches, rows));
            result.add(changed.row("rescore, 1 in 20 verdicts changed", size, batches, rows));
            return result;
        }
    }

    private record RescoreRun(double seconds, long heapMegabytes) {

        ResultTable.Row row(String name, String size, int batches, long rows) {
            // one timing for the whole period: a mean per batch, no p50 or max
            return new ResultTable.Row(name, size, "—", "—", String.format(Locale.ROOT,
                    "%s a batch on average, %.1f s in all, %.0f batches/s, %,.0f submissions/s",
                    ResultTable.ms(seconds * 1000 / batches), seconds, batches / seconds, rows / seconds),
                    heapMegabytes);
        }
    }

    /**
     * Vacuums and analyzes every table before a timed rescore, as autovacuum has by the time
     * an operator rescores a period: otherwise the vacuum that three million new points and
     * their history rows call for runs during the rescore, on the same two cores, and the
     * same rescore took from 26 s to 42 s from one run to the next.
     */
    private static void settle(ScratchDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement statement = c.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        }
    }

    private static RescoreRun rescore(ScratchDatabase db, int days, int batches) throws SQLException {
        HeapPeak.reset();
        RescoreStore store = new RescoreStore(db.dataSource(), Clock.systemUTC(), 90, db.lock());
        Rescore rescore = new Rescore(store, new BatchStore(db.dataSource(), Clock.systemUTC(), 90, db.lock()),
                new PostgresSubmissionSource(db.dataSource()), new ScoringEngine(), new PrintWriter(new StringWriter()));
        long started = System.nanoTime();
        Rescore.Outcome outcome = rescore.run(SimulatedPeriod.START.getEpochSecond(),
                SimulatedPeriod.START.plus(Duration.ofDays(days)).getEpochSecond(), Integer.MAX_VALUE);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (outcome.rescored() != batches) {
            throw new IllegalStateException("rescore did " + outcome.rescored() + " of " + batches + " batches");
        }
        return new RescoreRun(seconds, HeapPeak.megabytes());
    }
}
