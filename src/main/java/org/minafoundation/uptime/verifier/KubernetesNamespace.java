package org.minafoundation.uptime.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The namespace verifier Jobs go to: KUBERNETES_NAMESPACE, else the pod's own, else the client's. */
public final class KubernetesNamespace {

    static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private KubernetesNamespace() {
    }

    public static String choose(Optional<String> configured, Path serviceAccountFile, String clientNamespace) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (Files.isReadable(serviceAccountFile)) {
            try {
                return Files.readString(serviceAccountFile).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + serviceAccountFile, e);
            }
        }
        return clientNamespace == null || clientNamespace.isBlank() ? "default" : clientNamespace;
    }

    public static String choose(Optional<String> configured, String clientNamespace) {
        return choose(configured, SERVICE_ACCOUNT_NAMESPACE, clientNamespace);
    }
}
