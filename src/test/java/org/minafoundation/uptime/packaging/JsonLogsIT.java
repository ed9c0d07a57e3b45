package org.minafoundation.uptime.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * LOG_FORMAT=json, as deploy/ sets it: every line the packaged coordinator writes to stdout
 * and stderr is one JSON object with an ISO-8601 timestamp, the level, the logger and the
 * formatted message, and an exception's stack trace is one field of its line. Two runs: a
 * fresh embedded database (its "Fresh database" line), and a failing verifier (a WARN with
 * the exception, then the stop).
 */
class JsonLogsIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    private static final Pattern RAW_DURATION = Pattern.compile("\\bPT\\d|\\d\\.\\d{3,} ?s\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void everyLineIsOneJsonObjectWithTheFormattedMessage() throws Exception {
        Map<String, String> embedded = Map.of("LOG_FORMAT", "json", "VERIFIER_MODE", "none", "MANAGEMENT_PORT", "0", "SCORES_PORT", "0",
                "EMBEDDED_POSTGRES_DIR", folder.resolve("postgres").toString());
        Run fresh = run(embedded, "fresh", "run", "--until", "2024-01-01 00:00:00");
        assertEquals(0, fresh.exitCode(), fresh.output());

        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch",
                String.valueOf(Instant.now().getEpochSecond() - 3600)).exitCode());
        env.putAll(Map.of("LOG_FORMAT", "json", "VERIFIER_MODE", "local", "VERIFIER_COMMAND", "false",
                "RETRY_COUNT", "1"));
        Run failing = run(env, "failing", "run");
        assertEquals(1, failing.exitCode(), failing.output());

        List<JsonNode> freshLines = lines(fresh);
        List<JsonNode> failingLines = lines(failing);
        assertTrue(freshLines.stream().anyMatch(line -> line.get("message").asText()
                .equals("Fresh database: the first batch starts now")), fresh.output());
        JsonNode retry = failingLines.stream()
                .filter(line -> line.get("message").asText().contains("nothing of it was kept, retry 1 of 1"))
                .findFirst().orElseThrow(() -> new AssertionError("no retry line: " + failing.output()));
        assertEquals("WARN", retry.get("level").asText());
        assertEquals("org.minafoundation.uptime.batch.BatchAttempts", retry.get("logger_name").asText());
        String trace = retry.path("stack_trace").asText();
        assertTrue(trace.contains("VerifierFailedException") && trace.contains("\n\tat "),
                "the stack trace is one field: " + retry);
        assertTrue(failingLines.stream().anyMatch(line -> line.get("level").asText().equals("ERROR")
                && line.get("message").asText().startsWith("Stopping the coordinator with exit code 1")), failing.output());
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(Map<String, String> env, String name, String... args) throws Exception {
        Path output = folder.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " run did not end: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    /** Every line parsed, each checked to be a log event with the fields a log pipeline reads. */
    private static List<JsonNode> lines(Run run) {
        List<JsonNode> parsed = new ArrayList<>();
        List<String> lines = run.output().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + line, notJson);
            }
            assertTrue(event != null && event.isObject(), "not one JSON object: " + line);
            OffsetDateTime.parse(event.path("@timestamp").asText());
            assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(event.path("level").asText()), line);
            assertFalse(event.path("logger_name").asText().isEmpty(), line);
            String message = event.path("message").asText(null);
            assertTrue(message != null && !message.contains("{}"), "a formatted message: " + line);
            assertFalse(RAW_DURATION.matcher(message).find(), "a duration as an operator reads it: " + line);
            parsed.add(event);
        }
        return parsed;
    }
}
