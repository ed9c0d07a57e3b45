package org.minafoundation.uptime.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.app.CoordinatorApplication;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.DatabaseTasks;
import org.minafoundation.uptime.store.RescoreStore;
import org.minafoundation.uptime.store.SchemaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the coordinator: process batches one after the other, forever or up to --until.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

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
                    LOG.info("Fresh database: the first batch starts now");
                }
            } else if (!readyToRun(database)) {
                return CoordinatorCli.USAGE;
            }
            // The batch loop takes the lock before its first batch, waiting (with health and
            // metrics up, liveness kept) as long as another coordinator or a rescore holds it.
            try (CoordinatorLock lock = new CoordinatorLock(database, settings.postgres(), Duration.ofSeconds(5))) {
                lock.afterAcquired(() -> warnAboutUnfinishedRescore(database, settings, lock));
                return new CoordinatorApplication(settings, database, parent.clock(), lock).run(end);
            }
        }
    }

    /**
     * An external database must say where the first batch starts: without a {@code bot_logs}
     * row every batch would fail, so say at once what to run instead of failing them all. A
     * database that does not answer is waited for by the batch loop, as during a run.
     */
    private boolean readyToRun(Database database) {
        DatabaseTasks.StartingPoint point;
        try {
            point = new DatabaseTasks(database).startingPoint();
        } catch (SQLException e) {
            return true;
        }
        String where = database.describe();
        switch (point) {
            case NO_SCHEMA -> spec.commandLine().getErr().println("bot_logs does not exist in " + where
                    + ": run create-database, then init-database to choose where the first batch starts");
            case NONE -> spec.commandLine().getErr().println("bot_logs is empty in " + where
                    + ": run init-database to choose where the first batch starts");
            case PRESENT -> {
                return true;
            }
        }
        return false;
    }

    /** The batches after an interrupted rescore still carry the old rules' points: say so whenever the lock is taken. */
    private void warnAboutUnfinishedRescore(Database database, Settings settings, CoordinatorLock lock) {
        try {
            unfinishedRescore(database, settings, lock);
        } catch (SQLException e) {
            LOG.warn("Could not check for an unfinished rescore: {}", e.getMessage());
        }
    }

    private void unfinishedRescore(Database database, Settings settings, CoordinatorLock lock) throws SQLException {
        new RescoreStore(database.dataSource(), parent.clock(), settings.batch().uptimeDaysForScore(), lock).unfinished()
                .ifPresent(rescore -> LOG.warn("An interrupted rescore of [{}, {}] stopped after the batch ending {}:"
                        + " the batches after it keep their old points and shortlists. Stop the coordinator and run"
                        + " rescore --from {} --to {} to finish it.",
                        Instant.ofEpochSecond(rescore.fromEpoch()), Instant.ofEpochSecond(rescore.toEpoch()),
                        Instant.ofEpochSecond(rescore.doneEndEpoch()), rescore.fromEpoch(), rescore.toEpoch()));
    }
}
