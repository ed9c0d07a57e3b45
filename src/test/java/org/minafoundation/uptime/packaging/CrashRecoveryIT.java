package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The coordinator process is killed (SIGKILL) at up to 30 random instants across a run —
 * during dispatch, scoring and inside the batch's commit, which a trigger slows down —
 * and restarted each time. The final database equals an uninterrupted run: no point lost,
 * none counted twice.
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    private static final int KILLS = 30;

    @TempDir
    Path folder;

    @Test
    void killedThirtyTimesTheResultIsUnchanged() throws Exception {
        GoldenRun reference = GoldenRun.prepare("steady-50");
        assertEquals(0, reference.runUntil(reference.lastEnd()).exitCode());

        GoldenRun run = GoldenRun.prepare("steady-50");
        TestPostgres.execute(run.database(), """
                CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(0.4); RETURN NULL; END $$;
                CREATE TRIGGER slow_commit AFTER INSERT ON score_history FOR EACH STATEMENT
                  EXECUTE FUNCTION slow_commit();
                """);
        Random random = new Random(20261123);
        int killedMidRun = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = folder.resolve("coordinator-" + kill + ".log");
            Process coordinator = start(run, log);
            // The instant counts from when this process holds the lock, in its first pass (start-up
            // time varies with load): kills land in the batches, mostly in their slowed commit.
            await().atMost(Duration.ofMinutes(2)).until(() -> !coordinator.isAlive()
                    || (Files.exists(log) && Files.readString(log).contains("holds the lock")));
            int before = batches(run.database());
            if (coordinator.waitFor(random.nextInt(1200), TimeUnit.MILLISECONDS)) {
                break; // finished before its kill: nothing left to interrupt
            }
            coordinator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (Files.readString(log).contains("holds the lock") && batches(run.database()) < 18) {
                killedMidRun++;
            }
            assertTrue(batches(run.database()) >= before, "a committed batch is never undone");
        }
        Process last = start(run, folder.resolve("coordinator-last.log"));
        assertTrue(last.waitFor(5, TimeUnit.MINUTES), "the last run finished");
        assertEquals(0, last.exitValue());

        assertTrue(killedMidRun >= 10, "kills landed while the pipeline ran: " + killedMidRun);
        assertEquals(DatabaseSnapshot.of(reference.database()), DatabaseSnapshot.of(run.database()));
    }

    private Process start(GoldenRun run, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "run", "--until", String.valueOf(run.lastEnd()))
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(run.env());
        return builder.start();
    }

    private static int batches(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM bot_logs WHERE files_processed > -1")) {
            r.next();
            return r.getInt(1);
        }
    }

}
