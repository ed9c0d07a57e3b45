package org.minafoundation.uptime.verifier.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.support.Processes.gone;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * VERIFIER_MODE=local end to end: the coordinator runs {@link FakeStatelessVerifier} as one
 * child process per slice (through VERIFIER_COMMAND) over unverified submissions, then
 * scores what it verified. A verifier that fails, or hangs past VERIFIER_TIMEOUT_MINUTES,
 * fails the batch.
 */
class LocalVerifierEndToEndTest {

    /** 2024-03-01 00:00:00 UTC: two 20-minute batches follow, ending at +1200 s and +2400 s. */
    static final long START = 1709251200L;
    static final long END = START + 2400;
    static final int PRODUCERS = 10;
    /** The producer whose blocks fail verification. */
    static final int BAD = 9;

    @TempDir
    Path dir;

    /**
     * VERIFIER_COMMAND running the fake verifier in a JVM of its own. The classpath (the test
     * classes and the PostgreSQL driver, all it needs) goes in a java argument file, quoted,
     * so a path with spaces survives VERIFIER_COMMAND's split on whitespace.
     */
    private String fakeVerifierCommand(String... options) throws Exception {
        List<String> classpath = new ArrayList<>();
        for (Class<?> type : List.of(FakeStatelessVerifier.class, org.postgresql.Driver.class)) {
            classpath.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        Path argFile = dir.resolve("fake-verifier.args");
        Files.writeString(argFile, String.join("\n", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                quote(String.join(java.io.File.pathSeparator, classpath)), FakeStatelessVerifier.class.getName()) + "\n",
                StandardCharsets.UTF_8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return String.join(" ", Stream.concat(Stream.of(java.toString(), "@" + argFile), Stream.of(options)).toList());
    }

    private static String quote(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A database with unverified submissions over the two batches and an initial bot_logs row. */
    private Map<String, String> prepare(String verifierCommand) {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = new HashMap<>(TestPostgres.environment(database));
        env.put("VERIFIER_MODE", "local");
        env.put("VERIFIER_COMMAND", verifierCommand);
        env.put("RETRY_COUNT", "0");
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        StringBuilder sql = new StringBuilder();
        for (int batch = 0; batch < 2; batch++) {
            long batchStart = START + 1200L * batch;
            for (int p = 0; p < PRODUCERS; p++) {
                int height = 100 + 10 * batch + p % 3;
                // spread over the five 4-minute slices, with sub-second times
                sql.append(insert(p, Instant.ofEpochSecond(batchStart + 120L * p, 250_000_000), height));
                if (p < 4) {
                    // exactly on the bound between slice p and slice p + 1: the later slice's
                    sql.append(insert(p, Instant.ofEpochSecond(batchStart + 240L * (p + 1)), height));
                }
            }
        }
        // just outside the run's window on both sides: never touched
        sql.append(insert(0, Instant.ofEpochSecond(START).minusMillis(500), 99));
        sql.append(insert(1, Instant.ofEpochSecond(END), 120));
        TestPostgres.execute(database, sql.toString());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(START)).exitCode());
        return env;
    }

    private static String producer(int p) {
        return "B62qproducer" + p;
    }

    private static String insert(int p, Instant at, int height) {
        String blockHash = (p == BAD ? "bad-" : "blk-") + height;
        return "INSERT INTO submissions (submitted_at_date, submitted_at, submitter, created_at, block_hash)"
                + " VALUES ((TIMESTAMP '%1$s')::date, TIMESTAMP '%1$s', '%2$s', TIMESTAMP '%1$s', '%3$s');\n"
                        .formatted(at.toString().replace('T', ' ').replace("Z", ""), producer(p), blockHash);
    }

    private static Cli.Result run(Map<String, String> env, Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extra);
        return Cli.run(merged, "run", "--until", String.valueOf(END));
    }

