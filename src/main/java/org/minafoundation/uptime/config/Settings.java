package org.minafoundation.uptime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the coordinator, read once at start-up from the environment (and an
 * optional {@code .env}) and validated: a bad value fails here, naming the variable,
 * before any batch is touched. Names are the reference coordinator's.
 */
public record Settings(
        BatchSettings batch,
        PostgresSettings postgres,
        SubmissionStorage submissionStorage,
        WorkerSettings worker,
        AwsSettings aws,
        CassandraSettings cassandra,
        AlertSettings alerts,
        ApplicationStatusSettings applicationStatus,
        S3Settings s3,
        OperationsSettings operations,
        Optional<Path> routesDirectory) {

    /** How time is walked: batch length, slices, score window, retries. */
    public record BatchSettings(
            int surveyIntervalMinutes,
            int miniBatchNumber,
            int uptimeDaysForScore,
            int retryCount,
            int retryDelaySeconds) {
    }

    /** The stateless verifier and where it runs. */
    public record WorkerSettings(
            VerifierMode mode,
            boolean testEnvironment,
            Optional<String> image,
            Optional<String> tag,
            Optional<Integer> ttlSecondsAfterFinished,
            int spreadMaxSkew,
            Optional<String> nodePool,
            Optional<String> authVolumeMountPath,
            Optional<String> cpuRequest,
            Optional<String> memoryRequest,
            Optional<String> cpuLimit,
            Optional<String> memoryLimit,
            String imagePullPolicy,
            Optional<String> networkName,
            boolean noChecks,
            Optional<String> sslCertFile,
            Optional<String> localCommand,
            int timeoutMinutes,
            Optional<String> secretName,
            Optional<String> namespace,
            int jobPollSeconds,
            Optional<Path> kubeconfig,
            // the chain the SIMULATED verifier judges by: the seed the simulated network was written with
            long simulationSeed) {
    }

    /** AWS credentials and places shared by the verifier and Keyspaces. */
    public record AwsSettings(
            Optional<String> region,
            Optional<String> defaultRegion,
            Optional<String> s3Bucket,
            Optional<String> keyspace,
            Secret accessKeyId,
            Secret secretAccessKey,
            /** With temporary keys (an assumed role, SSO): their session token. */
            Secret sessionToken,
            Optional<String> roleArn,
            Optional<String> roleSessionName,
            Optional<String> webIdentityTokenFile) {
    }

    /** Cassandra or AWS Keyspaces, when submissions are stored there. */
    public record CassandraSettings(
            Optional<String> host,
            int port,
            Optional<String> username,
            Secret password,
            Optional<String> datacenter) {

        /** The AWS region of a Keyspaces host: its second label (cassandra.us-west-2.amazonaws.com). */
        public Optional<String> region() {
            return host.map(h -> h.split("\\.")).filter(labels -> labels.length > 1).map(labels -> labels[1]);
        }

        /** CASSANDRA_DC, else the region for AWS hosts, else Cassandra's default datacenter1. */
        public String localDatacenter() {
            return datacenter.orElseGet(() -> host.filter(h -> h.endsWith(".amazonaws.com")).flatMap(h -> region())
                    .orElse("datacenter1"));
        }
    }

    /** Slack alerts on verification time. */
    public record AlertSettings(Secret webhookUrl, Optional<Double> lowerLimitSeconds, Optional<Double> upperLimitSeconds) {
    }

    /** Application status synced from the Google spreadsheet. */
    public record ApplicationStatusSettings(
            boolean ignore,
            Optional<String> spreadsheetName,
            Optional<String> spreadsheetId,
            Optional<String> credentialsJson,
            boolean authoritative) {

        /** Whether the batches sync it: not ignored, and a spreadsheet with its key is set. */
        public boolean synced() {
            return !ignore && (spreadsheetId.isPresent() || spreadsheetName.isPresent()) && credentialsJson.isPresent();
        }
    }

    /**
     * Health, metrics and the dev console on MANAGEMENT_PORT (0: no management server);
     * JSON log lines with LOG_FORMAT=json.
     */
    public record OperationsSettings(int managementPort, boolean devConsole, boolean jsonLogs) {
    }

    /** S3 (or an S3-compatible store) for cleanup archives and the published scoreboard. */
    public record S3Settings(
            Optional<String> scoresUri,
            Optional<String> endpoint,
            boolean forcePathStyle,
            Optional<String> region) {
    }

    /** Reads and validates every setting; throws {@link SettingException} naming the first bad one. */
    public static Settings from(Map<String, String> variables) {
        return read(variables, true);
    }

    /**
     * The same for the database tasks, which touch only PostgreSQL: every value set is still
     * checked, but what only the batch loop uses (the verifier image, Cassandra's host and
     * keyspace, the files it reads) need not be there, so a one-off task runs with
     * {@code POSTGRES_*} alone.
     */
    public static Settings forTasks(Map<String, String> variables) {
        return read(variables, false);
    }

    private static Settings read(Map<String, String> variables, boolean runsBatches) {
        VariableReader env = new VariableReader(variables);

        BatchSettings batch = new BatchSettings(
                env.integer("SURVEY_INTERVAL_MINUTES", 20, 1),
                env.integer("MINI_BATCH_NUMBER", 5, 1),
                env.integer("UPTIME_DAYS_FOR_SCORE", 90, 1),
                env.integer("RETRY_COUNT", 3, 0),
                env.integer("RETRY_DELAY_SECONDS", 10, 0));

        Optional<String> host = env.optional("POSTGRES_HOST");
        String why = "when POSTGRES_HOST is set";
        PostgresSettings postgres = new PostgresSettings(
                host,
                env.port("POSTGRES_PORT", 5432, 1),
                host.isPresent() ? env.required("POSTGRES_DB", why) : env.text("POSTGRES_DB", "postgres"),
                host.isPresent() ? env.required("POSTGRES_USER", why) : env.text("POSTGRES_USER", "postgres"),
                env.secret("POSTGRES_PASSWORD"),
                env.optional("POSTGRES_RO_USER"),
                env.secret("POSTGRES_RO_PASSWORD"),
                Path.of(env.text("EMBEDDED_POSTGRES_DIR", "data/postgres")));

        SubmissionStorage storage = env.choice("SUBMISSION_STORAGE", SubmissionStorage.class, SubmissionStorage.POSTGRES);

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
                env.optionalInteger("WORKER_TTL_SECONDS_AFTER_FINISHED", 0),
                env.integer("SPREAD_MAX_SKEW", 1, 1),
                env.optional("K8S_NODE_POOL"),
                // Kubernetes rejects a volume mount without a path: default to the reference chart's folder.
                mode == VerifierMode.KUBERNETES
                        ? Optional.of(env.text("AUTH_VOLUME_MOUNT_PATH", "/var/mina-delegation-verify-auth"))
                        : env.optional("AUTH_VOLUME_MOUNT_PATH"),
                env.quantity("WORKER_CPU_REQUEST"),
                env.quantity("WORKER_MEMORY_REQUEST"),
                env.quantity("WORKER_CPU_LIMIT"),
                env.quantity("WORKER_MEMORY_LIMIT"),
                env.oneOf("IMAGE_PULL_POLICY", "IfNotPresent", "Always", "IfNotPresent", "Never"),
                env.optional("NETWORK_NAME"),
                env.flag("NO_CHECKS"),
                // a file here for this coordinator's Cassandra session and a local verifier (a Job gets its own)
                runsBatches && (storage == SubmissionStorage.CASSANDRA || mode == VerifierMode.LOCAL)
                        ? env.readableFile("SSL_CERTFILE") : env.optional("SSL_CERTFILE"),
                env.optional("VERIFIER_COMMAND"),
                env.integer("VERIFIER_TIMEOUT_MINUTES", 60, 1),
                env.optional("WORKER_SECRET_NAME"),
                env.optional("KUBERNETES_NAMESPACE"),
                env.integer("JOB_POLL_SECONDS", 10, 1),
                // read only by a Kubernetes verifier: a stale one in the shell stops nothing else
                (runsBatches && mode == VerifierMode.KUBERNETES ? env.readableFile("KUBECONFIG")
                        : env.optional("KUBECONFIG")).map(Path::of),
                env.longInteger("SIMULATION_SEED", 1));
        if (mode == VerifierMode.KUBERNETES && worker.ttlSecondsAfterFinished().isPresent()
                && worker.ttlSecondsAfterFinished().get() < 2 * worker.jobPollSeconds()) {
            // A Job deleted before a poll saw it finish cannot be told from a vanished one: the batch would fail.
            throw new SettingException("WORKER_TTL_SECONDS_AFTER_FINISHED", "'" + worker.ttlSecondsAfterFinished().get()
                    + "' lets Kubernetes delete a finished Job before the coordinator sees how it ended (it looks"
                    + " every JOB_POLL_SECONDS = " + worker.jobPollSeconds() + " s): use at least "
                    + 2 * worker.jobPollSeconds() + ", or leave it unset");
        }

        AwsSettings aws = new AwsSettings(
                env.optional("AWS_REGION"),
                env.optional("AWS_DEFAULT_REGION"),
                env.optional("AWS_S3_BUCKET"),
                (runsBatches && storage == SubmissionStorage.CASSANDRA
                        ? Optional.of(env.required("AWS_KEYSPACE", "when SUBMISSION_STORAGE is CASSANDRA"))
                        : env.optional("AWS_KEYSPACE")).map(keyspace -> {
                            // spliced into CQL as an identifier, so only a plain name is accepted
                            if (!keyspace.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
                                throw new SettingException("AWS_KEYSPACE", "'" + keyspace + "' is not a keyspace name");
                            }
                            return keyspace;
                        }),
                env.secret("AWS_ACCESS_KEY_ID"),
                env.secret("AWS_SECRET_ACCESS_KEY"),
                env.secret("AWS_SESSION_TOKEN"),
                env.optional("AWS_ROLE_ARN"),
                env.optional("AWS_ROLE_SESSION_NAME"),
                env.optional("AWS_WEB_IDENTITY_TOKEN_FILE"));

        CassandraSettings cassandra = new CassandraSettings(
                runsBatches && storage == SubmissionStorage.CASSANDRA
                        ? Optional.of(env.required("CASSANDRA_HOST", "when SUBMISSION_STORAGE is CASSANDRA"))
                        : env.optional("CASSANDRA_HOST"),
                env.port("CASSANDRA_PORT", 9142, 1),
                env.optional("CASSANDRA_USERNAME"),
                env.secret("CASSANDRA_PASSWORD"),
                env.optional("CASSANDRA_DC"));

        AlertSettings alerts = new AlertSettings(
                env.secret("WEBHOOK_URL"),
                env.decimal("ALARM_ZK_LOWER_LIMIT_SEC"),
                env.decimal("ALARM_ZK_UPPER_LIMIT_SEC"));

        boolean ignoreStatus = env.flag("IGNORE_APPLICATION_STATUS");
        boolean spreadsheetSet = env.optional("SPREADSHEET_ID").isPresent() || env.optional("SPREADSHEET_NAME").isPresent();
        Optional<String> credentials = env.optional("SPREADSHEET_CREDENTIALS_JSON");
        if (runsBatches && !ignoreStatus && spreadsheetSet) {
            env.required("SPREADSHEET_CREDENTIALS_JSON", "when SPREADSHEET_ID or SPREADSHEET_NAME is set");
            env.readableFile("SPREADSHEET_CREDENTIALS_JSON");
        }
        ApplicationStatusSettings status = new ApplicationStatusSettings(
                ignoreStatus,
                env.optional("SPREADSHEET_NAME"),
                env.optional("SPREADSHEET_ID"),
                credentials,
                env.flag("APPLICATION_STATUS_AUTHORITATIVE"));

        S3Settings s3 = new S3Settings(
                env.optional("SCORES_S3_URI").map(uri -> {
                    if (!uri.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.+)")) {
                        throw new SettingException("SCORES_S3_URI", "'" + uri + "' is not s3://bucket/key");
                    }
                    return uri;
                }),
                env.optional("S3_ENDPOINT_URL"),
                env.flag("S3_FORCE_PATH_STYLE"),
                env.optional("S3_REGION").or(() -> env.optional("AWS_REGION")));

        OperationsSettings operations = new OperationsSettings(
                env.port("MANAGEMENT_PORT", 8080, 0),
                env.flag("DEV_CONSOLE"),
                switch (env.text("LOG_FORMAT", "text").toLowerCase(java.util.Locale.ROOT)) {
                    case "text" -> false;
                    case "json" -> true;
                    default -> throw new SettingException("LOG_FORMAT",
                            "'" + env.text("LOG_FORMAT", "") + "' is not text or json");
                });

        Optional<Path> routes = env.optional("ROUTES_DIR").map(Path::of);
        if (routes.isPresent() && !Files.isDirectory(routes.get())) {
            throw new SettingException("ROUTES_DIR", "'" + routes.get() + "' is not a folder");
        }
        return new Settings(batch, postgres, storage, worker, aws, cassandra, alerts, status, s3, operations, routes);
    }
}
