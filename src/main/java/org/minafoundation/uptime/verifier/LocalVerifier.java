package org.minafoundation.uptime.verifier;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.minafoundation.uptime.config.ReadableDuration;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.model.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the verifier for one slice as a child process on this machine (TEST_ENV=1 or
 * VERIFIER_MODE=local), SPEC §3 "Local": {@code docker run ... IMAGE:TAG "<start>" "<end>"},
 * or VERIFIER_COMMAND followed by the two timestamps. The route calls {@link #verify} once
 * per slice, all slices at once, one thread each.
 *
 * <p>Unlike the reference, which only logs what its processes printed: a non-zero exit
 * fails the slice (and so the batch), a process running longer than
 * VERIFIER_TIMEOUT_MINUTES is killed with all its descendants and fails the slice, and a
 * coordinator that stops (the calling thread is interrupted) kills its processes. The
 * output streams are read while the process runs, so a chatty verifier never blocks on a
 * full pipe; they are logged when it ends (stdout at INFO, stderr at WARN), secrets masked.
 */
public final class LocalVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(LocalVerifier.class);

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yy-MM-dd-HH-mm").withZone(ZoneOffset.UTC);

    /** How long to wait for a killed process to be gone, and for its output to be read. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(30);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);

    /** Every verifier process of this JVM still running: killed if the JVM exits first. */
    private static final Map<Process, LocalVerifierCommand> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach((process, command) -> {
            if (process.isAlive()) {
                kill(process, command);
            }
        }), "local-verifier-cleanup"));
    }

    private final Settings settings;
    private final WorkerEnvironment environment;
    private final CassandraAddress cassandraAddress;
    private final Clock clock;
    private final Duration timeout;
    private final Set<Process> mine = ConcurrentHashMap.newKeySet();

    public LocalVerifier(Settings settings, WorkerEnvironment environment, CassandraAddress cassandraAddress, Clock clock) {
        this(settings, environment, cassandraAddress, clock, Duration.ofMinutes(settings.worker().timeoutMinutes()));
    }

    /** With a timeout other than VERIFIER_TIMEOUT_MINUTES: for tests that cannot wait minutes. */
    LocalVerifier(Settings settings, WorkerEnvironment environment, CassandraAddress cassandraAddress, Clock clock,
            Duration timeout) {
        this.settings = settings;
        this.environment = environment;
        this.cassandraAddress = cassandraAddress;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The process name: {@code local-verifier-<yy-MM-dd-HH-mm>-<slice index>} (UTC). */
    public String runName(Slice slice) {
        return "local-verifier-" + RUN_TIME.format(clock.instant()) + "-" + slice.index();
    }

    /**
     * Builds the command of run {@code runName} over {@code slice}, resolving CASSANDRA_HOST;
     * starts nothing. {@code inherited} is the environment the child starts from.
     */
    LocalVerifierCommand command(Slice slice, String runName, Map<String, String> inherited) throws InterruptedException {
        String cassandra = cassandraAddress.resolve(settings.cassandra().host());
        List<WorkerVariable> variables = environment.forSlice(slice, runName, cassandra);
        // Unique, so that a retried batch never meets a container of an earlier attempt.
        String container = runName + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 32);
        return LocalVerifierCommand.of(settings.worker(), slice, variables, container, inherited);
    }

    /** Runs the verifier over {@code slice} and waits for it; throws when it fails. */
    public void verify(Slice slice) throws Exception {
        String runName = runName(slice);
        String window = "[" + slice.verifierStart() + ", " + slice.verifierEnd() + ")";
        LocalVerifierCommand command = command(slice, runName, System.getenv());
        if (settings.worker().noChecks()) {
            LOG.info("{}: the stateless verifier runs with --no-checks (NO_CHECKS=1)", runName);
        }
        LOG.info("Launching local verifier {} for window {}: {}", runName, window, command.describe());

        ProcessBuilder builder = new ProcessBuilder(command.arguments());
        command.applyTo(builder.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            VerifierFailedException failure = new VerifierFailedException("Local verifier " + runName + " for window "
                    + window + " could not start: " + LocalVerifierCommand.mask(String.valueOf(e.getMessage()),
                            command.secretValues()));
            failure.initCause(e);
            throw failure;
        }
        RUNNING.put(process, command);
        mine.add(process);
        closeQuietly(process);
        OutputCollector stdout = OutputCollector.start(process.getInputStream(), runName + "-stdout");
        OutputCollector stderr = OutputCollector.start(process.getErrorStream(), runName + "-stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("Local verifier {} for window {} still runs after {}: killing it and its descendants",
                        runName, window, describe(timeout));
                kill(process, command);
                process.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
                logOutput(runName, window, "killed after " + describe(timeout), stdout, stderr, command);
                throw new VerifierFailedException("Local verifier " + runName + " for window " + window
                        + " ran longer than VERIFIER_TIMEOUT_MINUTES (" + describe(timeout) + ") and was killed");
            }
            int exitCode = process.exitValue();
            String took = ReadableDuration.ofSeconds((System.nanoTime() - started) / 1e9);
            logOutput(runName, window, "exit code " + exitCode + " after " + took, stdout, stderr, command);
            if (exitCode != 0) {
                throw new VerifierFailedException("Local verifier " + runName + " for window " + window
                        + " failed with exit code " + exitCode);
            }
        } catch (InterruptedException e) {
            LOG.warn("Local verifier {} for window {} interrupted (the coordinator is stopping): killing it",
                    runName, window);
            kill(process, command);
            throw e;
        } finally {
            RUNNING.remove(process);
            mine.remove(process);
        }
    }

    /**
     * Kills every verifier process this instance started that still runs (their slices then
     * fail); for a caller that gives a batch up while some of its slices still run.
     *
     * @return how many were killed
     */
    public int stopRunning() {
        int killed = 0;
        for (Process process : List.copyOf(mine)) {
            LocalVerifierCommand command = RUNNING.get(process);
            if (process.isAlive() && command != null) {
                kill(process, command);
                killed++;
            }
        }
        return killed;
    }

    /** Kills the process and all its descendants; a container is removed too (killing its client leaves it running). */
    private static void kill(Process process, LocalVerifierCommand command) {
        killTree(process.toHandle());
        command.container().ifPresent(LocalVerifier::removeContainer);
    }

    /** destroyForcibly on {@code root} and every descendant, each one's own descendants taken before it dies. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> pending = new ArrayList<>();
        pending.add(root);
        // Descendants are found through their parent: once a parent dies its children are
        // re-parented and no longer found, so list a process's descendants before killing it.
        while (!pending.isEmpty()) {
            ProcessHandle next = pending.remove(0);
            next.descendants().forEach(d -> {
                if (!pending.contains(d)) {
                    pending.add(d);
                }
            });
            next.destroyForcibly();
        }
    }

    private static void removeContainer(String container) {
        try {
            Process rm = new ProcessBuilder("docker", "rm", "-f", container).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!rm.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS)) {
                rm.destroyForcibly();
                LOG.warn("docker rm -f {} did not finish in {}", container, describe(AFTER_KILL));
            } else if (rm.exitValue() != 0) {
                LOG.warn("docker rm -f {} exited with {} (the container may already be gone)", container, rm.exitValue());
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove container {}: {}", container, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while removing container {}", container);
        }
    }

    private static void logOutput(String runName, String window, String outcome, OutputCollector stdout,
            OutputCollector stderr, LocalVerifierCommand command) throws InterruptedException {
        String out = LocalVerifierCommand.mask(stdout.awaitText(OUTPUT_DRAIN), command.secretValues());
        String err = LocalVerifierCommand.mask(stderr.awaitText(OUTPUT_DRAIN), command.secretValues());
        LOG.info("Local verifier {} for window {} ended: {}", runName, window, outcome);
        if (!out.isBlank()) {
            LOG.info("{} (stdout, window {}, {}):\n{}", runName, window, outcome, out.strip());
        }
        if (!err.isBlank()) {
            LOG.warn("{} (stderr, window {}, {}):\n{}", runName, window, outcome, err.strip());
        }
    }

    /** The verifier reads nothing from us: it sees the end of its input at once. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it has already ended
        }
    }

    private static String describe(Duration duration) {
        // whole minutes as VERIFIER_TIMEOUT_MINUTES says them
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : ReadableDuration.of(duration);
    }
}
