package org.minafoundation.uptime.config;

import java.util.Optional;

/**
 * How each verifier Job is written: how long Kubernetes keeps it once finished, where its
 * pod is placed, what it may use, how it gets its image and its secrets.
 */
public record VerifierJobSettings(
        Optional<Integer> ttlSecondsAfterFinished,
        Optional<String> nodePool,
        int spreadMaxSkew,
        Resources requests,
        Resources limits,
        String imagePullPolicy,
        /** WORKER_SECRET_NAME: the Secret the pod's secret variables reference, so none is written into the Job. */
        Optional<String> secretName) {

    /** Kubernetes resource quantities of the verifier container (unset: none asked for). */
    public record Resources(Optional<String> cpu, Optional<String> memory) {
    }

    static VerifierJobSettings read(VariableReader env) {
        return new VerifierJobSettings(
                env.optionalInteger("WORKER_TTL_SECONDS_AFTER_FINISHED", 0),
                env.optional("K8S_NODE_POOL"),
                env.integer("SPREAD_MAX_SKEW", 1, 1),
                new Resources(env.quantity("WORKER_CPU_REQUEST"), env.quantity("WORKER_MEMORY_REQUEST")),
                new Resources(env.quantity("WORKER_CPU_LIMIT"), env.quantity("WORKER_MEMORY_LIMIT")),
                env.oneOf("IMAGE_PULL_POLICY", "IfNotPresent", "Always", "IfNotPresent", "Never"),
                env.optional("WORKER_SECRET_NAME"));
    }
}
