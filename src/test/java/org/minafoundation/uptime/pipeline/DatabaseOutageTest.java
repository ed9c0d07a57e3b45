package org.minafoundation.uptime.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.ConsoleWatch;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.ManagementPort;
import org.minafoundation.uptime.support.SubmissionsCsv;

/**
 * PostgreSQL stops in the middle of a run and comes back on the same data: the coordinator
 * tries again and again without using up RETRY_COUNT (here 0, so any counted failure would
 * end it), is unready meanwhile, and finishes with the same database as an uninterrupted run.
 */
class DatabaseOutageTest {

    /** BatchAttempts' line for a batch that found the database down (not counted). */
    private static final String UNREACHABLE = "the database is unreachable: trying again in";
    /** CoordinatorLock's line for each attempt at its lock that finds no database. */
    private static final String RETAKING_THE_LOCK = "Cannot take the coordinator lock";

    @TempDir
    Path folder;

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void theCoordinatorWaitsForTheDatabaseAndGoesOn() throws Exception {
        GoldenRun reference = GoldenRun.prepare("midnight-40");
        assertEquals(0, reference.runUntil(reference.lastEnd()).exitCode());

        ManagementPort managementPort = ManagementPort.free();
        Path data = folder.resolve("pg");
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int port = server.getPort();
        Map<String, String> env = new HashMap<>(Map.of("POSTGRES_HOST", "localhost", "POSTGRES_PORT", String.valueOf(port),
                "POSTGRES_DB", "postgres", "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "postgres",
                "VERIFIER_MODE", "none", "RETRY_COUNT", "0", "MANAGEMENT_PORT", managementPort.setting(),
                "SCORES_PORT", "0"));
        try {
            assertEquals(0, Cli.run(env, "create-database").exitCode());
            SubmissionsCsv.load(server.getPostgresDatabase(), GoldenRun.submissions("midnight-40"));
            assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;"
                        + " CREATE TRIGGER slow_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION slow_batch()");
            }
            try (ConsoleWatch console = ConsoleWatch.start()) {
                CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                        () -> Cli.run(env, "run", "--until", String.valueOf(reference.lastEnd())));
                EmbeddedPostgres running = server;
                await().atMost(Duration.ofSeconds(90)).until(() -> batches(running.getPostgresDatabase()) >= 2);
                int beforeOutage = batches(running.getPostgresDatabase());
                int outage = console.mark();

                server.close();
                // the outage: the batch under way fails, not counted, and the coordinator tries
                // again and again to take its lock back before the next batch
                await().atMost(Duration.ofSeconds(90)).until(() -> run.isDone()
                        || console.since(outage).contains(UNREACHABLE)
                                && occurrences(console.since(outage), RETAKING_THE_LOCK) >= 2);
                assertFalse(run.isDone(), () -> "the coordinator gave up during the outage: " + run.join().out());
                await().atMost(Duration.ofSeconds(60)).until(() -> managementPort.readiness() == 503);
                assertFalse(run.isDone(), "still waiting: no attempt was counted as failed");
                assertTrue(beforeOutage < reference.batchEnds().size(), "the outage came in the middle of the run");
                server = start(data, port);

                Cli.Result result = run.get(3, TimeUnit.MINUTES);
                assertEquals(0, result.exitCode(), result.out());
                assertEquals(DatabaseSnapshot.of(reference.database()),
                        DatabaseSnapshot.of(server.getPostgresDatabase()));
            }
        } finally {
            server.close();
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static int batches(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM bot_logs WHERE files_processed > -1")) {
            r.next();
            return r.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
