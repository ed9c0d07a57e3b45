package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.DatabaseTasks;
import org.minafoundation.uptime.store.SchemaMigration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A database task: reads the settings, opens the configured database (the embedded one,
 * migrated, when POSTGRES_HOST is unset) and runs.
 */
abstract class DatabaseCommand implements Callable<Integer> {

    @ParentCommand
    CoordinatorCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        Settings settings = parent.taskSettings();
        validate(settings);
        try (Database database = Database.open(settings.postgres())) {
            if (settings.postgres().embedded() && migratesEmbedded()) {
                SchemaMigration.migrate(database.dataSource());
            }
            return run(settings, new DatabaseTasks(database), spec.commandLine().getOut());
        }
    }

    /** Checks options and settings before anything is opened; throw to refuse. */
    void validate(Settings settings) {
    }

    boolean migratesEmbedded() {
        return true;
    }

    abstract int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception;
}
