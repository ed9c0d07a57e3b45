package org.minafoundation.uptime.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.S3MockServer;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * {@code cleanup --days N --archive s3://bucket/prefix} against a real PostgreSQL and a real
 * S3-compatible server (S3Mock): the objects hold exactly the rows cleanup_old_data deletes,
 * and any failure before the commit leaves the database as it was.
 */
class CleanupArchiveTest {

    static final String BUCKET = "archive";
    static final Instant RUN = Instant.parse("2026-11-23T21:30:00Z");
    static final String RUN_FOLDER = "20261123T213000Z";

    @RegisterExtension
    static final S3MockServer s3 = S3MockServer.perClass(BUCKET);

    @Test
    void archiveHoldsExactlyTheDeletedRowsAndTheRestStays() throws Exception {
        // Two identical databases: B runs cleanup_old_data itself (the oracle), A the archiving cleanup.
        String a = createdDatabase();
        String b = createdDatabase();
        long now = OldData.databaseNow(a);
        OldData.populate(TestPostgres.dataSource(a), now);
        OldData.populate(TestPostgres.dataSource(b), now);
        Map<String, PostgresCsv.Table> before = PostgresCsv.snapshot(TestPostgres.dataSource(b));
        assertEquals(before, PostgresCsv.snapshot(TestPostgres.dataSource(a)), "twins differ");
        cleanupOldDataInUtc(b, 180);
        Map<String, PostgresCsv.Table> expectedRest = PostgresCsv.snapshot(TestPostgres.dataSource(b));

        Cli.Result result = Cli.run(env(a), Clock.fixed(RUN, ZoneOffset.UTC),
                "cleanup", "--days", "180", "--archive", "s3://" + BUCKET + "/coordinator/prod/");

        assertEquals(0, result.exitCode(), result.err());
        String folder = "coordinator/prod/" + RUN_FOLDER + "/";
        List<String> expectedKeys = new ArrayList<>();
        PostgresCsv.TABLES.forEach(t -> expectedKeys.add(folder + t + ".csv.gz"));
        assertEquals(expectedKeys.stream().sorted().toList(), s3.keys(BUCKET, "coordinator/"));

        Map<String, Integer> archivedCounts = new LinkedHashMap<>();
        for (String table : PostgresCsv.TABLES) {
            byte[] object = s3.get(BUCKET, folder + table + ".csv.gz").orElseThrow();
            PostgresCsv.Table archived = PostgresCsv.gunzipAndParse(object);
            assertEquals(before.get(table).header(), archived.header(), table + ": header");
            List<List<String>> deleted = PostgresCsv.minus(before.get(table), expectedRest.get(table));
            assertEquals(deleted, archived.sortedRows(), table + ": archived rows");
            archivedCounts.put(table, archived.rows().size());
        }
        assertEquals(OldData.DELETED_AT_180, archivedCounts);
        assertEquals(expectedRest, PostgresCsv.snapshot(TestPostgres.dataSource(a)), "remaining rows");

        // NULL, empty string and awkward text survive the CSV as they were.
        PostgresCsv.Table submissions = PostgresCsv.gunzipAndParse(s3.get(BUCKET, folder + "submissions.csv.gz").orElseThrow());
        List<String> header = submissions.header();
        List<String> age300 = submissions.rows().stream().filter(r -> "age300".equals(r.get(header.indexOf("submitter"))))
                .findFirst().orElseThrow();
        assertEquals(OldData.AWKWARD_TEXT, age300.get(header.indexOf("remote_addr")));
        assertEquals("", age300.get(header.indexOf("peer_id")));
        assertEquals(null, age300.get(header.indexOf("parent")));
        assertEquals("\\x000a0d2c22ff", age300.get(header.indexOf("snark_work")));

        // The command prints each table's count and object.
        Map<String, Integer> printed = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+)\\s+(\\d+)\\s+(s3://\\S+)\\s*$").matcher(result.out());
        while (m.find()) {
            printed.put(m.group(1), Integer.valueOf(m.group(2)));
            assertEquals("s3://" + BUCKET + "/" + folder + m.group(1) + ".csv.gz", m.group(3));
        }
        assertEquals(OldData.DELETED_AT_180, printed, result.out());
    }

    @Test
    void missingBucketDeletesNothing() throws Exception {
        String db = createdDatabase();
        OldData.populate(TestPostgres.dataSource(db), OldData.databaseNow(db));
        Map<String, PostgresCsv.Table> before = PostgresCsv.snapshot(TestPostgres.dataSource(db));

        // The bucket is only missed at the first upload, after every table's rows were
        // deleted inside the transaction: the rollback must bring them all back.
        Cli.Result result = Cli.run(env(db), "cleanup", "--days", "180", "--archive", "s3://no-such-bucket/old");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("nothing was deleted"), result.err());
        assertEquals(before, PostgresCsv.snapshot(TestPostgres.dataSource(db)));
        assertEquals(counts(before), counts(PostgresCsv.snapshot(TestPostgres.dataSource(db))));
    }

    @Test
    void aCommitRefusedByTheServerDeletesNothingAndLeavesNoArchive() throws Exception {
        String db = createdDatabase();
        OldData.populate(TestPostgres.dataSource(db), OldData.databaseNow(db));
        Map<String, PostgresCsv.Table> before = PostgresCsv.snapshot(TestPostgres.dataSource(db));
        atCommitOfADelete(db, "RAISE EXCEPTION 'refused at commit'");

        Cli.Result result = Cli.run(env(db), Clock.fixed(RUN, ZoneOffset.UTC),
                "cleanup", "--days", "180", "--archive", "s3://" + BUCKET + "/refused");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("nothing was deleted"), result.err());
        assertEquals(before, PostgresCsv.snapshot(TestPostgres.dataSource(db)));
        assertEquals(List.of(), s3.keys(BUCKET, "refused/"));
    }

    @Test
    void aCommitWhoseConnectionIsLostKeepsTheArchive() throws Exception {
        String db = createdDatabase();
        OldData.populate(TestPostgres.dataSource(db), OldData.databaseNow(db));
        // The server process ends in the middle of the COMMIT: the client cannot know whether it committed.
        atCommitOfADelete(db, "PERFORM pg_terminate_backend(pg_backend_pid())");

        Cli.Result result = Cli.run(env(db), Clock.fixed(RUN, ZoneOffset.UTC),
                "cleanup", "--days", "180", "--archive", "s3://" + BUCKET + "/lost");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("it may have committed, so the archive in s3://" + BUCKET + "/lost/"
                + RUN_FOLDER + " is kept"), result.err());
        List<String> expectedKeys = new ArrayList<>();
        PostgresCsv.TABLES.forEach(t -> expectedKeys.add("lost/" + RUN_FOLDER + "/" + t + ".csv.gz"));
        assertEquals(expectedKeys.stream().sorted().toList(), s3.keys(BUCKET, "lost/"));
    }

    /** Runs {@code plpgsql} when a transaction that deleted bot_logs rows commits (a deferred constraint trigger). */
    private static void atCommitOfADelete(String db, String plpgsql) {
        TestPostgres.execute(db, "CREATE FUNCTION at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + plpgsql + "; RETURN NULL; END $$;"
                + " CREATE CONSTRAINT TRIGGER at_commit AFTER DELETE ON bot_logs DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION at_commit()");
    }

    @Test
    void unreachableServerDeletesNothing() throws Exception {
        String db = createdDatabase();
        OldData.populate(TestPostgres.dataSource(db), OldData.databaseNow(db));
        Map<String, PostgresCsv.Table> before = PostgresCsv.snapshot(TestPostgres.dataSource(db));
        Map<String, String> env = env(db);
        env.put("S3_ENDPOINT_URL", "http://127.0.0.1:" + closedPort());

        Cli.Result result = Cli.run(env, "cleanup", "--days", "180", "--archive", "s3://" + BUCKET + "/down");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("nothing was deleted"), result.err());
        assertEquals(before, PostgresCsv.snapshot(TestPostgres.dataSource(db)));
    }

    @Test
    void anExistingArchiveIsNeverOverwritten() throws Exception {
        String first = createdDatabase();
        OldData.populate(TestPostgres.dataSource(first), OldData.databaseNow(first));
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        String target = "s3://" + BUCKET + "/twice";
        assertEquals(0, Cli.run(env(first), clock, "cleanup", "--days", "180", "--archive", target).exitCode());
        String key = "twice/20260102T030405Z/submissions.csv.gz";
        byte[] archived = s3.get(BUCKET, key).orElseThrow();

        String second = createdDatabase();
        OldData.populate(TestPostgres.dataSource(second), OldData.databaseNow(second));
        Map<String, PostgresCsv.Table> before = PostgresCsv.snapshot(TestPostgres.dataSource(second));
        Cli.Result again = Cli.run(env(second), clock, "cleanup", "--days", "180", "--archive", target);

        assertNotEquals(0, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals(before, PostgresCsv.snapshot(TestPostgres.dataSource(second)));
        assertArrayEquals(archived, s3.get(BUCKET, key).orElseThrow());
    }

    @Test
    void badArchiveAddressIsAUsageError() {
        String db = TestPostgres.newDatabaseName();
        assertEquals(2, Cli.run(env(db), "cleanup", "--days", "180", "--archive", "https://example.com/x").exitCode());
        assertEquals(2, Cli.run(env(db), "cleanup", "--days", "180", "--archive", "s3://Bad_Bucket/x").exitCode());
        assertEquals(2, Cli.run(env(db), "cleanup", "--days", "0", "--archive", "s3://" + BUCKET + "/x").exitCode());
    }

    private static Map<String, String> env(String database) {
        Map<String, String> env = new HashMap<>(TestPostgres.environment(database));
        env.putAll(s3.environment());
        return env;
    }

    private static String createdDatabase() {
        String db = TestPostgres.newDatabaseName();
        Cli.Result created = Cli.run(TestPostgres.environment(db), "create-database");
        assertEquals(0, created.exitCode(), created.err());
        return db;
    }

    /** The reference function, in a UTC session as the coordinator's own sessions are. */
    private static void cleanupOldDataInUtc(String database, int days) throws SQLException {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SELECT cleanup_old_data(" + days + ")");
        }
    }

    private static Map<String, Integer> counts(Map<String, PostgresCsv.Table> snapshot) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        snapshot.forEach((table, contents) -> counts.put(table, contents.rows().size()));
        return counts;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
