package org.minafoundation.uptime.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.CassandraNode;
import org.minafoundation.uptime.support.CassandraSubmissions;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.SelfSignedCertificate;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * Submissions read from a real Cassandra 5.0 node (TLS only) score exactly as the same rows
 * read from Postgres, and every row read is copied into Postgres once; without the node's
 * certificate in SSL_CERTFILE the coordinator reads nothing.
 */
class CassandraStorageTest {

    private static final AtomicInteger KEYSPACES = new AtomicInteger();
    private static CassandraNode node;
    private static CqlSession session;
    private static DatabaseSnapshot fromPostgres;
    private static GoldenRun postgresRun;

    @BeforeAll
    static void startNode() throws Exception {
        node = CassandraNode.shared();
        session = node.session();
        postgresRun = GoldenRun.prepare("midnight-40");
        assertEquals(0, postgresRun.runUntil(postgresRun.lastEnd()).exitCode());
        fromPostgres = DatabaseSnapshot.of(postgresRun.database());
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }

    /** A fresh Postgres (no submissions) and a keyspace holding the golden rows; returns the coordinator's env. */
    private Map<String, String> cassandraScenario(String database, Map<String, String> extra) throws Exception {
        String keyspace = "uptime_" + KEYSPACES.incrementAndGet();
        CassandraSubmissions.createKeyspace(session, keyspace);
        CassandraSubmissions.load(session, keyspace, GoldenRun.submissions("midnight-40"));
        Map<String, String> env = new HashMap<>(TestPostgres.environment(database));
        env.put("SUBMISSION_STORAGE", "cassandra");
        env.put("CASSANDRA_HOST", "127.0.0.1");
        env.put("CASSANDRA_PORT", String.valueOf(node.cqlPort()));
        env.put("AWS_KEYSPACE", keyspace);
        env.put("CASSANDRA_USERNAME", CassandraNode.USER);
        env.put("CASSANDRA_PASSWORD", CassandraNode.PASSWORD);
        env.put("SSL_CERTFILE", node.certificate().toString());
        env.putAll(extra);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());
        return env;
    }

    @Test
    void readOverTlsTrustingTheNodesCertificateScoresEqualThoseFromPostgresAndEveryRowIsCopiedOnce() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = cassandraScenario(database, Map.of());

        Cli.Result run = Cli.run(env, "run", "--until", String.valueOf(postgresRun.lastEnd()));

        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("(datacenter datacenter1, TLS, user cassandra)"), "the connection is TLS");
        assertEquals(fromPostgres, DatabaseSnapshot.of(database));
        assertEquals(rowsInWindow(postgresRun.database()), rowsInWindow(database), "every loaded row copied");
        assertEquals(count(database, "SELECT count(*) FROM submissions"), rowsInWindow(database),
                "nothing outside the processed batches");
    }

    @Test
    void withoutTheCertificateNothingConnects() throws Exception {
        AllNodesFailedException plain = assertThrows(AllNodesFailedException.class, () -> CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", node.cqlPort())).withLocalDatacenter("datacenter1")
                .withAuthCredentials(CassandraNode.USER, CassandraNode.PASSWORD).build().close());
        assertFalse(plain.getAllErrors().isEmpty(), "the node refuses a plain connection");

        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = cassandraScenario(database, Map.of("RETRY_COUNT", "0"));
        env.remove("SSL_CERTFILE");

        Cli.Result run = Cli.run(env, "run", "--until", String.valueOf(postgresRun.lastEnd()));

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("(datacenter datacenter1, no TLS, user cassandra)"), "it tried without TLS");
        assertEquals(0, count(database, "SELECT count(*) FROM bot_logs WHERE files_processed > -1"));
    }

    @Test
    void aCertificateOtherThanTheNodesIsNotTrusted(@TempDir Path folder) throws Exception {
        Path other = SelfSignedCertificate.create(folder, "other").pem();
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = cassandraScenario(database,
                Map.of("SSL_CERTFILE", other.toString(), "RETRY_COUNT", "0"));

        Cli.Result run = Cli.run(env, "run", "--until", String.valueOf(postgresRun.lastEnd()));

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("(datacenter datacenter1, TLS, user cassandra)"), "it tried with TLS");
        assertTrue(run.out().contains("javax.net.ssl.SSLHandshakeException: PKIX path"),
                "the node's certificate was refused");
        assertEquals(0, count(database, "SELECT count(*) FROM bot_logs WHERE files_processed > -1"));
    }

    @Test
    void aWrongPasswordFailsTheBatchAndWritesNothing() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = cassandraScenario(database,
                Map.of("CASSANDRA_PASSWORD", "not-the-password", "RETRY_COUNT", "0"));

        Cli.Result run = Cli.run(env, "run", "--until", String.valueOf(postgresRun.lastEnd()));

        assertTrue(run.exitCode() != 0);
        assertTrue(!run.out().contains("not-the-password") && !run.err().contains("not-the-password"),
                "the password is never printed");
        assertEquals(0, count(database, "SELECT count(*) FROM bot_logs WHERE files_processed > -1"));
    }

    private static int rowsInWindow(String database) throws Exception {
        return count(database, "SELECT count(*) FROM submissions WHERE submitted_at >= '2024-03-01 23:00:00'"
                + " AND submitted_at < '2024-03-02 01:00:00'");
    }

    private static int count(String database, String sql) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
