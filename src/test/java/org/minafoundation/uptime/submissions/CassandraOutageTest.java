package org.minafoundation.uptime.submissions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.CassandraNode;
import org.minafoundation.uptime.support.CassandraSubmissions;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The Cassandra node is down for a while, in the middle of a run or when the coordinator
 * starts: batches fail and write nothing; once it is back the coordinator goes on, and the
 * result is as if nothing happened.
 */
class CassandraOutageTest {

    @Test
    void batchesFailDuringAnOutageAndAreRedoneAfterIt() throws Exception {
        OutageRun run = OutageRun.prepare("uptime_outage");
        CompletableFuture<Cli.Result> result = run.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> batches(run.database) >= 2);
        run.node.stop();
        int beforeOutage = batches(run.database);
        Thread.sleep(8000); // the outage: every attempt in this time fails
        assertEquals(beforeOutage, batches(run.database), "no batch is written while Cassandra is down");
        assertTrue(beforeOutage < run.expected.batchEnds().size(), "the outage came in the middle of the run");
        run.node.start();
        run.assertSameAsWithoutOutage(result);
    }

    @Test
    void aCoordinatorStartedDuringAnOutageConnectsOnceCassandraIsBack() throws Exception {
        OutageRun run = OutageRun.prepare("uptime_outage_at_start");
        run.node.stop();
        CompletableFuture<Cli.Result> result = run.start();
        // the batch loop starts (takes the lock) and its reads fail and are retried; a
        // coordinator that connected at start-up exited before getting there
        await().atMost(Duration.ofSeconds(90)).until(() -> result.isDone() || holdsCoordinatorLock(run.database));
        Thread.sleep(5000);
        assertFalse(result.isDone(), () -> "the coordinator kept going: " + result.join().out());
        assertEquals(0, batches(run.database), "no batch is written while Cassandra is down");
        run.node.start();
        run.assertSameAsWithoutOutage(result);
    }

    /** midnight-40 from Cassandra, its batches slowed to a second, with as many retries as an outage needs. */
    private record OutageRun(GoldenRun expected, CassandraNode node, String database, Map<String, String> env) {

        static OutageRun prepare(String keyspace) throws Exception {
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
            assertEquals(0, Cli.run(env, "create-database").exitCode());
            assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());
            // a slower survey so that the run is still going when the node stops
            TestPostgres.execute(database, """
                    CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
                    CREATE TRIGGER slow_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION slow_batch();
                    """);
            return new OutageRun(postgresRun, node, database, env);
        }

        CompletableFuture<Cli.Result> start() {
            return CompletableFuture.supplyAsync(() -> Cli.run(env, "run", "--until", String.valueOf(expected.lastEnd())));
        }

        void assertSameAsWithoutOutage(CompletableFuture<Cli.Result> run) throws Exception {
            Cli.Result result = run.get(5, TimeUnit.MINUTES);
            assertEquals(0, result.exitCode(), result.out());
            assertTrue(result.out().contains("failed"), "the outage was noticed");
            assertEquals(DatabaseSnapshot.of(expected.database()), DatabaseSnapshot.of(database));
        }
    }

    private static boolean holdsCoordinatorLock(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            r.next();
            return r.getInt(1) > 0;
        }
    }

    private static int batches(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM bot_logs WHERE files_processed > -1")) {
            r.next();
            return r.getInt(1);
        }
    }
}
