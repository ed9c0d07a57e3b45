package org.minafoundation.uptime.config;

import java.util.Optional;

/**
 * The stateless verifier: how it runs (VERIFIER_MODE), its image, what every run of it is
 * told, and, for Jobs, how they are written and where they go.
 */
public record WorkerSettings(
        VerifierMode mode,
        boolean testEnvironment,
        Optional<String> image,
        Optional<String> tag,
        VerifierJobSettings job,
        Optional<String> authVolumeMountPath,
        Optional<String> networkName,
        boolean noChecks,
        Optional<String> sslCertFile,
        /** VERIFIER_COMMAND: a local process in place of the image (local mode). */
        Optional<String> localCommand,
        int timeoutMinutes,
        KubernetesSettings kubernetes,
        // the chain the SIMULATED verifier judges by: the seed the simulated network was written with
        long simulationSeed) {

    /** With {@code runsBatches}, what the chosen mode needs must be there (the image, the files it reads). */
    static WorkerSettings read(VariableReader env, SubmissionStorage storage, boolean runsBatches) {
        boolean testEnvironment = env.flag("TEST_ENV");
        VerifierMode mode = env.choice("VERIFIER_MODE", VerifierMode.class,
                testEnvironment ? VerifierMode.LOCAL : VerifierMode.KUBERNETES);
        if (mode == VerifierMode.SIMULATED && storage != SubmissionStorage.POSTGRES) {
            // The simulated verifier fills the verifier columns of the Postgres submissions table.
            throw new SettingException("VERIFIER_MODE", "'" + env.text("VERIFIER_MODE", "")
                    + "' needs SUBMISSION_STORAGE=POSTGRES (the simulated network lives in the submissions table), not "
                    + storage.name());
        }
        boolean needsImage = runsBatches && (mode == VerifierMode.KUBERNETES
                || (mode == VerifierMode.LOCAL && env.optional("VERIFIER_COMMAND").isEmpty()));
        String imageWhy = "when VERIFIER_MODE is " + mode.name().toLowerCase() + " (set VERIFIER_MODE=none to skip verification)";
        WorkerSettings worker = new WorkerSettings(
                mode,
                testEnvironment,
                needsImage ? Optional.of(env.required("WORKER_IMAGE", imageWhy)) : env.optional("WORKER_IMAGE"),
                needsImage ? Optional.of(env.required("WORKER_TAG", imageWhy)) : env.optional("WORKER_TAG"),
                VerifierJobSettings.read(env),
                // Kubernetes rejects a volume mount without a path: default to the reference chart's folder.
                mode == VerifierMode.KUBERNETES
                        ? Optional.of(env.text("AUTH_VOLUME_MOUNT_PATH", "/var/mina-delegation-verify-auth"))
                        : env.optional("AUTH_VOLUME_MOUNT_PATH"),
                env.optional("NETWORK_NAME"),
                env.flag("NO_CHECKS"),
                // a file here for this coordinator's Cassandra session and a local verifier (a Job gets its own)
                runsBatches && (storage == SubmissionStorage.CASSANDRA || mode == VerifierMode.LOCAL)
                        ? env.readableFile("SSL_CERTFILE") : env.optional("SSL_CERTFILE"),
                env.optional("VERIFIER_COMMAND"),
                env.integer("VERIFIER_TIMEOUT_MINUTES", 60, 1),
                KubernetesSettings.read(env, mode, runsBatches),
                env.longInteger("SIMULATION_SEED", 1));
        if (mode == VerifierMode.KUBERNETES) {
            requireAPollBeforeDeletion(worker.job().ttlSecondsAfterFinished(), worker.kubernetes().jobPollSeconds());
        }
        return worker;
    }

    /** A Job deleted before a poll saw it finish cannot be told from a vanished one: the batch would fail. */
    private static void requireAPollBeforeDeletion(Optional<Integer> ttl, int poll) {
        if (ttl.isPresent() && ttl.get() < 2 * poll) {
            throw new SettingException("WORKER_TTL_SECONDS_AFTER_FINISHED", "'" + ttl.get()
                    + "' lets Kubernetes delete a finished Job before the coordinator sees how it ended (it looks"
                    + " every JOB_POLL_SECONDS = " + poll + " s): use at least " + 2 * poll + ", or leave it unset");
        }
    }
}
