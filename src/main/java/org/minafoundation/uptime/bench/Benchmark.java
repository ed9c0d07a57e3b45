package org.minafoundation.uptime.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;

/**
 * Measures what the performance targets are about, on data from the simulated
 * network, and prints one table. {@code quick} shrinks every case (to check the command
 * itself, not the machine).
 */
public final class Benchmark {

    /** The cases, each runnable alone. */
    public enum Case { BATCH, SCOREBOARD, RESCORE, SCORES }

    private Benchmark() {
    }

    public static void run(Set<Case> cases, boolean quick, PrintWriter out) throws Exception {
        ResultTable table = new ResultTable();
        if (cases.contains(Case.BATCH)) {
            int[] sizes = quick ? new int[] {200, 1_000} : new int[] {200, 4_000, 20_000, 100_000};
            for (int size : sizes) {
                BatchProcessingCase.run(size, quick ? 3 : 8, !quick, out).forEach(table::add);
            }
        }
        if (cases.contains(Case.SCOREBOARD)) {
            int[] days = quick ? new int[] {1, 3} : new int[] {1, 30, 90};
            ScoreboardCase.run(quick ? 200 : 5_000, days, quick ? 3 : 10, out).forEach(table::add);
        }
        if (cases.contains(Case.RESCORE)) {
            RescoreCase.run(quick ? 50 : 1_000, quick ? 1 : 30, out).forEach(table::add);
        }
        if (cases.contains(Case.SCORES)) {
            // the sizes: 5,000 producers x 30 days, 50 clients for 60 s
            ScoresCase.run(quick ? 100 : 5_000, quick ? 1 : 30, quick ? 8 : 50, quick ? 5 : 60, out).forEach(table::add);
        }
        out.printf(Locale.ROOT, "%nJava %s, %d cores, max heap %d MB%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        table.print(out);
    }
}
