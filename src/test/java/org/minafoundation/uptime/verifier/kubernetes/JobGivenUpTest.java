package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.minafoundation.uptime.verifier.VerifierFailedException;
import org.minafoundation.uptime.verifier.VerifierJobs;
import org.minafoundation.uptime.verifier.WorkerEnvironment;

/**
 * A Job Kubernetes gave up on (its backoffLimit, 6 by default, reached before RETRY_COUNT
 * failures) fails the batch instead of being waited for forever.
 */
class JobGivenUpTest {

    @Test
    void aJobMarkedFailedByKubernetesFailsTheBatchBeforeRetryCountFailures() throws Exception {
        Settings settings = VerifierFixtures.settings("RETRY_COUNT", "10");
        VerifierJobs jobs = new VerifierJobs(settings, new WorkerEnvironment(settings),
                new CassandraAddress(host -> "10.0.0.1", 1, 0), "delegation-program", Clock.systemUTC(),
                new CoordinatorMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
        Job stillRetried = job(6, null);
        Job givenUp = job(7, "BackoffLimitExceeded");

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertTrue(jobs.running(polled(camel, jobs.newGroup(), stillRetried)), "6 of 10 failures: still waited for");

            VerifierFailedException failure = assertThrows(VerifierFailedException.class,
                    () -> jobs.running(polled(camel, jobs.newGroup(), givenUp)));
            assertTrue(failure.getMessage().contains("failed 7 times and Kubernetes gave up on it (BackoffLimitExceeded"),
                    failure.getMessage());
        }
    }

    private static Exchange polled(DefaultCamelContext camel, String group, Job job) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("verifierGroup", group);
        exchange.getMessage().setHeader(KubernetesConstants.KUBERNETES_JOB_NAME, group + "-0");
        exchange.getMessage().setBody(job);
        return exchange;
    }

    private static Job job(int failed, String failedReason) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("slice").endMetadata();
        return failedReason == null ? job.withNewStatus().withFailed(failed).withActive(1).endStatus().build()
                : job.withNewStatus().withFailed(failed).addNewCondition().withType("Failed").withStatus("True")
                        .withReason(failedReason).withMessage("Job has reached the specified backoff limit")
                        .endCondition().endStatus().build();
    }
}
