package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demo stopped midway (Ctrl-C in a terminal, SIGTERM here: the same shutdown) leaves
 * neither its embedded PostgreSQL running nor its temporary folder behind.
 */
class StoppedDemoIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));

    @TempDir
    Path folder;

    @Test
    void aStoppedDemoLeavesNeitherItsDatabaseNorItsFolder() throws Exception {
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        Path log = folder.resolve("demo.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", JAR.toAbsolutePath().toString(),
                "demo", "--hours", "240", "--producers", "400")
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> Files.readString(log).contains("batch 3/"));
            assertEquals(1, demoFolders(tmp).size(), "the demo's folder while it runs");
            assertTrue(postgresUnder(tmp), "its PostgreSQL runs");

        } finally {
            stopAndFindNothingLeft(demo, tmp, log);
        }
    }

    @Test
    void demoServeShowsItsScoresUntilStoppedThenLeavesNothing() throws Exception {
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        Path log = folder.resolve("serve.log");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", JAR.toAbsolutePath().toString(),
                "demo", "--hours", "2", "--producers", "20", "--serve", String.valueOf(port))
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI leaderboard = java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/leaderboard");
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> Files.readString(log)
                    .contains("Serving the demo's scores at http://localhost:" + port + "/"));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(java.net.http.HttpRequest.newBuilder(leaderboard)
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            String board = http.send(java.net.http.HttpRequest.newBuilder(leaderboard).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            // six batches in two hours; some of the 20 simulated producers may never score
            assertTrue(board.contains("\"maxScore\":6") && board.contains("\"rank\":1"), board);

        } finally {
            stopAndFindNothingLeft(demo, tmp, log);
        }
    }

    /** SIGTERM, as Ctrl-C would: the demo stops, and neither its database nor its folder stays. */
    private static void stopAndFindNothingLeft(Process demo, Path tmp, Path log) throws Exception {
        try {
            demo.destroy();
            assertTrue(demo.waitFor(90, TimeUnit.SECONDS), "the demo stopped");
        } finally {
            demo.destroyForcibly();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !postgresUnder(tmp));
        assertEquals(List.of(), demoFolders(tmp), Files.readString(log));
    }

    private static List<Path> demoFolders(Path tmp) throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("uptime-demo")).toList();
        }
    }

    /** A PostgreSQL server whose data directory is under {@code tmp}. */
    private static boolean postgresUnder(Path tmp) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .filter(line -> line.contains("postgres") && line.contains("-D " + tmp)).isPresent());
    }
}
