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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A coordinator stopped (SIGTERM) while it waits for a batch to end did not fail a batch:
 * even with RETRY_COUNT=0 it shuts down in order (exit 143, the signal's), counts nothing
 * and tells Slack nothing.
 */
class StoppedCoordinatorIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    private static final String WEBHOOK = "/services/T000/B000/stop-test";

    @TempDir
    Path folder;

    @Test
    void aStopWhileWaitingIsNoFailedBatch() throws Exception {
        WireMockServer slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
        slack.stubFor(post(WEBHOOK).willReturn(ok("ok")));
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        env.put("RETRY_COUNT", "0");
        env.put("WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + WEBHOOK);
        Path log = folder.resolve("coordinator.log");
        Process coordinator = null;
        try {
            assertEquals(0, Cli.run(env, "create-database").exitCode());
            // the first batch ends in ten minutes: the coordinator waits for it
            long start = Instant.now().getEpochSecond() - 600;
            assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(start)).exitCode());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toAbsolutePath().toString(), "run").directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            coordinator = builder.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("is not over yet: waiting"));

            coordinator.destroy();

            assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "stopped");
            String output = Files.readString(log);
            assertEquals(143, coordinator.exitValue(), output);
            assertTrue(output.contains("Apache Camel (Main) 4.17.0 is shutdown"), output);
            assertFalse(output.contains("retry 1 of") || output.contains("Stopping the coordinator with exit code 1"),
                    output);
            assertTrue(output.contains("is left for the next start: the coordinator is stopping"), output);
            assertFalse(output.contains("Error processing exchange"), "a stop is no error: " + output);
            // alerts are posted before the process ends (the queue drains on stop)
            assertEquals(0, slack.findAll(postRequestedFor(urlEqualTo(WEBHOOK))).size(), "nothing posted");
        } finally {
            if (coordinator != null) {
                coordinator.destroyForcibly();
            }
            slack.stop();
        }
    }
}
