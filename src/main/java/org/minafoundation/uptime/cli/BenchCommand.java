package org.minafoundation.uptime.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure per-batch processing, the scoreboard update and rescore on simulated data, each in"
                + " its own temporary embedded PostgreSQL, and print a table. The full run takes about 25 minutes"
                + " (--case runs one case); run it with -Xmx256m to check the memory bound."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--case", split = ",", paramLabel = "CASE",
            description = "Cases to run: ${COMPLETION-CANDIDATES} (default: all).")
    List<Benchmark.Case> cases;

    @Option(names = "--quick", description = "Tiny sizes: checks that the benchmark runs, measures nothing useful.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        EnumSet<Benchmark.Case> chosen = cases == null || cases.isEmpty()
                ? EnumSet.allOf(Benchmark.Case.class) : EnumSet.copyOf(cases);
        Benchmark.run(chosen, quick, spec.commandLine().getOut());
        return 0;
    }
}
