package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.DatabaseTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Delete batches, points and submissions older than N days (cleanup_old_data) and print the counts.")
final class CleanupCommand extends DatabaseCommand {

    @Option(names = "--days", required = true, paramLabel = "N", description = "Keep the last N days.")
    int days;

    @Override
    void validate(Settings settings) {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days: '" + days + "' must be at least 1");
        }
    }

    @Override
    int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception {
        Map<String, Long> deleted = tasks.cleanup(days);
        out.println("Deleted rows older than " + days + " days:");
        deleted.forEach((table, count) -> out.printf("  %-20s %d%n", table, count));
        return 0;
    }
}
