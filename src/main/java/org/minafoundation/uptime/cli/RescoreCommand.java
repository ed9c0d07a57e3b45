package org.minafoundation.uptime.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.batch.Rescore;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.store.BatchStore;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.CoordinatorLockLost;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.RescoreStore;
import org.minafoundation.uptime.store.SchemaMigration;
import org.minafoundation.uptime.submissions.PostgresSubmissionSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rescore", mixinStandardHelpOptions = true,
        description = {"Recompute points, shortlists and scores of processed batches from their stored, verified"
                + " submissions (Postgres `submissions`; Cassandra deployments copy theirs there), one transaction per"
                + " batch. Interrupted, the same command continues where it stopped.",
                "Refuses to run while a coordinator holds the database."})
final class RescoreCommand implements Callable<Integer> {

    @ParentCommand
    CoordinatorCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "First batch to rescore: the batches starting at or after this UTC time"
                    + " (\"YYYY-MM-DD HH:MM:SS\" or unix seconds).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Last batch: those ending at or before this UTC time (default: the newest batch, or"
                    + " the period of an interrupted rescore with the same --from)."
                    + " Batches after it keep the points they had, though they continued the old shortlists;"
                    + " the score history of those whose window reaches back into the period follows it.")
    String to;

    @Option(names = "--batches", paramLabel = "N", description = "Stop after N batches (run again to continue).")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        long fromEpoch = UtcTime.parse(spec.commandLine(), "--from", from).getEpochSecond();
        OptionalLong toOption = to == null ? OptionalLong.empty()
                : OptionalLong.of(UtcTime.parse(spec.commandLine(), "--to", to).getEpochSecond());
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--batches: '" + limit + "' must be at least 1");
        }
        Settings settings = parent.taskSettings();
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = Database.open(settings.postgres())) {
            if (settings.postgres().embedded()) {
                SchemaMigration.migrate(database.dataSource());
            }
            try (CoordinatorLock lock = new CoordinatorLock(database, settings.postgres(), Duration.ofSeconds(5))) {
                if (!lock.acquireIfFree()) {
                    spec.commandLine().getErr().println("A coordinator is processing batches on database "
                            + database.databaseName() + ": stop it before rescoring");
                    return 1;
                }
                int days = settings.batch().uptimeDaysForScore();
                RescoreStore store = new RescoreStore(database.dataSource(), parent.clock(), days, lock);
                // Without --to, an interrupted rescore of the same --from keeps its period: a
                // coordinator run meanwhile must not make "the same command" another period.
                Optional<RescoreStore.Unfinished> unfinished = store.unfinished().filter(u -> u.fromEpoch() == fromEpoch);
                long toEpoch = toOption.isPresent() ? toOption.getAsLong()
                        : unfinished.isPresent() ? unfinished.get().toEpoch() : store.newestBatchEnd().orElse(fromEpoch);
                if (toEpoch < fromEpoch) {
                    throw new ParameterException(spec.commandLine(), "--to: must not be before --from");
                }
                Rescore rescore = new Rescore(store, new BatchStore(database.dataSource(), parent.clock(), days, lock),
                        new PostgresSubmissionSource(database.dataSource()), new ScoringEngine(), out);
                Rescore.Outcome outcome;
                while (true) {
                    try {
                        outcome = rescore.run(fromEpoch, toEpoch, limit == null ? Integer.MAX_VALUE : limit);
                        break;
                    } catch (CoordinatorLockLost lost) {
                        // The batch in progress rolled back; what was done before it is marked done.
                        if (!lock.reacquireIfFree()) {
                            spec.commandLine().getErr().println("Rescore stopped: " + lost.getMessage() + ", and a"
                                    + " coordinator holds it now. Stop it and run the same command again to continue.");
                            return 1;
                        }
                        out.println("The coordinator lock was lost and is held again: continuing the rescore");
                    }
                }
                if (outcome.finished()) {
                    out.printf("Rescore done: %d batches in the period, %d rescored in this run%n",
                            outcome.batchesInPeriod(), outcome.rescored());
                }
                return 0;
            }
        }
    }
}
