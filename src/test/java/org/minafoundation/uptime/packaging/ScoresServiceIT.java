package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.ManagementPort;
import org.minafoundation.uptime.support.SubmissionsCsv;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * {@code serve} from the packaged jar, as its own process, over a database the coordinator
 * filled: it answers, says 503 (and not ready) while the database is down, and recovers by
 * itself when it is back.
 */
class ScoresServiceIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path folder;

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesAnswers503WhileTheDatabaseIsDownAndRecovers() throws Exception {
        Path data = folder.resolve("pg");
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int databasePort = server.getPort();
        Map<String, String> env = TestPostgres.environment(server);
        Process serve = null;
        try {
            assertEquals(0, Cli.run(env, "create-database").exitCode());
            SubmissionsCsv.load(server.getPostgresDatabase(), GoldenRun.submissions("midnight-40"));
            assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());
            assertEquals(0, Cli.run(env, "run", "--until", "1709341200").exitCode());

            int port = freePort();
            ManagementPort management = ManagementPort.free();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                    JAR.toAbsolutePath().toString(), "serve"))
                    .directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("serve.log").toFile());
            builder.environment().putAll(env);
            builder.environment().putAll(Map.of("SCORES_PORT", String.valueOf(port),
                    "MANAGEMENT_PORT", management.setting(), "IGNORE_APPLICATION_STATUS", "1"));
            serve = builder.start();
            Process running = serve;
            await("serve answers").atMost(Duration.ofSeconds(90)).until(() -> {
                assertTrue(running.isAlive(), "serve exited");
                try {
                    return get(port, "/api/v1/leaderboard").statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
            JsonNode board = JSON.readTree(get(port, "/api/v1/leaderboard").body());
            assertEquals(39, board.get("total").asInt());
            assertEquals(200, get(port, "/").statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> management.readiness() == 200);

            server.close();
            HttpResponse<String> down = get(port, "/api/v1/leaderboard");
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("database_unavailable", JSON.readTree(down.body()).get("error").asText());
            await().atMost(Duration.ofSeconds(60)).until(() -> management.readiness() == 503);

            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                    .setPort(databasePort).start();
            await("serve recovers by itself").atMost(Duration.ofSeconds(60))
                    .until(() -> get(port, "/api/v1/leaderboard").statusCode() == 200);
            await().atMost(Duration.ofSeconds(60)).until(() -> management.readiness() == 200);
        } finally {
            if (serve != null) {
                serve.destroy();
                assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
            }
            server.close();
        }
    }
}
