package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.app.ScoresWiring;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.scores.BatchVerdict;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.store.ScoresQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Say, batch by batch, why a producer got a point or not (the scores service's reasons, as a table).")
final class ExplainCommand implements Callable<Integer> {

    private static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    private static final Duration MAX_PERIOD = Duration.ofDays(7);

    @ParentCommand
    CoordinatorCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--producer", paramLabel = "KEY", required = true, description = "The producer's public key.")
    String producer;

    @Option(names = "--from", paramLabel = "TIME",
            description = "First batch start, UTC (\"YYYY-MM-DD HH:MM:SS\" or unix seconds; default: 24 hours before --to).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "End of the period, UTC (default: the newest batch's end); at most 7 days after --from.")
    String to;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.taskSettings();
        try (Database database = Database.open(settings.postgres())) {
            var dataSource = database.readOnlyDataSource();
            ScoresQueries scores = new ScoresQueries(dataSource, settings.batch().uptimeDaysForScore(),
                    settings.applicationStatus().ignore());
            Instant newest = scores.newestBatch().map(b -> Instant.ofEpochSecond(b.endEpoch())).orElse(parent.clock().instant());
            Instant end = to == null ? newest : UtcTime.parse(spec.commandLine(), "--to", to);
            Instant start = from == null ? end.minus(DEFAULT_PERIOD) : UtcTime.parse(spec.commandLine(), "--from", from);
            if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
                throw new ParameterException(spec.commandLine(), "--from " + start + " to --to " + end
                        + ": the period must be positive and at most 7 days");
            }
            if (scores.producer(producer).isEmpty()) {
                spec.commandLine().getErr().println("No producer " + producer + " is known: no score and no submission");
                return 1;
            }
            ProducerBatches batches = new ProducerBatches(dataSource);
            List<BatchVerdict> verdicts = ScoresWiring.explainer(batches, dataSource).explain(producer, start, end);
            print(spec.commandLine().getOut(), start, end, verdicts);
            return 0;
        }
    }

    private void print(PrintWriter out, Instant start, Instant end, List<BatchVerdict> verdicts) {
        long points = verdicts.stream().filter(BatchVerdict::point).count();
        out.printf(Locale.ROOT, "%s: %d point(s) in %d batch(es) from %s to %s%n", producer, points, verdicts.size(),
                start, end);
        out.printf(Locale.ROOT, "%-20s  %-5s  %-18s  %s%n", "batch end (UTC)", "point", "reason", "detail");
        for (BatchVerdict verdict : verdicts) {
            out.printf(Locale.ROOT, "%-20s  %-5s  %-18s  %s%n", verdict.end(), verdict.point() ? "yes" : "no",
                    verdict.reason(), verdict.detail());
        }
        out.flush();
    }
}
