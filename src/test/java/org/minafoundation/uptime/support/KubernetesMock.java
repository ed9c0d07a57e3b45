package org.minafoundation.uptime.support;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The fabric8 Kubernetes API mock server in CRUD mode, reachable as an operator's cluster
 * through a kubeconfig file. It stores Jobs but never runs them: tests set their status.
 */
public final class KubernetesMock implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public KubernetesMock() {
        this(new KubernetesCrudDispatcher());
    }

    /** With a dispatcher of the test's own, such as one that answers some requests differently. */
    public KubernetesMock(KubernetesCrudDispatcher dispatcher) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    /** Writes a kubeconfig pointing at this server, with {@code namespace} as the context's namespace. */
    public Path kubeconfig(Path folder, String namespace) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                    namespace: %s
                current-context: mock
                users:
                - name: mock
                  user:
                    token: test-token
                """.formatted(client.getMasterUrl(), namespace);
        return Files.writeString(folder.resolve("kubeconfig"), yaml);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
