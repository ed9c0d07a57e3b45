package org.minafoundation.uptime.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.AwsSettings;
import org.minafoundation.uptime.config.Secret;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.config.WorkerSettings;

/**
 * The variables the stateless verifier reads (SPEC §3), for one slice: its window, where
 * submissions and blocks are, and the credentials to reach them. Unset values are empty.
 */
public final class WorkerEnvironment {

    /** Where the verifier image expects the Keyspaces certificate. */
    public static final String WORKER_CERTIFICATE = "/root/.cassandra/sf-class2-root.crt";

    private final Settings settings;

    public WorkerEnvironment(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param runName the Job or process name (the verifier's AWS role session name)
     * @param cassandraAddress CASSANDRA_HOST as resolved for this dispatch
     */
    public List<WorkerVariable> forSlice(Slice slice, String runName, String cassandraAddress) {
        AwsSettings aws = settings.aws();
        WorkerSettings worker = settings.worker();
        var postgres = settings.postgres();
        String region = text(aws.region());
        List<WorkerVariable> vars = new ArrayList<>();
        vars.add(WorkerVariable.plain("START_TIMESTAMP", slice.verifierStart()));
        vars.add(WorkerVariable.plain("END_TIMESTAMP", slice.verifierEnd()));
        vars.add(WorkerVariable.plain("AWS_ROLE_SESSION_NAME", runName));
        vars.add(WorkerVariable.plain("AWS_REGION", region));
        // The reference hands the worker AWS_REGION as its default region too.
        vars.add(WorkerVariable.plain("AWS_DEFAULT_REGION", aws.defaultRegion().orElse(region)));
        vars.add(WorkerVariable.plain("AWS_S3_BUCKET", text(aws.s3Bucket())));
        vars.add(WorkerVariable.plain("AWS_KEYSPACE", text(settings.cassandra().keyspace())));
        vars.add(WorkerVariable.plain("CASSANDRA_HOST", cassandraAddress));
        vars.add(WorkerVariable.plain("CASSANDRA_PORT", String.valueOf(settings.cassandra().port())));
        vars.add(WorkerVariable.plain("CASSANDRA_USERNAME", text(settings.cassandra().username())));
        vars.add(secret("CASSANDRA_PASSWORD", settings.cassandra().password()));
        vars.add(WorkerVariable.plain("SSL_CERTFILE", WORKER_CERTIFICATE));
        vars.add(WorkerVariable.plain("AUTH_VOLUME_MOUNT_PATH", text(worker.authVolumeMountPath())));
        vars.add(WorkerVariable.plain("NETWORK_NAME", text(worker.networkName())));
        vars.add(WorkerVariable.plain("NO_CHECKS", worker.noChecks() ? "1" : ""));
        vars.add(secret("AWS_ACCESS_KEY_ID", aws.keys().accessKeyId()));
        vars.add(secret("AWS_SECRET_ACCESS_KEY", aws.keys().secretAccessKey()));
        // Temporary keys work only with their token; without one the list stays SPEC §3's.
        if (aws.keys().sessionToken().isSet()) {
            vars.add(secret("AWS_SESSION_TOKEN", aws.keys().sessionToken()));
        }
        vars.add(WorkerVariable.plain("SUBMISSION_STORAGE", settings.submissionStorage().name()));
        vars.add(WorkerVariable.plain("POSTGRES_HOST", text(postgres.host())));
        vars.add(WorkerVariable.plain("POSTGRES_DB", postgres.database()));
        vars.add(WorkerVariable.plain("POSTGRES_USER", postgres.user()));
        vars.add(secret("POSTGRES_PASSWORD", postgres.password()));
        vars.add(WorkerVariable.plain("POSTGRES_PORT", String.valueOf(postgres.port())));
        return vars;
    }

    private static WorkerVariable secret(String name, Secret value) {
        return WorkerVariable.secret(name, value.reveal());
    }

    private static String text(Optional<String> value) {
        return value.orElse("");
    }
}
