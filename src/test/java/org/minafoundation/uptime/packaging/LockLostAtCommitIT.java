package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The coordinator lock's session ends while a batch is being verified (a restarted server,
 * a terminated backend), a rescore takes the lock and writes, and the coordinator reaches
 * its commit in the middle of the rescore. It must find, inside its own transaction, that
 * it no longer holds the lock, write nothing, wait for the rescore, and redo the batch:
 * never two writers at once, and the final database is the uninterrupted run's.
 */
class LockLostAtCommitIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));

    /*
     * Every statement that writes a table a batch or a rescore writes leaves a row (its
     * transaction, a global order); only committed transactions keep theirs. Two writers
     * overlapped when one wrote between another's first and last statements.
     */
    private static final String WRITER_AUDIT = """
            CREATE SEQUENCE writer_audit_order;
            CREATE TABLE writer_audit (xid bigint, at bigint);
            CREATE FUNCTION audit_writer() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO writer_audit VALUES (txid_current(), nextval('writer_audit_order')); RETURN NULL; END $$;
            """;
    private static final List<String> WRITTEN = List.of("bot_logs", "bot_logs_statehash", "points", "nodes",
            "score_history", "statehash", "rescore_progress");
    private static final String OVERLAPS = """
            WITH t AS (SELECT xid, min(at) AS first, max(at) AS last FROM writer_audit GROUP BY xid)
            SELECT count(*) FROM t a JOIN t b ON a.xid <> b.xid AND b.first > a.first AND b.first < a.last
            """;

    @TempDir
    Path folder;

    @Test
    void aCoordinatorThatLostItsLockCommitsNothingWhileARescoreWritesAndRedoesTheBatch() throws Exception {
        GoldenRun reference = GoldenRun.prepare("midnight-40");
        assertEquals(0, reference.runUntil(reference.lastEnd()).exitCode());

        GoldenRun run = GoldenRun.prepare("midnight-40");
        assertEquals(0, run.runUntil(run.batchEnds().get(2)).exitCode(), "three batches before the trouble");
        StringBuilder audit = new StringBuilder(WRITER_AUDIT);
        WRITTEN.forEach(table -> audit.append("CREATE TRIGGER audit_writer AFTER INSERT OR UPDATE OR DELETE ON ")
                .append(table).append(" FOR EACH STATEMENT EXECUTE FUNCTION audit_writer();\n"));
        TestPostgres.execute(run.database(), audit.toString());
        DataSource database = TestPostgres.dataSource(run.database());

        Path started = folder.resolve("started");
        Path hold = folder.resolve("hold");
        Files.createFile(hold);
        Process coordinator = startCoordinator(run, verifier(started, hold));
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(started));
            assertEquals(1, terminateLockSession(database, run.database()), "the coordinator's lock session");

            // A rescore takes the free lock; its first batch's transaction waits here, at its progress mark.
            try (Connection blocker = database.getConnection()) {
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.execute("LOCK TABLE rescore_progress IN EXCLUSIVE MODE");
                }
                CompletableFuture<Cli.Result> rescore = CompletableFuture.supplyAsync(() -> Cli.run(run.env(),
                        "rescore", "--from", String.valueOf(run.batchEnds().get(0) - 1200)));
                await().atMost(Duration.ofMinutes(1)).until(() -> waitingOnLock(database, true));

                // The coordinator's batch now goes to its commit, in the middle of the rescore's transaction.
                Files.delete(hold);
                await().atMost(Duration.ofMinutes(1)).until(
                        () -> waitingOnLock(database, false) || committedBatches(database) > 3);
                blocker.rollback();
                Cli.Result rescored = rescore.get(2, TimeUnit.MINUTES);
                assertEquals(0, rescored.exitCode(), rescored.err());
            }

            assertTrue(coordinator.waitFor(3, TimeUnit.MINUTES), "the coordinator finished");
            String log = Files.readString(folder.resolve("coordinator.log"), StandardCharsets.UTF_8);
            assertEquals(0, coordinator.exitValue(), log);
            assertEquals(0, count(database, OVERLAPS), "two writers at once");
            assertEquals(DatabaseSnapshot.of(reference.database()), DatabaseSnapshot.of(run.database()));
            assertTrue(log.contains("no longer holds the coordinator lock"), log);
        } finally {
            coordinator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A verifier that does nothing but say it started and wait while {@code hold} exists. */
    private Path verifier(Path started, Path hold) throws Exception {
        Path script = folder.resolve("verify.sh");
        Files.writeString(script, "#!/bin/sh\ntouch '" + started + "'\nwhile [ -f '" + hold + "' ]; do sleep 0.05; done\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Process startCoordinator(GoldenRun run, Path verifier) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "run", "--until", String.valueOf(run.lastEnd()))
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("coordinator.log").toFile());
        builder.environment().putAll(run.env());
        builder.environment().put("VERIFIER_MODE", "local");
        builder.environment().put("VERIFIER_COMMAND", verifier.toString());
        builder.environment().put("MINI_BATCH_NUMBER", "1");
        // any counted failure ends the run: losing the lock must not be one
        builder.environment().put("RETRY_COUNT", "0");
        return builder.start();
    }

    private static int terminateLockSession(DataSource database, String name) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity"
                        + " WHERE datname = ? AND application_name = 'uptime-coordinator lock'")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** A session waiting for a lock: the rescore at its progress mark, or another (the coordinator's commit). */
    private static boolean waitingOnLock(DataSource database, boolean rescore) throws Exception {
        return count(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
                + " AND (query LIKE '%rescore_progress%') = " + rescore) > 0;
    }

    private static int committedBatches(DataSource database) throws Exception {
        return count(database, "SELECT count(*) FROM bot_logs WHERE files_processed > -1");
    }

    private static int count(DataSource database, String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
