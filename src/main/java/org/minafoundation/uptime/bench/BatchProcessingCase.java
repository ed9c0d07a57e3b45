package org.minafoundation.uptime.bench;

import java.io.PrintWriter;
import java.time.Duration;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.store.DatabaseTasks;

/** Per-batch processing (load, score, commit with the scoreboard) at a given number of submissions per batch. */
final class BatchProcessingCase {

    private static final long SEED = 42;

    private BatchProcessingCase() {
    }

    static ResultTable.Row run(int submissionsPerBatch, int batches, PrintWriter out) throws Exception {
        int producers = SimulatedPeriod.producersFor(submissionsPerBatch, SEED);
        out.printf("batch processing: %d producers, %d batches: generating...%n", producers, batches + 1);
        out.flush();
        try (ScratchDatabase db = new ScratchDatabase()) {
            SimulatedNetwork network = new SimulatedNetwork(SEED, producers);
            long rows = SimulatedPeriod.fill(db.dataSource(), network, Duration.ofMinutes(20L * (batches + 1)));
            new DatabaseTasks(db.database()).initDatabase(SimulatedPeriod.START.getEpochSecond(), false);
            DirectPipeline pipeline = new DirectPipeline(db.dataSource(), 90);
            pipeline.processNext(); // warm-up: class loading, JIT, the first shortlist
            HeapPeak.reset();
            Timings timings = new Timings();
            long loaded = 0;
            for (int i = 0; i < batches; i++) {
                long started = System.nanoTime();
                loaded += pipeline.processNext();
                timings.add(System.nanoTime() - started);
            }
            long perBatch = loaded / batches;
            return new ResultTable.Row("per-batch processing", String.format("%,d producers, %,d submissions/batch",
                    producers, perBatch), ResultTable.ms(timings.p50()), ResultTable.ms(timings.max()),
                    String.format("%.1f µs per submission (%,d rows in the table)", timings.p50() * 1000 / perBatch, rows),
                    HeapPeak.megabytes());
        }
    }
}
