package org.minafoundation.uptime.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.minafoundation.uptime.app.CoordinatorApplication;
import org.minafoundation.uptime.app.ScoresService;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.sim.SubmissionWriter;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.DatabaseTasks;
import org.minafoundation.uptime.store.Durability;
import org.minafoundation.uptime.store.SchemaMigration;
import org.minafoundation.uptime.store.TemporaryDirectory;

/**
 * The whole coordinator on a simulated network, start to finish: a throw-away embedded
 * database, the network's submissions, every batch through the real pipeline (the simulated
 * verifier in place of the real one), then the leaderboard on the terminal and the HTML report.
 */
public final class Demo {

    private static final int LEADERBOARD_ROWS = 10;

    private final DemoParameters parameters;
    private final PrintWriter out;

    public Demo(DemoParameters parameters, PrintWriter out) {
        this.parameters = parameters;
        this.out = out;
    }

    public void run(Path report) throws Exception {
        run(report, OptionalInt.empty());
    }

    /**
     * With {@code servePort}, after the report the demo keeps its database and serves its
     * scores (leaderboard, producer pages, API) on that port until Ctrl-C.
     */
    public void run(Path report, OptionalInt servePort) throws Exception {
        SimulatedNetwork network = new SimulatedNetwork(parameters.seed(), parameters.producers());
        // Never the operator's ./data: a fresh folder, deleted afterwards (after the database stopped).
        try (TemporaryDirectory directory = new TemporaryDirectory("uptime-demo");
                QuietLogs quiet = QuietLogs.start()) {
            Path dataDirectory = directory.path().resolve("postgres");
            Settings settings = DemoSettings.of(dataDirectory, parameters.seed());
            try (Database database = Database.open(settings.postgres(), Durability.THROWAWAY);
                    StoppedOnExit stopped = new StoppedOnExit(database, directory, dataDirectory)) {
                DataSource dataSource = database.dataSource();
                SchemaMigration.migrate(dataSource);
                new DatabaseTasks(database).initDatabase(parameters.start().getEpochSecond(), false);
                long rows = SubmissionWriter.write(dataSource, network, parameters.start(), parameters.end());
                out.printf(Locale.ROOT, "Simulated %d producers for %d hours (seed %d): %d submissions; scoring %d batches%n",
                        parameters.producers(), parameters.hours(), parameters.seed(), rows, parameters.batches());
                out.flush();
                runCoordinator(settings, database);
                Leaderboard board = Leaderboard.read(dataSource, network.producers());
                ProfileHistory history = ProfileHistory.read(dataSource, network.producers());
                printAndReport(report, board, history);
                if (servePort.isPresent()) {
                    out.printf(Locale.ROOT, "Serving the demo's scores at http://localhost:%d/ until Ctrl-C%n",
                            servePort.getAsInt());
                    out.flush();
                    new ScoresService(settings, database).run(servePort.getAsInt());
                }
            }
        }
    }

    private void printAndReport(Path report, Leaderboard board, ProfileHistory history) throws IOException {
        out.print(LeaderboardTable.text(board, LEADERBOARD_ROWS));
        DemoReport.write(report, parameters, board, UptimeChart.png(history));
        out.println();
        out.println("Report: " + report);
        out.flush();
    }

    /**
     * Ctrl-C (or SIGTERM) ends the JVM before the try blocks above finish: a shutdown hook
     * stops the database and deletes the folder then, so neither is left behind. Removed
     * when the demo ends normally and the blocks do it.
     */
    private static final class StoppedOnExit implements AutoCloseable {

        private static final Duration SERVER_STOP = Duration.ofSeconds(30);

        private final Thread hook;

        StoppedOnExit(Database database, TemporaryDirectory directory, Path dataDirectory) {
            hook = new Thread(() -> {
                database.close();
                // Another hook (the embedded server's own) may be stopping it still: the server
                // removes postmaster.pid last, and deleting earlier races its last writes.
                long deadline = System.nanoTime() + SERVER_STOP.toNanos();
                while (Files.exists(dataDirectory.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                directory.close();
            }, "demo-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran, anyway
            }
        }
    }

    private void runCoordinator(Settings settings, Database database) throws Exception {
        // A clock past the last batch's end and grace period: every batch is due, none is waited for.
        Clock afterTheEnd = Clock.fixed(parameters.end().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        int exitCode;
        try (CoordinatorLock lock = new CoordinatorLock(database, settings.postgres(), Duration.ofSeconds(5))) {
            lock.acquire();
            exitCode = new CoordinatorApplication(settings, database, afterTheEnd, lock)
                    .withBean("demoProgress", new DemoProgress(out, parameters.batches()))
                    .run(Optional.of(parameters.end()));
        }
        if (exitCode != 0) {
            throw new IllegalStateException("the coordinator stopped with exit code " + exitCode + " (see the log above)");
        }
    }
}
