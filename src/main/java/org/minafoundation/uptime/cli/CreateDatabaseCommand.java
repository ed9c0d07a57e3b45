package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.DatabaseTasks;
import picocli.CommandLine.Command;

@Command(name = "create-database", mixinStandardHelpOptions = true,
        description = "Create POSTGRES_DB if missing, then create or migrate every table, index, trigger and function.")
final class CreateDatabaseCommand extends DatabaseCommand {

    @Override
    int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception {
        boolean created = tasks.createDatabase();
        out.println((created ? "Created database '" : "Database '") + settings.postgres().database()
                + (created ? "'" : "' already exists") + "; schema is up to date");
        return 0;
    }
}