    private static List<List<Object>> query(Map<String, String> env, String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource(env.get("POSTGRES_DB")).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long count(Map<String, String> env, String sql) throws Exception {
        return ((Number) query(env, sql).get(0).get(0)).longValue();
    }

    private static final String IN_WINDOW = " submitted_at >= TIMESTAMP '2024-03-01 00:00:00'"
            + " AND submitted_at < TIMESTAMP '2024-03-01 00:40:00'";

    @Test
    void theLocalVerifierFillsEveryRowOfTheWindowAndTheCoordinatorScoresThem() throws Exception {
        Map<String, String> env = prepare(fakeVerifierCommand());

        Cli.Result result = run(env, Map.of());

        assertEquals(0, result.exitCode(), result.out());
        // 2 batches x (10 + 4 on slice bounds) rows, of which 2 x 1 from the bad producer
        assertEquals(28, count(env, "SELECT count(*) FROM submissions WHERE" + IN_WINDOW));
        assertEquals(28, count(env, "SELECT count(*) FROM submissions WHERE verified AND" + IN_WINDOW),
                "every row of the window verified, valid or not");
        assertEquals(26, count(env, "SELECT count(*) FROM submissions WHERE" + IN_WINDOW
                + " AND validation_error IS NULL AND block_hash LIKE 'blk-%'"
                + " AND state_hash = 'hash-' || substr(block_hash, 5)"
                + " AND parent = 'hash-' || (substr(block_hash, 5)::int - 1)"
                + " AND height = substr(block_hash, 5)::int AND slot = 3 * height"));
        assertEquals(2, count(env, "SELECT count(*) FROM submissions WHERE" + IN_WINDOW
                + " AND submitter = '" + producer(BAD) + "' AND validation_error LIKE 'block bad-% failed verification'"
                + " AND state_hash = ''"));
        assertEquals(2, count(env, "SELECT count(*) FROM submissions WHERE verified IS NULL AND state_hash IS NULL"),
                "the rows outside the window are untouched");

        assertEquals(List.of(List.of(-1, START, START), List.of(13, START, START + 1200), List.of(13, START + 1200, END)),
                query(env, "SELECT files_processed, batch_start_epoch, batch_end_epoch FROM bot_logs ORDER BY id"),
                "each batch scored its 13 valid rows");
        assertEquals(26, count(env, "SELECT count(*) FROM points"), "every valid row is on the (single) chain: a point each");
        List<List<Object>> scores = query(env, "SELECT block_producer_key, score, score_percent FROM nodes ORDER BY 1");
        List<List<Object>> expected = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            if (p != BAD) {
                expected.add(List.of(producer(p), 2, new BigDecimal("100.00")));
            }
        }
        assertEquals(expected, scores, "every good producer scored in 2 of 2 batches; the bad one is nowhere");
        assertEquals(0, count(env, "SELECT count(*) FROM points p JOIN nodes n ON n.id = p.node_id"
                + " WHERE n.block_producer_key = '" + producer(BAD) + "'"));

        String out = result.out();
        assertTrue(out.contains("Launching local verifier local-verifier-"), out);
        assertTrue(out.contains("fake verifier: 3 submissions verified, 1 invalid"), "stdout logged: " + out);
        assertTrue(!out.contains("POSTGRES_PASSWORD=") && !out.contains("password=postgres"), "no secret logged");
    }

    @Test
    void aFailingVerifierFailsTheBatch() throws Exception {
        Map<String, String> env = prepare(fakeVerifierCommand("--exit-code", "3"));

        Cli.Result result = run(env, Map.of());

        assertEquals(1, result.exitCode(), result.out());
        String out = result.out();
        assertTrue(out.contains("for window [2024-03-01 00:"), out);
        assertTrue(out.contains("failed with exit code 3"), out);
        assertTrue(out.contains("fake verifier: storage unavailable, giving up"), "stderr logged: " + out);
        assertEquals(1, count(env, "SELECT count(*) FROM bot_logs"), "no batch written");
        assertEquals(0, count(env, "SELECT count(*) FROM submissions WHERE verified IS NOT NULL"));
        assertEquals(0, count(env, "SELECT count(*) FROM points"));
    }

    /** Takes VERIFIER_TIMEOUT_MINUTES (1 minute, the least) to run. */
    @Test
    void aHangingVerifierIsKilledAndFailsTheBatch() throws Exception {
        Path pids = Files.createDirectory(dir.resolve("pids"));
        Map<String, String> env = prepare(fakeVerifierCommand("--pid-dir", pids.toString(), "--hang"));

        Cli.Result result = run(env, Map.of("VERIFIER_TIMEOUT_MINUTES", "1"));

        assertEquals(1, result.exitCode(), result.out());
        assertTrue(result.out().contains("ran longer than VERIFIER_TIMEOUT_MINUTES (1 min) and was killed"), result.out());
        assertTrue(result.out().contains("fake verifier: hanging"), "what it printed is logged: " + result.out());
        assertEquals(1, count(env, "SELECT count(*) FROM bot_logs"), "no batch written");
        List<Long> started = pids(pids);
        assertEquals(5, started.size(), "one verifier per slice, all at once: " + started);
        for (long pid : started) {
            await().atMost(Duration.ofSeconds(30)).until(() -> gone(pid));
        }
    }

    private static List<Long> pids(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> Long.valueOf(f.getFileName().toString().replace(".pid", ""))).toList();
        }
    }

}
