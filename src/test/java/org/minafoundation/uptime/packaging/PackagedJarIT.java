package org.minafoundation.uptime.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fat jar itself, as an operator starts it: the command line answers, and on
 * the embedded default (nothing installed, no routes folder) it loads the routes kept in
 * the jar and processes batches. Catches service files lost when the jar was merged.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));

    @TempDir
    Path workDir;

    record Outcome(int exitCode, String output) {
    }

    private Outcome java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=America/New_York", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.equals("VERIFIER_MODE"));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the jar did not end");
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryTask() throws Exception {
        Outcome help = java(Map.of(), "--help");
        assertEquals(0, help.exitCode());
        for (String task : List.of("run", "create-database", "init-database", "drop-database", "create-ro-user", "cleanup")) {
            assertTrue(help.output().contains(task), task + " missing from: " + help.output());
        }
        assertEquals(2, java(Map.of(), "--no-such-option").exitCode());
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() throws Exception {
        Outcome bad = java(Map.of("SURVEY_INTERVAL_MINUTES", "twenty", "VERIFIER_MODE", "none"), "run");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.output().contains("SURVEY_INTERVAL_MINUTES") && bad.output().contains("twenty"), bad.output());
        assertTrue(Files.notExists(workDir.resolve("data")), "nothing was started or written");
    }

    @Test
    void runsBatchesOnTheEmbeddedDefaultWithTheRoutesInTheJar() throws Exception {
        // no management server: port 8080 may be taken on a shared machine (OperationsEndpointsIT tests it)
        Map<String, String> env = Map.of("VERIFIER_MODE", "none", "MANAGEMENT_PORT", "0", "SCORES_PORT", "0");
        long start = Instant.now().getEpochSecond() / 60 * 60 - 3600;
        assertEquals(0, java(env, "init-database", "--batch-end-epoch", String.valueOf(start)).exitCode());

        Outcome run = java(env, "run", "--until", String.valueOf(start + 2400));

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Loading routes from classpath:routes/"), run.output());
        assertEquals(2, run.output().split("done as bot_logs", -1).length - 1, run.output());
        assertTrue(Files.isDirectory(workDir.resolve("data/postgres")), "the embedded data stays in ./data/postgres");

        Outcome again = java(env, "init-database");
        assertTrue(again.output().contains("bot_logs is not empty"), "the data survived: " + again.output());
    }
}
