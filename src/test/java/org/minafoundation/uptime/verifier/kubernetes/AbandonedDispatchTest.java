package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.operations.CoordinatorMetrics;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.minafoundation.uptime.verifier.VerifierFailedException;
import org.minafoundation.uptime.verifier.VerifierJobs;
import org.minafoundation.uptime.verifier.WorkerEnvironment;

/**
 * A failed dispatch fails with its original cause, and the slices still polling give up
 * without counting their (deleted) Job as one more failed Job.
 */
class AbandonedDispatchTest {

    @Test
    void theCauseGoesOnAndTheOtherSlicesStopQuietly() throws Exception {
        Settings settings = VerifierFixtures.settings();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VerifierJobs jobs = new VerifierJobs(settings, new WorkerEnvironment(settings),
                new CassandraAddress(host -> "10.0.0.1", 1, 0), "delegation-program", Optional.empty(),
                Clock.systemUTC(), new CoordinatorMetrics(registry, Clock.systemUTC()));
        String group = jobs.newGroup();
        IllegalStateException cause = new IllegalStateException("the API refused createJob");

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange failed = new DefaultExchange(camel);
            failed.setProperty("verifierGroup", group);
            failed.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
            assertSame(cause, assertThrows(IllegalStateException.class, () -> jobs.abandon(failed)));

            Exchange sibling = new DefaultExchange(camel);
            sibling.setProperty("verifierGroup", group);
            sibling.getMessage().setHeader(KubernetesConstants.KUBERNETES_JOB_NAME, group + "-1");
            sibling.getMessage().setBody(null); // its Job was deleted with the dispatch
            VerifierFailedException stopped = assertThrows(VerifierFailedException.class, () -> jobs.running(sibling));

            assertTrue(stopped.getMessage().contains("abandoned"), stopped.getMessage());
            assertEquals(0.0, registry.get("uptime.verifier.jobs.failed").counter().count());
        }
    }
}
