package org.minafoundation.uptime.verifier.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.support.KubernetesMock;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.minafoundation.uptime.verifier.VerifierJobs;
import org.minafoundation.uptime.verifier.WorkerEnvironment;

/**
 * Verifier Jobs as the Kubernetes API receives them: the coordinator's own steps of the route
 * verify-slice-on-kubernetes ({@link VerifierJobs#prepare}, then camel-kubernetes' createJob)
 * against the mock API, the Job read back from it. What a test checks is what a cluster gets.
 */
final class CreatedJobs implements AutoCloseable {

    static final String NAMESPACE = "delegation-program";

    private final KubernetesMock kubernetes = new KubernetesMock();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    CreatedJobs() {
        camel.getRegistry().bind("kubernetesClient", kubernetes.client());
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** Slice {@code slice}'s Job of dispatch {@code group}, its Cassandra host resolved to {@code cassandraIp}. */
    Job create(Settings settings, String group, Slice slice, String cassandraIp) throws Exception {
        VerifierJobs jobs = new VerifierJobs(settings, new WorkerEnvironment(settings),
                new CassandraAddress(host -> cassandraIp, 1, 0), NAMESPACE, Clock.systemUTC(),
                new CoordinatorMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("verifierGroup", group);
        exchange.getMessage().setBody(slice);
        jobs.prepare(exchange);
        String name = exchange.getMessage().getHeader(KubernetesConstants.KUBERNETES_JOB_NAME, String.class);
        JobSpec sent = exchange.getMessage().getHeader(KubernetesConstants.KUBERNETES_JOB_SPEC, JobSpec.class);

        Exchange created = producer.send("kubernetes-job:///?kubernetesClient=#kubernetesClient&operation=createJob",
                exchange);
        if (created.getException() != null) {
            throw created.getException();
        }
        var api = kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE).withName(name);
        Job stored = api.get();
        api.delete(); // the next test creates a Job of the same name
        if (stored == null) {
            throw new AssertionError("no Job " + name + " in namespace " + NAMESPACE);
        }
        if (!sent.equals(stored.getSpec())) {
            throw new AssertionError("the API stored another spec than the coordinator sent:\n" + sent + "\n" + stored.getSpec());
        }
        return stored;
    }

    @Override
    public void close() {
        camel.stop();
        kubernetes.close();
    }
}
