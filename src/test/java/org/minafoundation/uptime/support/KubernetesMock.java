package org.minafoundation.uptime.support;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 Kubernetes API mock server in CRUD mode, reachable as an operator's cluster
 * through a kubeconfig file. It stores Jobs but never runs them: tests set their status.
 * It keeps the requests the coordinator made (those with the kubeconfig's token), in the
 * order the server handled them: evidence of what the coordinator did, such as its polls.
 */
public final class KubernetesMock implements AutoCloseable {

    /** The kubeconfig's token: tells the coordinator's requests from the test's own client's. */
    private static final String TOKEN = "coordinator-token";

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    /** Every request taken from the server so far (it hands each out once). */
    private final List<RecordedRequest> requests = new ArrayList<>();

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
                    token: %s
                """.formatted(client.getMasterUrl(), namespace, TOKEN);
        return Files.writeString(folder.resolve("kubeconfig"), yaml);
    }

    /**
     * The coordinator's requests so far as {@code "METHOD path"}, in the order the server
     * handled them, e.g. {@code "GET /apis/batch/v1/namespaces/uptime/jobs/<name>"}.
     */
    public synchronized List<String> coordinatorRequests() {
        try {
            for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
                    r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
                requests.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the requests", e);
        }
        return requests.stream().filter(r -> ("Bearer " + TOKEN).equals(r.getHeader("Authorization")))
                .map(r -> r.getMethod() + " " + r.getPath()).toList();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
