package org.minafoundation.uptime.verifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.support.Processes.gone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;
import org.slf4j.LoggerFactory;

/** {@link LocalVerifier} running real child processes (small shell scripts standing in for the verifier). */
class LocalVerifierProcessTest {

    static final Slice SLICE = new Slice(3, Instant.parse("2024-03-01T00:12:00Z"), Instant.parse("2024-03-01T00:16:00Z"));
    static final String WINDOW = "[2024-03-01 00:12:00.0+0000, 2024-03-01 00:16:00.0+0000)";
    static final String RUN = "local-verifier-24-03-01-00-22-3";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T00:22:31Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final ch.qos.logback.classic.Logger logger =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LocalVerifier.class);
    private ExecutorService executor;

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        // kept here only: the chatty test would flood the console
        logger.setAdditive(false);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        logger.setAdditive(true);
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private LocalVerifier verifier(String command, Duration timeout) {
        Map<String, String> env = LocalVerifierCommandTest.baseEnvironment();
        env.put("VERIFIER_COMMAND", command);
        Settings settings = Settings.from(env);
        return new LocalVerifier(settings, new WorkerEnvironment(settings), new CassandraAddress(), CLOCK, timeout);
    }

    private List<ILoggingEvent> events(Level level) {
        synchronized (logs) {
            return logs.list.stream().filter(e -> e.getLevel() == level).toList();
        }
    }

    private String allLogs() {
        synchronized (logs) {
            return String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        }
    }

    @Test
    void aVerifierThatSucceedsGetsItsWindowAndEnvironmentAndItsOutputIsLogged() throws Exception {
        Path args = dir.resolve("args");
        Path script = script("verify.sh", """
                for a in "$@"; do echo "$a" >> '%s'; done
                echo "window $START_TIMESTAMP to $END_TIMESTAMP as $AWS_ROLE_SESSION_NAME on $POSTGRES_HOST:$POSTGRES_PORT"
                echo "connecting with password $POSTGRES_PASSWORD"
                echo "no block in S3 for 3 submissions" >&2
                """.formatted(args));

        verifier(script + " --flag", Duration.ofMinutes(1)).verify(SLICE);

        assertEquals(List.of("--flag", "2024-03-01 00:12:00.0+0000", "2024-03-01 00:16:00.0+0000"),
                Files.readAllLines(args), "the timestamps are the last two arguments");
        String launch = events(Level.INFO).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Launching")).findFirst().orElseThrow();
        assertEquals("Launching local verifier " + RUN + " for window " + WINDOW + ": " + script
                + " --flag \"2024-03-01 00:12:00.0+0000\" \"2024-03-01 00:16:00.0+0000\"", launch);
        String stdout = events(Level.INFO).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith(RUN + " (stdout")).findFirst().orElseThrow();
        assertTrue(stdout.contains("window " + WINDOW.substring(1, 27)), stdout);
        assertTrue(stdout.contains("exit code 0"), stdout);
        assertTrue(stdout.contains("window 2024-03-01 00:12:00.0+0000 to 2024-03-01 00:16:00.0+0000 as " + RUN
                + " on db.internal:5433"), stdout);
        assertTrue(stdout.contains("connecting with password ****"), "a secret the verifier prints is masked: " + stdout);
        List<ILoggingEvent> warnings = events(Level.WARN);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getFormattedMessage().startsWith(RUN + " (stderr, window " + WINDOW + ", exit code 0"));
        assertTrue(warnings.get(0).getFormattedMessage().endsWith("no block in S3 for 3 submissions"));
        LocalVerifierCommandTest.assertNoSecret(allLogs());
    }

    @Test
    void aNonZeroExitFailsTheSliceNamingRunWindowAndExitCode() throws Exception {
        Path script = script("fail.sh", "echo 'cannot reach Cassandra' >&2; exit 3");

        VerifierFailedException failure = assertThrows(VerifierFailedException.class,
                () -> verifier(script.toString(), Duration.ofMinutes(1)).verify(SLICE));

        assertEquals("Local verifier " + RUN + " for window " + WINDOW + " failed with exit code 3", failure.getMessage());
        assertTrue(events(Level.WARN).get(0).getFormattedMessage().contains("cannot reach Cassandra"));
    }

    @Test
    void aCommandThatCannotStartFailsTheSlice() {
        VerifierFailedException failure = assertThrows(VerifierFailedException.class,
                () -> verifier(dir.resolve("no-such-verifier") + " --x", Duration.ofMinutes(1)).verify(SLICE));

        assertTrue(failure.getMessage().startsWith("Local verifier " + RUN + " for window " + WINDOW + " could not start"),
                failure.getMessage());
        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    void largeOutputOnBothStreamsNeverBlocksTheVerifier() throws Exception {
        // 3 MB on each stream, interleaved: far beyond a pipe's buffer
        Path script = script("chatty.sh", """
                i=0
                while [ $i -lt 3000 ]; do
                  printf '%01000d\\n' $i
                  printf '%01000d\\n' $i >&2
                  i=$((i+1))
                done
                echo LAST-LINE
                """);

        assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> verifier(script.toString(), Duration.ofMinutes(1)).verify(SLICE));

        String stdout = events(Level.INFO).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith(RUN + " (stdout")).findFirst().orElseThrow();
        assertTrue(stdout.endsWith("LAST-LINE"), "the end of the output is kept");
        assertTrue(stdout.contains("earlier characters not kept]"), "the start is dropped, and says so");
        assertTrue(stdout.length() < 2 * OutputCollector.LIMIT);
    }

    @Test
    void aVerifierRunningPastTheTimeoutIsKilledWithItsDescendantsAndFailsTheSlice() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = script("hang.sh", """
                sleep 1000 &
                echo "$$ $!" > '%s'
                echo started
                wait
                """.formatted(pids));

        VerifierFailedException failure = assertThrows(VerifierFailedException.class,
                () -> verifier(script.toString(), Duration.ofSeconds(3)).verify(SLICE));

        assertEquals("Local verifier " + RUN + " for window " + WINDOW
                + " ran longer than VERIFIER_TIMEOUT_MINUTES (3 s) and was killed", failure.getMessage());
        assertAllGone(pids);
        assertTrue(allLogs().contains("started"), "what it printed before is logged");
    }

    @Test
    void anInterruptedCallerKillsTheVerifierAndRethrows() throws Exception {
        Path pids = dir.resolve("pids");
        LocalVerifier verifier = verifier(hangingScript(pids).toString(), Duration.ofMinutes(10));
        Future<?> run = verifyInBackground(verifier);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pids) && Files.readString(pids).endsWith("\n"));

        executor.shutdownNow();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> run.get());
        assertInstanceOf(InterruptedException.class, failure.getCause());
        assertAllGone(pids);
    }

    @Test
    void stopRunningKillsTheVerifiersStillRunningAndTheirSlicesFail() throws Exception {
        Path pids = dir.resolve("pids");
        LocalVerifier verifier = verifier(hangingScript(pids).toString(), Duration.ofMinutes(10));
        Future<?> run = verifyInBackground(verifier);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pids) && Files.readString(pids).endsWith("\n"));

        // the script may write its pids before verify() has taken note of its process: until
        // then stopRunning finds none (and kills nothing), so ask until it finds this one
        await("stopRunning kills the running verifier").atMost(Duration.ofSeconds(30))
                .until(() -> verifier.stopRunning() == 1);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> run.get());
        assertInstanceOf(VerifierFailedException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().endsWith("failed with exit code 137"), failure.getCause().getMessage());
        assertAllGone(pids);
        assertEquals(0, verifier.stopRunning());
    }

    /** A verifier that starts a child and waits for it, writing both pids to {@code pids}. */
    private Path hangingScript(Path pids) throws IOException {
        return script("hang.sh", """
                sleep 1000 &
                echo "$$ $!" > '%s'
                wait
                """.formatted(pids));
    }

    private Future<?> verifyInBackground(LocalVerifier verifier) {
        executor = Executors.newSingleThreadExecutor();
        return executor.submit(() -> {
            verifier.verify(SLICE);
            return null;
        });
    }

    /** Every pid written to {@code file} is gone soon (a killed orphan may linger as a zombie: that counts as gone). */
    static void assertAllGone(Path file) throws IOException {
        String[] pids = Files.readString(file).strip().split("\\s+");
        assertEquals(2, pids.length, "the script and its child");
        for (String pid : pids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gone(Long.parseLong(pid)));
        }
    }

    @Test
    void goneSeesALiveProcess() {
        assertFalse(gone(ProcessHandle.current().pid()));
    }
}
