package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.DatabaseTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "init-database", mixinStandardHelpOptions = true,
        description = "Write the initial bot_logs row: the first batch starts at its end epoch.")
final class InitDatabaseCommand extends DatabaseCommand {

    @Option(names = "--batch-end-epoch", paramLabel = "TIME",
            description = "Unix seconds, or \"YYYY-MM-DD HH:MM:SS\" in UTC (default: now).")
    String batchEndEpoch;

    @Option(names = "--mins-ago", paramLabel = "N", description = "Start N minutes before now.")
    Integer minutesAgo;

    @Option(names = "--override-empty", description = "Write the row even when bot_logs is not empty.")
    boolean overrideEmpty;

    private long epoch;

    @Override
    void validate(Settings settings) {
        if (batchEndEpoch != null && minutesAgo != null) {
            throw new ParameterException(spec.commandLine(), "give --batch-end-epoch or --mins-ago, not both");
        }
        if (minutesAgo != null && minutesAgo < 0) {
            throw new ParameterException(spec.commandLine(), "--mins-ago: '" + minutesAgo + "' must not be negative");
        }
        Instant now = parent.clock().instant();
        if (batchEndEpoch != null) {
            epoch = UtcTime.parse(spec.commandLine(), "--batch-end-epoch", batchEndEpoch).getEpochSecond();
        } else if (minutesAgo != null) {
            epoch = now.minus(Duration.ofMinutes(minutesAgo)).getEpochSecond();
        } else {
            epoch = now.getEpochSecond();
        }
    }

    @Override
    int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception {
        if (tasks.initDatabase(epoch, overrideEmpty)) {
            out.println("Row inserted into bot_logs: batch_end_epoch " + epoch + " (" + Instant.ofEpochSecond(epoch)
                    + "); the first batch starts there");
        } else {
            out.println("bot_logs is not empty: no row inserted (use --override-empty to insert anyway)");
        }
        return 0;
    }
}
