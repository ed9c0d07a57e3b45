package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.DatabaseTasks;
import picocli.CommandLine.Command;

@Command(name = "drop-database", mixinStandardHelpOptions = true,
        description = "Drop POSTGRES_DB with everything in it.")
final class DropDatabaseCommand extends DatabaseCommand {

    @Override
    boolean migratesEmbedded() {
        return false;
    }

    @Override
    int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception {
        boolean dropped = tasks.dropDatabase();
        out.println(dropped
                ? "Dropped database '" + settings.postgres().database() + "'"
                : "Database '" + settings.postgres().database() + "' does not exist; nothing dropped");
        return 0;
    }
}
