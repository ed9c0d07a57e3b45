package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.AWS_ACCESS_KEY_ID;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.AWS_SECRET_ACCESS_KEY;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.CASSANDRA_IP;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.CASSANDRA_PASSWORD;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.GROUP;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.JOB_NAME;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.POSTGRES_PASSWORD;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.envByName;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.init;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.pod;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.settings;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.worker;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;

/**
 * The verifier Job, field by field against SPEC §3 (and the reference's
 * setUpValidatorPods): one test per group of fields. Each Job is the one the Kubernetes API
 * received from the coordinator's own steps ({@link CreatedJobs}), and each expected value is
 * spelled out as SPEC §3 gives it, so that a wrong name, label or mode in the code shows.
 */
class VerifierJobSpecTest {

    private static final Set<String> SECRET_VARIABLES =
            Set.of("CASSANDRA_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "POSTGRES_PASSWORD");
    private static final List<String> SECRET_VALUES =
            List.of(CASSANDRA_PASSWORD, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, POSTGRES_PASSWORD);

    private static CreatedJobs api;

    @BeforeAll
    static void startApi() {
        api = new CreatedJobs();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    /** The Job the coordinator creates for Appendix A's first slice of dispatch GROUP. */
    private static Job job(Settings settings) throws Exception {
        return api.create(settings, GROUP, VerifierFixtures.firstSlice(), CASSANDRA_IP);
    }

    private static JobSpec jobSpec(Settings settings) throws Exception {
        return job(settings).getSpec();
    }

    @Test
    void theJobAndItsPodsCarryTheGroupLabelAndThePodsTheDoNotDisruptAnnotation() throws Exception {
        Job job = job(settings());

        assertEquals("batch/v1", job.getApiVersion());
        assertEquals("Job", job.getKind());
        assertEquals(GROUP + "-0", job.getMetadata().getName(), "the group and the slice index");
        assertEquals("delegation-program", job.getMetadata().getNamespace());
        assertEquals(Map.of("job-group-name", GROUP), job.getMetadata().getLabels(),
                "a failed dispatch finds its Jobs by this label");
        ObjectMeta pods = job.getSpec().getTemplate().getMetadata();
        assertEquals(Map.of("job-group-name", GROUP), pods.getLabels());
        assertEquals(Map.of("karpenter.sh/do-not-disrupt", "true"), pods.getAnnotations());
    }

    @Test
    void podRunsAsDelegationVerifyNeverRestartsAndFinishedJobsExpire() throws Exception {
        JobSpec spec = jobSpec(settings());

        assertEquals("delegation-verify", pod(spec).getServiceAccountName());
        assertEquals("Never", pod(spec).getRestartPolicy());
        assertEquals(3600, spec.getTtlSecondsAfterFinished());
    }

    @Test
    void kubernetesStopsAJobWhenTheCoordinatorGivesUpOnIt() throws Exception {
        JobSpec spec = jobSpec(settings("RETRY_COUNT", "3", "VERIFIER_TIMEOUT_MINUTES", "45"));

        assertEquals(2, spec.getBackoffLimit(), "failed at the third failed pod, as the coordinator counts");
        assertEquals(2700L, spec.getActiveDeadlineSeconds());
        assertEquals(0, jobSpec(settings("RETRY_COUNT", "0")).getBackoffLimit(), "failed at the first failed pod");
    }

    @Test
    void withoutWorkerTtlTheJobHasNoTtl() throws Exception {
        JobSpec spec = jobSpec(settings("WORKER_TTL_SECONDS_AFTER_FINISHED", null));

        assertNull(spec.getTtlSecondsAfterFinished());
        assertFalse(Serialization.asYaml(spec).contains("ttlSecondsAfterFinished"));
        assertEquals(20, jobSpec(settings("WORKER_TTL_SECONDS_AFTER_FINISHED", "20")).getTtlSecondsAfterFinished());
    }

    @Test
    void podsOfOneGroupSpreadOverHostsWithDefaultSkewOne() throws Exception {
        TopologySpreadConstraint constraint = single(pod(jobSpec(settings())).getTopologySpreadConstraints());

        assertEquals(1, constraint.getMaxSkew());
        assertEquals("kubernetes.io/hostname", constraint.getTopologyKey());
        assertEquals("DoNotSchedule", constraint.getWhenUnsatisfiable());
        assertEquals(Map.of("job-group-name", GROUP), constraint.getLabelSelector().getMatchLabels());
        assertTrue(constraint.getLabelSelector().getMatchExpressions() == null
                || constraint.getLabelSelector().getMatchExpressions().isEmpty());
    }

    @Test
    void spreadMaxSkewComesFromTheSetting() throws Exception {
        TopologySpreadConstraint constraint =
                single(pod(jobSpec(settings("SPREAD_MAX_SKEW", "3"))).getTopologySpreadConstraints());

        assertEquals(3, constraint.getMaxSkew());
        assertEquals("kubernetes.io/hostname", constraint.getTopologyKey());
        assertEquals("DoNotSchedule", constraint.getWhenUnsatisfiable());
    }

    @Test
    void nodePoolSelectsAndToleratesTheKarpenterPool() throws Exception {
        PodSpec pod = pod(jobSpec(settings("K8S_NODE_POOL", "verifier-pool")));

        assertEquals(Map.of("karpenter.sh/nodepool", "verifier-pool"), pod.getNodeSelector());
        Toleration toleration = single(pod.getTolerations());
        assertEquals("karpenter.sh/nodepool", toleration.getKey());
        assertEquals("Exists", toleration.getOperator());
        assertNull(toleration.getValue());
        assertNull(toleration.getEffect());
    }

    @Test
    void withoutNodePoolThereIsNoSelectorAndNoToleration() throws Exception {
        Settings settings = settings("K8S_NODE_POOL", null);
        PodSpec pod = pod(jobSpec(settings));

        assertTrue(pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty(), "node selector " + pod.getNodeSelector());
        assertTrue(pod.getTolerations() == null || pod.getTolerations().isEmpty(), "tolerations " + pod.getTolerations());
        assertFalse(Serialization.asYaml(job(settings)).contains("nodepool"));
    }

    @Test
    void workerContainerRunsTheEntrypointScriptOfTheConfiguredImage() throws Exception {
        Container worker = worker(jobSpec(settings()));

        assertEquals("delegation-verify", worker.getName());
        assertEquals("673156464838.dkr.ecr.us-west-2.amazonaws.com/delegation-verify:2.0.0-abc1234", worker.getImage());
        assertEquals(List.of("/bin/entrypoint/entrypoint-worker.sh"), worker.getCommand());
        assertTrue(worker.getArgs() == null || worker.getArgs().isEmpty(), "args " + worker.getArgs());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")), worker.getResources().getLimits());
        assertEquals(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi")), worker.getResources().getRequests());
        assertEquals("IfNotPresent", worker.getImagePullPolicy());
        assertEquals(List.of(mount("auth-volume", "/var/auth"), mount("entrypoint-volume", "/bin/entrypoint")),
                mounts(worker));
    }

    @Test
    void pullPolicyIsOverriddenForBothContainers() throws Exception {
        JobSpec spec = jobSpec(settings("IMAGE_PULL_POLICY", "Always"));

        assertEquals("Always", worker(spec).getImagePullPolicy());
        assertEquals("Always", init(spec).getImagePullPolicy());
    }

    @Test
    void resourcesThatAreNotSetAreLeftOut() throws Exception {
        Container worker = worker(jobSpec(settings("WORKER_CPU_LIMIT", null, "WORKER_MEMORY_REQUEST", null)));

        assertEquals(Map.of("memory", new Quantity("4Gi")), worker.getResources().getLimits());
        assertEquals(Map.of("cpu", new Quantity("500m")), worker.getResources().getRequests());
    }

    @Test
    void initContainerListsWithTheSameImageAndEnvAndOnlyTheAuthMount() throws Exception {
        JobSpec spec = jobSpec(settings());
        Container init = init(spec);
        Container worker = worker(spec);

        assertEquals("delegation-verify-init", init.getName());
        assertEquals(worker.getImage(), init.getImage());
        assertEquals(List.of("ls"), init.getCommand());
        assertEquals(worker.getEnv(), init.getEnv());
        assertEquals("IfNotPresent", init.getImagePullPolicy());
        assertEquals(List.of(mount("auth-volume", "/var/auth")), mounts(init));
    }

    @Test
    void volumesAreAnEmptyAuthDirAndTheExecutableEntrypointConfigMap() throws Exception {
        List<Volume> volumes = pod(jobSpec(settings())).getVolumes();

        assertEquals(List.of("auth-volume", "entrypoint-volume"), volumes.stream().map(Volume::getName).toList());
        Volume auth = volumes.get(0);
        assertNotNull(auth.getEmptyDir());
        assertNull(auth.getConfigMap());
        Volume entrypoint = volumes.get(1);
        assertNull(entrypoint.getEmptyDir());
        assertEquals("delegation-verify-coordinator-worker", entrypoint.getConfigMap().getName());
        assertEquals(511, entrypoint.getConfigMap().getDefaultMode(), "mode 0777: the script is executable");
        assertTrue(Serialization.asYaml(job(settings())).contains("defaultMode: 511"));
        // every mount refers to a volume of the pod
        Set<String> names = volumes.stream().map(Volume::getName).collect(Collectors.toSet());
        JobSpec spec = jobSpec(settings());
        for (Container container : List.of(worker(spec), init(spec))) {
            for (VolumeMount mount : container.getVolumeMounts()) {
                assertTrue(names.contains(mount.getName()), container.getName() + " mounts unknown " + mount.getName());
            }
        }
    }

    @Test
    void workerEnvironmentCarriesEverySpecVariableWithItsValue() throws Exception {
        Map<String, EnvVar> env = envByName(worker(jobSpec(settings())));

        assertEquals(List.of("START_TIMESTAMP", "END_TIMESTAMP", "AWS_ROLE_SESSION_NAME", "AWS_REGION",
                "AWS_DEFAULT_REGION", "AWS_S3_BUCKET", "AWS_KEYSPACE", "CASSANDRA_HOST", "CASSANDRA_PORT",
                "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "SSL_CERTFILE", "AUTH_VOLUME_MOUNT_PATH", "NETWORK_NAME",
                "NO_CHECKS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SUBMISSION_STORAGE", "POSTGRES_HOST",
                "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_PORT"), List.copyOf(env.keySet()));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("START_TIMESTAMP", "2023-11-06 15:35:47.6+0000"),
                Map.entry("END_TIMESTAMP", "2023-11-06 15:36:17.6+0000"),
                Map.entry("AWS_ROLE_SESSION_NAME", JOB_NAME),
                Map.entry("AWS_REGION", "us-west-2"),
                Map.entry("AWS_DEFAULT_REGION", "us-west-2"),
                Map.entry("AWS_S3_BUCKET", "mina-uptime-blocks"),
                Map.entry("AWS_KEYSPACE", "bpu_integration_dev"),
                Map.entry("CASSANDRA_HOST", CASSANDRA_IP),
                Map.entry("CASSANDRA_PORT", "9142"),
                Map.entry("CASSANDRA_USERNAME", "uptime-user"),
                Map.entry("CASSANDRA_PASSWORD", CASSANDRA_PASSWORD),
                Map.entry("SSL_CERTFILE", "/root/.cassandra/sf-class2-root.crt"),
                Map.entry("AUTH_VOLUME_MOUNT_PATH", "/var/auth"),
                Map.entry("NETWORK_NAME", "mainnet"),
                Map.entry("NO_CHECKS", ""),
                Map.entry("AWS_ACCESS_KEY_ID", AWS_ACCESS_KEY_ID),
                Map.entry("AWS_SECRET_ACCESS_KEY", AWS_SECRET_ACCESS_KEY),
                Map.entry("SUBMISSION_STORAGE", "POSTGRES"),
                Map.entry("POSTGRES_HOST", "db.delegation.internal"),
                Map.entry("POSTGRES_DB", "delegation_program"),
                Map.entry("POSTGRES_USER", "coordinator"),
                Map.entry("POSTGRES_PASSWORD", POSTGRES_PASSWORD),
                Map.entry("POSTGRES_PORT", "6543"));
        expected.forEach((name, value) -> {
            assertEquals(value, env.get(name).getValue(), name);
            assertNull(env.get(name).getValueFrom(), name + " is a plain value by default");
        });
    }

    @Test
    void environmentFollowsTheSliceTheRunNameAndTheResolvedCassandraAddress() throws Exception {
        Settings settings = settings("AWS_DEFAULT_REGION", "eu-central-1", "NO_CHECKS", "1");
        Slice last = VerifierFixtures.APPENDIX_A.slices().get(9);
        Job job = api.create(settings, GROUP, last, "172.31.0.9");
        Map<String, EnvVar> env = envByName(worker(job.getSpec()));

        assertEquals(GROUP + "-9", job.getMetadata().getName());

        assertEquals("2023-11-06 15:40:17.6+0000", env.get("START_TIMESTAMP").getValue());
        assertEquals("2023-11-06 15:40:47.6+0000", env.get("END_TIMESTAMP").getValue());
        assertEquals(GROUP + "-9", env.get("AWS_ROLE_SESSION_NAME").getValue());
        assertEquals("172.31.0.9", env.get("CASSANDRA_HOST").getValue());
        assertEquals("us-west-2", env.get("AWS_REGION").getValue());
        assertEquals("eu-central-1", env.get("AWS_DEFAULT_REGION").getValue());
        assertEquals("1", env.get("NO_CHECKS").getValue());
    }

    @Test
    void secretsArePlainValuesWithoutAWorkerSecret() throws Exception {
        Settings settings = settings();
        Map<String, EnvVar> env = envByName(worker(jobSpec(settings)));

        for (String name : SECRET_VARIABLES) {
            assertNull(env.get(name).getValueFrom(), name);
        }
        String yaml = Serialization.asYaml(job(settings));
        for (String secret : SECRET_VALUES) {
            assertTrue(yaml.contains(secret), "the reference writes " + secret + " into the Job");
        }
        assertFalse(yaml.contains("secretKeyRef"));
    }

    @Test
    void withAWorkerSecretEverySecretComesFromItAndNoneIsWrittenIntoTheJob() throws Exception {
        Settings settings = settings("WORKER_SECRET_NAME", "uptime-coordinator-secrets");
        JobSpec spec = jobSpec(settings);

        for (Container container : List.of(worker(spec), init(spec))) {
            Map<String, EnvVar> env = envByName(container);
            for (String name : SECRET_VARIABLES) {
                EnvVar var = env.get(name);
                assertNull(var.getValue(), container.getName() + " " + name + " has no plain value");
                SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
                assertEquals("uptime-coordinator-secrets", ref.getName(), name);
                assertEquals(name, ref.getKey(), name);
            }
            // the other variables stay plain
            for (EnvVar var : container.getEnv()) {
                if (!SECRET_VARIABLES.contains(var.getName())) {
                    assertNull(var.getValueFrom(), var.getName());
                    assertNotNull(var.getValue(), var.getName());
                }
            }
            assertEquals("uptime-user", env.get("CASSANDRA_USERNAME").getValue());
            assertEquals("coordinator", env.get("POSTGRES_USER").getValue());
        }

        Job job = job(settings);
        String yaml = Serialization.asYaml(job);
        String json = Serialization.asJson(job);
        for (String secret : SECRET_VALUES) {
            assertFalse(yaml.contains(secret), "YAML of the Job contains a secret value");
            assertFalse(json.contains(secret), "JSON of the Job contains a secret value");
        }
        assertTrue(yaml.contains("secretKeyRef"));
        assertTrue(yaml.contains("uptime-coordinator-secrets"));
    }

    /** {@link CreatedJobs} fails when the API stored another spec than the coordinator sent. */
    @Test
    void theApiKeepsEveryFieldTheCoordinatorSends() throws Exception {
        Settings settings = settings("K8S_NODE_POOL", "verifier-pool", "WORKER_SECRET_NAME", "uptime-coordinator-secrets",
                "SPREAD_MAX_SKEW", "2", "IMAGE_PULL_POLICY", "Never");
        Job job = job(settings);

        Job parsed = Serialization.unmarshal(Serialization.asYaml(job), Job.class);

        assertEquals(job.getSpec(), parsed.getSpec(), "and the YAML of the Job has them all");
    }

    private static String mount(String name, String path) {
        return name + " at " + path;
    }

    /** Each mount as "name at path"; fails on anything else set on a mount (read-only, sub-path). */
    private static List<String> mounts(Container container) {
        for (VolumeMount m : container.getVolumeMounts()) {
            assertNull(m.getSubPath(), m.getName());
            assertTrue(m.getReadOnly() == null || !m.getReadOnly(), m.getName());
        }
        return container.getVolumeMounts().stream().map(m -> mount(m.getName(), m.getMountPath())).toList();
    }

    private static <T> T single(List<T> items) {
        assertNotNull(items);
        assertEquals(1, items.size(), "expected exactly one: " + items);
        return items.get(0);
    }
}
