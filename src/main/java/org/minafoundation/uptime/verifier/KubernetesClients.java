package org.minafoundation.uptime.verifier;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The Kubernetes client: in-cluster (service account) by default, from KUBECONFIG when running outside. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    public static KubernetesClient create(Optional<Path> kubeconfig) throws IOException {
        if (kubeconfig.isPresent()) {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig.get()));
            return new KubernetesClientBuilder().withConfig(config).build();
        }
        return new KubernetesClientBuilder().build();
    }
}
