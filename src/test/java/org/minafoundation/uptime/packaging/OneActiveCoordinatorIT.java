package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * Two coordinator processes on one database: the second waits while the first runs, says
 * so, and takes over within seconds when the first is killed; nothing is processed twice.
 */
class OneActiveCoordinatorIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));

    @TempDir
    Path folder;

    private Process start(GoldenRun run, String name) throws Exception {
        return start(run, name, 0);
    }

    private Process start(GoldenRun run, String name, int managementPort) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "run", "--until", String.valueOf(run.lastEnd())));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile());
        builder.environment().putAll(run.env());
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("SCORES_PORT", "0");
        return builder.start();
    }

    private String log(String name) throws Exception {
        return Files.readString(folder.resolve(name + ".log"));
    }

    @Test
    void theSecondCoordinatorWaitsThenTakesOver() throws Exception {
        GoldenRun reference = GoldenRun.prepare("steady-50");
        assertEquals(0, reference.runUntil(reference.lastEnd()).exitCode());

        // 18 batches of 2 s each at least: the first still runs while the second starts up (the
        // second says it waits only once its routes run, after Camel's start-up)
        GoldenRun run = GoldenRun.prepare("steady-50");
        TestPostgres.execute(run.database(), """
                CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$;
                CREATE TRIGGER slow_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION slow_batch();
                """);
        Process first = start(run, "first");
        await().atMost(Duration.ofSeconds(60)).until(() -> batches(run.database()) >= 1);
        int port = freePort();
        Process second = start(run, "second", port);
        await().atMost(Duration.ofSeconds(60)).until(() -> log("second").contains("Another coordinator is processing"));
        assertFalse(log("second").contains("done as bot_logs"), "the second one waits");
        // ... alive, with health and metrics up: waiting for the lock is no reason to restart it
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(port, "/observe/health/live") == 200);
        assertEquals(200, status(port, "/observe/metrics"));

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int doneByFirst = batches(run.database());
        assertTrue(doneByFirst < run.batchEnds().size(), "the first was stopped before the end");

        assertTrue(second.waitFor(3, TimeUnit.MINUTES), "the second finished");
        assertEquals(0, second.exitValue(), log("second"));
        assertTrue(log("second").contains("holds the lock"), log("second"));
        assertEquals(DatabaseSnapshot.of(reference.database()), DatabaseSnapshot.of(run.database()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int status(int port, String path) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    private static int batches(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM bot_logs WHERE files_processed > -1")) {
            r.next();
            return r.getInt(1);
        }
    }

}
