package org.minafoundation.uptime.cli;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.demo.Demo;
import org.minafoundation.uptime.demo.DemoParameters;
import org.minafoundation.uptime.operations.ManagementPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Shows the coordinator at work on a simulated network; reads no setting of the operator's. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole coordinator on a simulated network in a throw-away embedded database,"
                + " then print a leaderboard and write an HTML report. Ignores .env and the environment.")
final class DemoCommand implements Callable<Integer> {

    private static final int MAX_PRODUCERS = 100_000;
    private static final int MAX_HOURS = 24 * 90;

    @Spec
    CommandSpec spec;

    @Option(names = "--producers", paramLabel = "N", defaultValue = "200",
            description = "Block producers in the network (default: ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--hours", paramLabel = "H", defaultValue = "24",
            description = "Hours to simulate, in 20-minute batches (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the network: the same seed gives the same scores (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "PATH", defaultValue = "demo-report.html",
            description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--serve", paramLabel = "PORT", arity = "0..1", fallbackValue = "8081",
            description = "After the demo, keep its database and serve its scores (leaderboard, producer pages, API)"
                    + " on PORT (default 8081) until Ctrl-C.")
    Integer serve;

    @Override
    public Integer call() throws Exception {
        if (producers < 1 || producers > MAX_PRODUCERS) {
            throw new ParameterException(spec.commandLine(),
                    "--producers: '" + producers + "' must be between 1 and " + MAX_PRODUCERS);
        }
        if (hours < 1 || hours > MAX_HOURS) {
            throw new ParameterException(spec.commandLine(), "--hours: '" + hours + "' must be between 1 and " + MAX_HOURS);
        }
        if (serve != null && (serve < 1 || serve > 65_535)) {
            throw new ParameterException(spec.commandLine(), "--serve: '" + serve + "' is not a port");
        }
        if (serve != null) {
            ManagementPort.ensureFree("--serve", serve, "");
        }
        new Demo(new DemoParameters(producers, hours, seed), spec.commandLine().getOut())
                .run(report, serve == null ? OptionalInt.empty() : OptionalInt.of(serve));
        return 0;
    }
}
