package org.minafoundation.uptime.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The packaged coordinator stopped (SIGTERM, or Ctrl-C's SIGINT) while it waits, for a batch
 * to end, before a retry or for the lock: it shuts down in order with the signal's exit status
 * (143, 130; Camel Main stops in the JVM's shutdown hook, when the JVM has already chosen it,
 * as the README's exit codes say), and the stop itself counts nothing and tells Slack nothing.
 */
class StoppedCoordinatorIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    private static final String WEBHOOK = "/services/T000/B000/stop-test";

    @TempDir
    Path folder;

    private WireMockServer slack;
    private Map<String, String> env;
    private String database;
    private Path log;
    private Process coordinator;

    @BeforeEach
    void slackAndDatabase() {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
        slack.stubFor(post(WEBHOOK).willReturn(ok("ok")));
        database = TestPostgres.newDatabaseName();
        env = TestPostgres.environment(database);
        env.put("WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + WEBHOOK);
        log = folder.resolve("coordinator.log");
    }

    @AfterEach
    void stopAll() {
        if (coordinator != null) {
            coordinator.destroyForcibly();
        }
        slack.stop();
    }

    @Test
    void aStopWhileWaitingIsNoFailedBatch() throws Exception {
        env.put("RETRY_COUNT", "0");
        // the first batch ends in ten minutes: the coordinator waits for it
        prepareDatabase(Instant.now().getEpochSecond() - 600);
        startCoordinator();
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("is not over yet: waiting"));

        String output = stopCoordinator();

        assertFalse(output.contains("retry 1 of") || output.contains("Stopping the coordinator with exit code 1"),
                output);
        assertTrue(output.contains("is left for the next start: the coordinator is stopping"), output);
        assertFalse(output.contains("Error processing exchange"), "a stop is no error: " + output);
        // alerts are posted before the process ends (the queue drains on stop)
        assertEquals(List.of(), posts(), "nothing posted");
    }

    @Test
    void aFailureIsPostedBeforeThePauseBeforeItsRetry() throws Exception {
        env.put("RETRY_COUNT", "3");
        env.put("RETRY_DELAY_SECONDS", "3600");
        prepareDatabase(Instant.now().getEpochSecond() - 3600, """
                CREATE FUNCTION fail_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'bot_logs refused for the test'; END $$;
                CREATE TRIGGER fail_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION fail_batch();
                """);
        startCoordinator();

        // the alert comes at once, not after the hour's pause
        await().atMost(Duration.ofSeconds(90)).until(() -> posts().size() == 1);
        assertTrue(posts().get(0).getBodyAsString().contains("bot_logs refused for the test"),
                posts().get(0).getBodyAsString());
        assertTrue(Files.readString(log).contains("retry 1 of 3 in 1h00m00s"), Files.readString(log));

        String output = stopCoordinator();

        assertFalse(output.contains("retry 2 of"), "the stop ended the pause, no attempt after it: " + output);
        assertEquals(1, posts().size(), "the stop posted nothing");
    }

    @Test
    void aStopWhileWaitingForTheLockIsQuiet() throws Exception {
        env.put("RETRY_COUNT", "0");
        prepareDatabase(Instant.now().getEpochSecond() - 3600);
        try (Connection other = TestPostgres.dataSource(database).getConnection()) {
            // another coordinator holds the lock: the advisory lock keyed 'uptime' in ASCII
            try (Statement s = other.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + 0x7570_7469_6d65L + ")");
            }
            startCoordinator();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> Files.readString(log).contains("Another coordinator is processing batches"));

            String output = stopCoordinator("INT", 130);

            assertFalse(output.contains("holds the lock"), output);
            assertFalse(output.contains("Exception"), "a stop is no error: " + output);
            assertFalse(output.contains("Stopping the coordinator with exit code 1"), output);
            assertEquals(List.of(), posts(), "nothing posted");
        }
    }

    private void prepareDatabase(long batchEndEpoch, String... sqlAfterInit) {
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(batchEndEpoch)).exitCode());
        for (String sql : sqlAfterInit) {
            TestPostgres.execute(database, sql);
        }
    }

    private void startCoordinator() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "run").directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        coordinator = builder.start();
    }

    /** SIGTERM; returns the output of an orderly stop with the signal's exit status. */
    private String stopCoordinator() throws Exception {
        return stopCoordinator("TERM", 143);
    }

    private String stopCoordinator(String signal, int exitStatus) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(coordinator.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "stopped");
        String output = Files.readString(log);
        assertEquals(exitStatus, coordinator.exitValue(), output);
        assertTrue(output.contains("Apache Camel (Main) 4.17.0 is shutdown"), output);
        assertTrue(Files.readString(Path.of("README.md")).contains(exitStatus + " stopped by SIG" + signal),
                "the README's exit codes list " + exitStatus);
        return output;
    }

    private List<LoggedRequest> posts() {
        return slack.findAll(postRequestedFor(urlEqualTo(WEBHOOK)));
    }
}
