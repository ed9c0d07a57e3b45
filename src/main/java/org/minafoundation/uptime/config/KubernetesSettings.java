package org.minafoundation.uptime.config;

import java.nio.file.Path;
import java.util.Optional;

/** The cluster the verifier Jobs go to, and how often the coordinator looks at them. */
public record KubernetesSettings(int jobPollSeconds, Optional<String> namespace, Optional<Path> kubeconfig) {

    static KubernetesSettings read(VariableReader env, VerifierMode mode, boolean runsBatches) {
        return new KubernetesSettings(
                env.integer("JOB_POLL_SECONDS", 10, 1),
                env.optional("KUBERNETES_NAMESPACE"),
                // read only by a Kubernetes verifier: a stale one in the shell stops nothing else
                (runsBatches && mode == VerifierMode.KUBERNETES ? env.readableFile("KUBECONFIG")
                        : env.optional("KUBECONFIG")).map(Path::of));
    }
}
