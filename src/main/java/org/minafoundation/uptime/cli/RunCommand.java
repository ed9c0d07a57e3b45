package org.minafoundation.uptime.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.camel.CoordinatorApplication;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.DatabaseTasks;
import org.minafoundation.uptime.store.SchemaMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the coordinator: process batches one after the other, forever or up to --until.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    CoordinatorCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Process every batch ending at or before this UTC time (\"YYYY-MM-DD HH:MM:SS\" or unix seconds), then exit.")
    String until;

    @Override
    public Integer call() throws Exception {
        Optional<Instant> end = until == null ? Optional.empty() : Optional.of(UtcTime.parse(spec.commandLine(), "--until", until));
        Settings settings = parent.settings();
        try (Database database = Database.open(settings.postgres())) {
            if (settings.postgres().embedded()) {
                // The embedded default needs no set-up: schema and starting point come by themselves.
                SchemaMigration.migrate(database.dataSource());
                if (new DatabaseTasks(database).initDatabase(parent.clock().instant().getEpochSecond(), false)) {
                    System.out.println("Fresh database: the first batch starts now");
                }
            }
            try (CoordinatorLock lock = new CoordinatorLock(database, settings.postgres(), Duration.ofSeconds(5))) {
                lock.acquire();
                return new CoordinatorApplication(settings, database, parent.clock(), lock).run(end);
            }
        }
    }
}
