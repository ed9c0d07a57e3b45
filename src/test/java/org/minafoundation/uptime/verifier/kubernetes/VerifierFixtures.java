package org.minafoundation.uptime.verifier.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;

/** Settings, slices and Jobs shared by the verifier Job tests: an operator's full Kubernetes set-up. */
final class VerifierFixtures {

    static final String GROUP = "delegation-verify-23-11-06-15-35-k3x9a";
    static final String JOB_NAME = GROUP + "-0";
    static final String CASSANDRA_IP = "10.1.2.3";

    static final String POSTGRES_PASSWORD = "pg-Secret-7f3a91";
    static final String CASSANDRA_PASSWORD = "cass-Secret-55bc02";
    static final String AWS_ACCESS_KEY_ID = "AKIAEXAMPLEKEY123456";
    static final String AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";

    /** Appendix A: batch start 2023-11-06 15:35:47.630499, 5 minutes, 10 slices. */
    static final Batch APPENDIX_A = new Batch(Instant.parse("2023-11-06T15:35:47.630499Z"),
            Instant.parse("2023-11-06T15:40:47.630499Z"), 1, 10);

    private VerifierFixtures() {
    }

    /** Every variable SPEC §3 reads, set to a recognisable value. */
    static Map<String, String> fullEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("VERIFIER_MODE", "kubernetes");
        env.put("WORKER_IMAGE", "673156464838.dkr.ecr.us-west-2.amazonaws.com/delegation-verify");
        env.put("WORKER_TAG", "2.0.0-abc1234");
        env.put("WORKER_TTL_SECONDS_AFTER_FINISHED", "3600");
        env.put("AUTH_VOLUME_MOUNT_PATH", "/var/auth");
        env.put("WORKER_CPU_REQUEST", "500m");
        env.put("WORKER_MEMORY_REQUEST", "1Gi");
        env.put("WORKER_CPU_LIMIT", "2");
        env.put("WORKER_MEMORY_LIMIT", "4Gi");
        env.put("NETWORK_NAME", "mainnet");
        env.put("AWS_REGION", "us-west-2");
        env.put("AWS_S3_BUCKET", "mina-uptime-blocks");
        env.put("AWS_KEYSPACE", "bpu_integration_dev");
        env.put("AWS_ACCESS_KEY_ID", AWS_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET_ACCESS_KEY);
        env.put("CASSANDRA_HOST", "cassandra.us-west-2.amazonaws.com");
        env.put("CASSANDRA_PORT", "9142");
        env.put("CASSANDRA_USERNAME", "uptime-user");
        env.put("CASSANDRA_PASSWORD", CASSANDRA_PASSWORD);
        env.put("POSTGRES_HOST", "db.delegation.internal");
        env.put("POSTGRES_PORT", "6543");
        env.put("POSTGRES_DB", "delegation_program");
        env.put("POSTGRES_USER", "coordinator");
        env.put("POSTGRES_PASSWORD", POSTGRES_PASSWORD);
        return env;
    }

    /** {@link #fullEnvironment()} with some variables replaced; a null value removes one. */
    static Settings settings(String... overrides) {
        Map<String, String> env = fullEnvironment();
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                env.remove(overrides[i]);
            } else {
                env.put(overrides[i], overrides[i + 1]);
            }
        }
        return Settings.from(env);
    }

    static Slice firstSlice() {
        return APPENDIX_A.slices().get(0);
    }

    static PodSpec pod(JobSpec spec) {
        return spec.getTemplate().getSpec();
    }

    static Container worker(JobSpec spec) {
        List<Container> containers = pod(spec).getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected exactly one container, got " + containers.size());
        }
        return containers.get(0);
    }

    static Container init(JobSpec spec) {
        List<Container> containers = pod(spec).getInitContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected exactly one init container, got " + containers.size());
        }
        return containers.get(0);
    }

    /** Env variables by name, in order; fails on a duplicate name. */
    static Map<String, EnvVar> envByName(Container container) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (byName.put(var.getName(), var) != null) {
                throw new AssertionError("variable " + var.getName() + " appears twice in " + container.getName());
            }
        }
        return byName;
    }
}
