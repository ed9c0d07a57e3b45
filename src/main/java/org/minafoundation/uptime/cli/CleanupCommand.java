package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import org.minafoundation.uptime.archive.CleanupArchive;
import org.minafoundation.uptime.archive.S3Access;
import org.minafoundation.uptime.archive.S3Uri;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.DatabaseTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Deletes old rows with cleanup_old_data, or, with {@code --archive}, archives them to S3
 * first and deletes them only once every object checked out.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Delete batches, points and submissions older than N days (cleanup_old_data) and print the counts.")
final class CleanupCommand extends DatabaseCommand {

    @Option(names = "--days", required = true, paramLabel = "N", description = "Keep the last N days.")
    int days;

    @Option(names = "--archive", paramLabel = "s3://BUCKET/PREFIX",
            description = "First write the rows to be deleted, table by table, as gzipped CSV to"
                    + " PREFIX/<UTC run time>/<table>.csv.gz, check each object, and only then delete them"
                    + " (one transaction: a failed upload deletes nothing).")
    String archive;

    private Optional<S3Uri> target = Optional.empty();

    @Override
    void validate(Settings settings) {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days: '" + days + "' must be at least 1");
        }
        if (archive != null) {
            try {
                target = Optional.of(S3Uri.parse(archive));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--archive: " + e.getMessage());
            }
        }
    }

    @Override
    int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception {
        if (target.isEmpty()) {
            Map<String, Long> deleted = tasks.cleanup(days);
            out.println("Deleted rows older than " + days + " days:");
            deleted.forEach((table, count) -> out.printf("  %-20s %d%n", table, count));
            return 0;
        }
        CleanupArchive.Result result = new CleanupArchive(tasks.database().dataSource(), S3Access.from(settings))
                .run(days, target.get(), parent.clock().instant());
        out.println("Archived to " + result.folder() + "/ and deleted rows older than " + days + " days:");
        result.tables().forEach(t -> out.printf("  %-20s %8d  %s%n", t.table(), t.rows(), t.object()));
        return 0;
    }
}
