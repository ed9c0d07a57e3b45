package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged coordinator on the embedded default (./data/postgres), as an operator runs it
 * beside itself: its server commits durably; tasks and a second coordinator started while
 * it runs use its server and leave it running; the second waits for the lock, and when the
 * first stops, runs the server itself and goes on.
 */
class SharedEmbeddedDatabaseIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        for (Process process : started) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Process start(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.startsWith("EMBEDDED_"));
        builder.environment().put("VERIFIER_MODE", "none");
        builder.environment().put("MANAGEMENT_PORT", "0");
        builder.environment().put("SCORES_PORT", "0");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private String finished(String name, String... args) throws Exception {
        Process process = start(name, args);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), name + " did not end");
        assertEquals(0, process.exitValue(), log(name));
        assertClean(log(name));
        return log(name);
    }

    private String log(String name) throws Exception {
        return Files.readString(folder.resolve(name + ".log"));
    }

    private static void assertClean(String log) {
        assertFalse(log.contains("epg-lock"), log);
        assertFalse(log.contains("\tat "), "no stack trace: " + log);
    }

    @Test
    void commandsBesideARunningCoordinatorUseItsServer() throws Exception {
        Path data = folder.resolve("data").resolve("postgres");
        Process first = start("first", "run");
        await().atMost(Duration.ofMinutes(2)).until(() -> !first.isAlive() || log("first").contains("holds the lock"));
        assertTrue(first.isAlive(), log("first"));
        List<String> postmaster = Files.readAllLines(data.resolve("postmaster.pid"));
        int port = Integer.parseInt(postmaster.get(3).strip());
        assertEquals(List.of("on", "on"), durability(port), "fsync, synchronous_commit of the coordinator's own server");

        assertTrue(finished("init", "init-database").contains("bot_logs is not empty"), log("init"));
        assertTrue(finished("cleanup", "cleanup", "--days", "30").contains("Deleted rows older than 30 days"), log("cleanup"));
        assertTrue(finished("create", "create-database").contains("schema is up to date"), log("create"));
        assertEquals(postmaster, Files.readAllLines(data.resolve("postmaster.pid")), "the same server still runs");
        assertEquals(List.of("on", "on"), durability(port));

        // The first waits for its first batch to end (20 minutes): the second has nothing to do, once it holds the lock.
        Process second = start("second", "run", "--until", String.valueOf(Instant.now().getEpochSecond()));
        await().atMost(Duration.ofMinutes(2)).until(() -> !second.isAlive()
                || log("second").contains("Another coordinator is processing batches"));
        assertTrue(second.isAlive(), "the second waits for the lock: " + log("second"));

        first.destroy();
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first stopped");
        assertTrue(second.waitFor(2, TimeUnit.MINUTES), "the second went on and ended");
        assertEquals(0, second.exitValue(), log("second"));
        assertTrue(log("second").contains("this process runs it now"), log("second"));
        assertTrue(log("second").contains("holds the lock"), log("second"));
        assertClean(log("second"));
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "the second stopped the server it ran at the end");
    }

    private static List<String> durability(int port) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
                Statement s = c.createStatement()) {
            List<String> values = new ArrayList<>();
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }
}
