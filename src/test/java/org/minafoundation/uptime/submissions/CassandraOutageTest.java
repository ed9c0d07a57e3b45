package org.minafoundation.uptime.submissions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.CassandraNode;
import org.minafoundation.uptime.support.CassandraSubmissions;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.ConsoleWatch;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.ManagementPort;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The Cassandra node is down for a while, in the middle of a run or when the coordinator
 * starts: batches fail and write nothing, readiness is down; once it is back the coordinator
 * goes on, and the result is as if nothing happened. A hiccup shorter than the read retries
 * of routes/coordinator.yaml fails no batch at all.
 */
class CassandraOutageTest {

    /** Camel's log line for a read of the batch's submissions tried again (retryAttemptedLogLevel). */
    private static final String READ_AGAIN = "On delivery attempt: 1 caught: ";
    /** BatchAttempts' line for a batch failed and counted, the first time; group 1 is the batch's end. */
    private static final Pattern COUNTED_FAILURE = Pattern.compile(
            "batch \\[[^,]+, ([^)]+)\\) failed: .*; nothing of it was kept, retry 1 of 100");

    @Test
    void batchesFailDuringAnOutageAndAreRedoneAfterIt() throws Exception {
        OutageRun run = OutageRun.prepare("uptime_outage", Map.of());
        try (ConsoleWatch console = ConsoleWatch.start()) {
            CompletableFuture<Cli.Result> result = run.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> batches(run.database) >= 2);
            int outage = console.mark();
            run.node.stop();

            // every read of a batch failed, all its read retries too, and the batch was counted as failed
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> result.isDone() || COUNTED_FAILURE.matcher(console.since(outage)).find());
            assertFalse(result.isDone(), () -> "the coordinator kept going: " + result.join().out());
            Matcher failed = COUNTED_FAILURE.matcher(console.since(outage));
            assertTrue(failed.find());
            long failedEnd = Instant.parse(failed.group(1)).getEpochSecond();
            assertEquals(0, count(run.database, "SELECT count(*) FROM bot_logs WHERE batch_end_epoch = " + failedEnd),
                    "the batch whose reads failed wrote nothing");
            assertTrue(batches(run.database) < run.expected.batchEnds().size(),
                    "the outage came in the middle of the run");

