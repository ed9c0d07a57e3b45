package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import org.minafoundation.uptime.config.SettingException;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.DatabaseTasks;
import picocli.CommandLine.Command;

@Command(name = "create-ro-user", mixinStandardHelpOptions = true,
        description = "Create POSTGRES_RO_USER (password POSTGRES_RO_PASSWORD) with read access to every table, now and later.")
final class CreateReadOnlyUserCommand extends DatabaseCommand {

    @Override
    void validate(Settings settings) {
        if (settings.postgres().readOnlyUser().isEmpty()) {
            throw new SettingException("POSTGRES_RO_USER", "is required by create-ro-user");
        }
        if (!settings.postgres().readOnlyPassword().isSet()) {
            throw new SettingException("POSTGRES_RO_PASSWORD", "is required by create-ro-user");
        }
    }

    @Override
    int run(Settings settings, DatabaseTasks tasks, PrintWriter out) throws Exception {
        String user = settings.postgres().readOnlyUser().get();
        boolean created = tasks.createReadOnlyUser(user, settings.postgres().readOnlyPassword().reveal());
        out.println((created ? "Created user " : "User already exists: ") + user + "; it can read every table");
        return 0;
    }
}
