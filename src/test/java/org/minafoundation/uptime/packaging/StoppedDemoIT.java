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
