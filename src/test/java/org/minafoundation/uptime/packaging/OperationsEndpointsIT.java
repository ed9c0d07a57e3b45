package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;

/**
 * The packaged coordinator's management endpoints: readiness follows the database,
 * liveness follows the batch loop, and the metrics move as batches are processed.
 */
class OperationsEndpointsIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    /** Recognisable; the embedded server trusts every login. */
    private static final String PASSWORD = "pg-SECRET-ops";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path folder;

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception notUp) {
            return -1;
        }
    }

    private String metrics(int port) throws Exception {
        return body(port, "/observe/metrics");
    }

    private String body(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : -1;
    }

    @Test
    void healthAndMetricsOverHttp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres database = EmbeddedPostgres.builder().start();
        Process coordinator = null;
        try {
            Map<String, String> env = new HashMap<>(Map.of("POSTGRES_HOST", "localhost",
                    "POSTGRES_PORT", String.valueOf(database.getPort()), "POSTGRES_DB", "postgres",
                    "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", PASSWORD, "VERIFIER_MODE", "none",
                    "MANAGEMENT_PORT", String.valueOf(port), "DEV_CONSOLE", "1"));
            // run serves the scores beside the management server, as it does by default
            int scoresPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                scoresPort = socket.getLocalPort();
            }
            env.put("SCORES_PORT", String.valueOf(scoresPort));
            assertEquals(0, Cli.run(env, "create-database").exitCode());
            // two batches ended a minute or more ago (processed at once), the third ends in 19 minutes
            long start = Instant.now().getEpochSecond() / 60 * 60 - 2460;
            assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(start)).exitCode());

            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toAbsolutePath().toString(), "run").directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("coordinator.log").toFile());
            builder.environment().putAll(env);
            coordinator = builder.start();
            int p = port;

            await().atMost(Duration.ofSeconds(90)).until(() -> status(p, "/observe/health/ready") == 200);
            assertEquals(200, status(port, "/observe/health/live"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> value(metrics(p), "uptime_batches_processed_total") == 2.0);
            String text = metrics(port);
            for (String name : List.of("uptime_batches_failed_total", "uptime_batch_retries_total",
                    "uptime_batch_processing_seconds_count", "uptime_batch_verification_seconds_count",
                    "uptime_submissions_loaded_total", "uptime_submissions_ignored_total",
                    "uptime_submissions_malformed_total", "uptime_producers_scored_total", "uptime_points_granted_total",
                    "uptime_verifier_jobs_launched_total", "uptime_verifier_jobs_failed_total", "uptime_batch_lag_seconds")) {
                assertTrue(value(text, name) >= 0, name + " missing from:\n" + text);
            }
            assertEquals(2.0, value(text, "uptime_batch_processing_seconds_count"));
            assertTrue(body(scoresPort, "/api/v1/leaderboard").contains("\"maxScore\":2"), "run serves the scores");
            List<String> help = text.lines().filter(line -> line.startsWith("# HELP uptime_")).toList();
            assertEquals(15, help.size(), "12 metrics, the 2 timers with their _max: " + help);
            for (String line : help) {
                String[] parts = line.split(" ", 4);
                assertTrue(parts.length == 4 && parts[3].strip().length() > 10
                        && !parts[3].strip().replace(' ', '_').toLowerCase().startsWith(parts[2]), "a real HELP text: " + line);
            }
            String routes = body(port, "/q/dev/route");
            assertTrue(routes.contains("batch-loop"), "DEV_CONSOLE=1 serves the developer console: " + routes);
            String beans = body(port, "/q/dev/bean");
            assertTrue(beans.contains("postgresSubmissions"), "the console lists the beans: " + beans);
            assertFalse(beans.contains(PASSWORD), "the database password is in the console's beans: " + beans);
            double lag = value(text, "uptime_batch_lag_seconds");
            assertTrue(lag > 0 && lag < 3600, "lag is behind now by less than a batch and the wait: " + lag);

            database.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> status(p, "/observe/health/ready") == 503);
            assertEquals(200, status(port, "/observe/health/live"), "a database outage is not a reason to restart");
            String log = Files.readString(folder.resolve("coordinator.log"));
            assertTrue(!log.contains(PASSWORD));
            assertFalse(log.contains("already registered"), "no meter registered twice: " + log);
            assertTrue(log.contains("is not over yet: waiting ") && log.contains(" took "), log);
            Matcher raw = Pattern.compile("\\bPT\\d|\\d\\.\\d{3,} ?s\\b").matcher(log);
            boolean rawDuration = raw.find();
            assertFalse(rawDuration, () -> "durations as an operator reads them: " + raw.group() + "\n" + log);
        } finally {
            if (coordinator != null) {
                coordinator.destroy();
                coordinator.waitFor(30, TimeUnit.SECONDS);
            }
            database.close();
        }
    }
}
