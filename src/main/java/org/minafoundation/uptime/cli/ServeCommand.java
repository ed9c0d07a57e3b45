package org.minafoundation.uptime.cli;

import java.util.concurrent.Callable;
import org.minafoundation.uptime.app.ScoresService;
import org.minafoundation.uptime.config.ScoresSettings;
import org.minafoundation.uptime.config.SettingException;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.SchemaMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the scores alone (leaderboard, producer pages, JSON API, /uptimescore) on SCORES_PORT,"
                + " reading the database as POSTGRES_RO_USER when set; no batch loop.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    CoordinatorCli parent;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.taskSettings();
        if (!settings.scores().served()) {
            throw new SettingException("SCORES_PORT", "0 serves nothing: serve needs a port (default "
                    + ScoresSettings.DEFAULT_PORT + ")");
        }
        try (Database database = Database.open(settings.postgres())) {
            if (settings.postgres().embedded()) {
                // the embedded default is ours: give a fresh one its schema, as run does
                SchemaMigration.migrate(database.dataSource());
            }
            return new ScoresService(settings, database).run(settings.scores().port());
        }
    }
}
