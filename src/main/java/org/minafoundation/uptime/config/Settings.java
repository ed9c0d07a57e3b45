package org.minafoundation.uptime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the coordinator, read once at start-up from the environment (and an
 * optional {@code .env}) and validated: a bad value fails here, naming the variable,
 * before any batch is touched. Names are the reference coordinator's; each concern reads
 * its own variables beside its record ({@code WorkerSettings.read}, ...).
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
        ScoresSettings scores,
        Optional<Path> routesDirectory) {

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

    /** One concern after the other, in this order: the first bad value met is the one named. */
    private static Settings read(Map<String, String> variables, boolean runsBatches) {
        VariableReader env = new VariableReader(variables);
        BatchSettings batch = BatchSettings.read(env);
        PostgresSettings postgres = PostgresSettings.read(env);
        SubmissionStorage storage = env.choice("SUBMISSION_STORAGE", SubmissionStorage.class, SubmissionStorage.POSTGRES);
        WorkerSettings worker = WorkerSettings.read(env, storage, runsBatches);
        AwsSettings aws = AwsSettings.read(env);
        CassandraSettings cassandra = CassandraSettings.read(env, storage, runsBatches);
        AlertSettings alerts = AlertSettings.read(env);
        ApplicationStatusSettings status = ApplicationStatusSettings.read(env, runsBatches);
        S3Settings s3 = S3Settings.read(env);
        OperationsSettings operations = OperationsSettings.read(env);
        ScoresSettings scores = ScoresSettings.read(env);
        return new Settings(batch, postgres, storage, worker, aws, cassandra, alerts, status, s3, operations, scores,
                routesDirectory(env));
    }

    private static Optional<Path> routesDirectory(VariableReader env) {
        Optional<Path> routes = env.optional("ROUTES_DIR").map(Path::of);
        if (routes.isPresent() && !Files.isDirectory(routes.get())) {
            throw new SettingException("ROUTES_DIR", "'" + routes.get() + "' is not a folder");
        }
        return routes;
    }
}
