package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.verifier.KubernetesNamespace;

/** Where verifier Jobs go: KUBERNETES_NAMESPACE, else the pod's own namespace, else the kubeconfig's. */
class KubernetesNamespaceTest {

    @TempDir
    Path folder;

    private Path serviceAccountFile(String content) throws Exception {
        return Files.writeString(folder.resolve("namespace"), content);
    }

    @Test
    void theConfiguredNamespaceWinsOverEverything() throws Exception {
        Path file = serviceAccountFile("delegation-program");

        assertEquals("verifiers", KubernetesNamespace.choose(Optional.of("verifiers"), file, "from-kubeconfig"));
    }

    @Test
    void insideAPodItIsTheServiceAccountNamespaceWithoutTrailingNewline() throws Exception {
        Path file = serviceAccountFile("delegation-program\n");

        assertEquals("delegation-program", KubernetesNamespace.choose(Optional.empty(), file, "from-kubeconfig"));
    }

    @Test
    void outsideAPodItIsTheClientsNamespace() {
        Path missing = folder.resolve("no-such-file");

        assertEquals("from-kubeconfig", KubernetesNamespace.choose(Optional.empty(), missing, "from-kubeconfig"));
    }

    @Test
    void withNothingKnownItIsDefault() {
        Path missing = folder.resolve("no-such-file");

        assertEquals("default", KubernetesNamespace.choose(Optional.empty(), missing, null));
        assertEquals("default", KubernetesNamespace.choose(Optional.empty(), missing, " "));
    }
}