            run.node.start();
            run.assertSameAsWithoutOutage(result);
        } finally {
            run.node.start(); // up again for the next test, also when this one failed
        }
    }

    @Test
    void aCoordinatorStartedDuringAnOutageIsUnreadyAndConnectsOnceCassandraIsBack() throws Exception {
        ManagementPort managementPort = ManagementPort.free();
        OutageRun run = OutageRun.prepare("uptime_outage_at_start",
                Map.of("MANAGEMENT_PORT", managementPort.setting()));
        run.node.stop();
        try (ConsoleWatch console = ConsoleWatch.start(); Connection gate = closedGate(run.database)) {
            CompletableFuture<Cli.Result> result = run.start();
            // the batch loop took the lock and its first read failed and is tried again: a
            // coordinator that connected at start-up would have exited before getting there
            await().atMost(Duration.ofSeconds(90)).until(() -> result.isDone() || console.text().contains(READ_AGAIN));
            assertFalse(result.isDone(), () -> "the coordinator kept going: " + result.join().out());
            await().atMost(Duration.ofSeconds(60)).until(() -> managementPort.readiness() == 503);
            assertEquals(0, batches(run.database), "no batch is written while Cassandra is down");

            run.node.start();
            // the first batch now waits at the gate (its commit), so the coordinator is still up to ask
            await().atMost(Duration.ofSeconds(90)).until(() -> managementPort.readiness() == 200);
            assertFalse(result.isDone());
            gate.commit();
            run.assertSameAsWithoutOutage(result);
        } finally {
            run.node.start();
        }
    }

    @Test
    void aHiccupShorterThanTheReadRetriesFailsNoBatch() throws Exception {
        // RETRY_COUNT=0: one counted failure ends the run with exit code 1
        OutageRun run = OutageRun.prepare("uptime_hiccup", Map.of("RETRY_COUNT", "0"));
        try (ConsoleWatch console = ConsoleWatch.start(); CqlSession session = run.node.session()) {
            // Two replicas wanted, one node: every LOCAL_QUORUM read is Unavailable until it is one again.
            replicas(session, run.keyspace, 2);
            CompletableFuture<Cli.Result> result = run.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> result.isDone() || console.text().contains(READ_AGAIN));
            assertFalse(result.isDone(), () -> "the first failed read ended the run: " + result.join().out());
            replicas(session, run.keyspace, 1);

            Cli.Result done = result.get(5, TimeUnit.MINUTES);
            assertEquals(0, done.exitCode(), done.out());
            assertTrue(done.out().contains("Not enough replicas available for query at consistency LOCAL_QUORUM"),
                    "the reads failed during the hiccup");
            assertFalse(done.out().contains("nothing of it was kept"), "no batch failed");
            assertEquals(DatabaseSnapshot.of(run.expected.database()), DatabaseSnapshot.of(run.database));
        }
    }

    /** midnight-40 from Cassandra, its batches slowed to a second, with as many retries as an outage needs. */
    private record OutageRun(GoldenRun expected, CassandraNode node, String keyspace, String database,
            Map<String, String> env) {

        static OutageRun prepare(String keyspace, Map<String, String> extraEnv) throws Exception {
            GoldenRun postgresRun = GoldenRun.prepare("midnight-40");
            assertEquals(0, postgresRun.runUntil(postgresRun.lastEnd()).exitCode());

            CassandraNode node = CassandraNode.shared();
            try (CqlSession session = node.session()) {
                CassandraSubmissions.createKeyspace(session, keyspace);
                CassandraSubmissions.load(session, keyspace, GoldenRun.submissions("midnight-40"));
            }
            String database = TestPostgres.newDatabaseName();
            Map<String, String> env = new HashMap<>(TestPostgres.environment(database));
            env.putAll(Map.of("SUBMISSION_STORAGE", "CASSANDRA", "CASSANDRA_HOST", "127.0.0.1",
                    "CASSANDRA_PORT", String.valueOf(node.cqlPort()), "AWS_KEYSPACE", keyspace,
                    "CASSANDRA_USERNAME", CassandraNode.USER, "CASSANDRA_PASSWORD", CassandraNode.PASSWORD,
                    "SSL_CERTFILE", node.certificate().toString(), "RETRY_COUNT", "100", "RETRY_DELAY_SECONDS", "1"));
            env.putAll(extraEnv);
            assertEquals(0, Cli.run(env, "create-database").exitCode());
            assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());
            // a slower survey so that the run is still going when the node stops; each batch's
            // bot_logs row also passes the gate, which a test may hold closed
            TestPostgres.execute(database, """
                    CREATE TABLE batch_gate ();
                    CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(1); PERFORM count(*) FROM batch_gate; RETURN NEW; END $$;
                    CREATE TRIGGER slow_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION slow_batch();
                    """);
            return new OutageRun(postgresRun, node, keyspace, database, env);
        }

        CompletableFuture<Cli.Result> start() {
            return CompletableFuture.supplyAsync(
                    () -> Cli.run(env, "run", "--until", String.valueOf(expected.lastEnd())));
        }

        void assertSameAsWithoutOutage(CompletableFuture<Cli.Result> run) throws Exception {
            Cli.Result result = run.get(5, TimeUnit.MINUTES);
            assertEquals(0, result.exitCode(), result.out());
            assertEquals(DatabaseSnapshot.of(expected.database()), DatabaseSnapshot.of(database));
        }
    }

    /** Holds every batch at its bot_logs row until the transaction is committed (the gate opens). */
    private static Connection closedGate(String database) throws Exception {
        Connection gate = TestPostgres.dataSource(database).getConnection();
        gate.setAutoCommit(false);
        try (Statement s = gate.createStatement()) {
            s.execute("LOCK TABLE batch_gate IN ACCESS EXCLUSIVE MODE");
        }
        return gate;
    }

    private static void replicas(CqlSession session, String keyspace, int factor) {
        session.execute(SimpleStatement.newInstance("ALTER KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + factor + "}")
                .setTimeout(Duration.ofSeconds(60)));
    }

    private static int batches(String database) throws Exception {
        return count(database, "SELECT count(*) FROM bot_logs WHERE files_processed > -1");
    }

    private static int count(String database, String sql) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
