package org.minafoundation.uptime.verifier;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minafoundation.uptime.config.VerifierJobSettings;
import org.minafoundation.uptime.config.WorkerSettings;

/**
 * The Kubernetes Job spec of one verifier run, field for field what the reference
 * coordinator creates (SPEC §3): operators' clusters (Karpenter, quotas, the entrypoint
 * ConfigMap) rely on each of them. Two fields more, so that Kubernetes stops a Job when
 * the coordinator gives up on it: {@code backoffLimit} (the Job fails at RETRY_COUNT failed
 * pods, as the coordinator counts) and {@code activeDeadlineSeconds} (VERIFIER_TIMEOUT_MINUTES:
 * a pod that never starts, e.g. an image that cannot be pulled, fails the batch instead of
 * holding it forever).
 */
public final class VerifierJobSpec {

    public static final String GROUP_LABEL = "job-group-name";
    public static final String SERVICE_ACCOUNT = "delegation-verify";
    public static final String ENTRYPOINT_CONFIG_MAP = "delegation-verify-coordinator-worker";
    public static final String NODE_POOL_KEY = "karpenter.sh/nodepool";

    private final WorkerSettings worker;
    private final VerifierJobSettings job;
    private final int retryCount;

    public VerifierJobSpec(WorkerSettings worker, int retryCount) {
        this.worker = worker;
        this.job = worker.job();
        this.retryCount = retryCount;
    }

    public JobSpec build(String group, List<WorkerVariable> variables) {
        Map<String, String> labels = Map.of(GROUP_LABEL, group);
        List<EnvVar> env = variables.stream().map(this::envVar).toList();
        String image = worker.image().orElse("") + ":" + worker.tag().orElse("");
        VolumeMount authMount = new VolumeMountBuilder()
                .withName("auth-volume").withMountPath(worker.authVolumeMountPath().orElse(null)).build();
        VolumeMount entrypointMount = new VolumeMountBuilder()
                .withName("entrypoint-volume").withMountPath("/bin/entrypoint").build();

        Container verifier = new ContainerBuilder()
                .withName("delegation-verify")
                .withImage(image)
                .withCommand("/bin/entrypoint/entrypoint-worker.sh")
                .withResources(new ResourceRequirementsBuilder()
                        .withLimits(quantities(job.limits()))
                        .withRequests(quantities(job.requests()))
                        .build())
                .withEnv(env)
                .withImagePullPolicy(job.imagePullPolicy())
                .withVolumeMounts(authMount, entrypointMount)
                .build();
        Container init = new ContainerBuilder()
                .withName("delegation-verify-init")
                .withImage(image)
                .withCommand("ls")
                .withEnv(env)
                .withImagePullPolicy(job.imagePullPolicy())
                .withVolumeMounts(authMount)
                .build();

        PodSpecBuilder pod = new PodSpecBuilder()
                .addNewTopologySpreadConstraintLike(new TopologySpreadConstraintBuilder()
                        .withMaxSkew(job.spreadMaxSkew())
                        .withTopologyKey("kubernetes.io/hostname")
                        .withWhenUnsatisfiable("DoNotSchedule")
                        .withNewLabelSelector().withMatchLabels(labels).endLabelSelector()
                        .build()).endTopologySpreadConstraint()
                .withInitContainers(init)
                .withContainers(verifier)
                .withRestartPolicy("Never")
                .withServiceAccountName(SERVICE_ACCOUNT)
                .withVolumes(
                        new VolumeBuilder().withName("auth-volume").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("entrypoint-volume").withNewConfigMap()
                                .withName(ENTRYPOINT_CONFIG_MAP).withDefaultMode(0777).endConfigMap().build());
        job.nodePool().ifPresent(nodePool -> pod
                .withNodeSelector(Map.of(NODE_POOL_KEY, nodePool))
                .withTolerations(new TolerationBuilder().withKey(NODE_POOL_KEY).withOperator("Exists").build()));

        return new JobSpecBuilder()
                .withTtlSecondsAfterFinished(job.ttlSecondsAfterFinished().orElse(null))
                .withBackoffLimit(Math.max(retryCount - 1, 0))
                .withActiveDeadlineSeconds(worker.timeoutMinutes() * 60L)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(Map.of("karpenter.sh/do-not-disrupt", "true"))
                .endMetadata()
                .withSpec(pod.build())
                .endTemplate()
                .build();
    }

    /** Plain value, or with WORKER_SECRET_NAME a reference to the Secret so no secret is written into the Job. */
    private EnvVar envVar(WorkerVariable variable) {
        if (variable.isSecret() && job.secretName().isPresent()) {
            return new EnvVarBuilder().withName(variable.name())
                    .withNewValueFrom().withNewSecretKeyRef()
                    .withName(job.secretName().get()).withKey(variable.secretKey()).withOptional(true)
                    .endSecretKeyRef().endValueFrom().build();
        }
        return new EnvVarBuilder().withName(variable.name()).withValue(variable.value()).build();
    }

    private static Map<String, Quantity> quantities(VerifierJobSettings.Resources resources) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        resources.cpu().ifPresent(value -> quantities.put("cpu", new Quantity(value)));
        resources.memory().ifPresent(value -> quantities.put("memory", new Quantity(value)));
        return quantities;
    }
}
