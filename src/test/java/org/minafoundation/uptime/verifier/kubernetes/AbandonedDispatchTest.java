package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.minafoundation.uptime.verifier.VerifierFailedException;
import org.minafoundation.uptime.verifier.VerifierJobs;
import org.minafoundation.uptime.verifier.WorkerEnvironment;

/**
 * A failed dispatch: its slices still polling give up without counting their (deleted) Job
 * as one more failed Job; only its unfinished Jobs are to be deleted. That the batch then
 * fails with the dispatch's own cause, also when its Jobs cannot be deleted, is the route's
 * doing: KubernetesDispatchTest.aDispatchWhoseJobsCannotBeDeletedFailsTheBatchWithItsOwnCause.
 */
class AbandonedDispatchTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VerifierJobs jobs = jobs(registry);

    private static VerifierJobs jobs(SimpleMeterRegistry registry) {
        Settings settings = VerifierFixtures.settings();
        return new VerifierJobs(settings, new WorkerEnvironment(settings), new CassandraAddress(host -> "10.0.0.1", 1, 0),
                "delegation-program", Clock.systemUTC(), new CoordinatorMetrics(registry, Clock.systemUTC()));
    }

    @Test
    void theOtherSlicesStopQuietly() throws Exception {
        String group = jobs.newGroup();
        jobs.abandon(group);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange sibling = poll(camel, group, 1, null); // its Job was deleted with the dispatch
            VerifierFailedException stopped = assertThrows(VerifierFailedException.class, () -> jobs.running(sibling));

            assertTrue(stopped.getMessage().contains("abandoned"), stopped.getMessage());
            assertEquals(0.0, registry.get("uptime.verifier.jobs.failed").counter().count());
        }
    }

    @Test
    void aSliceWhoseJobMayStillRunDeletesIt() throws Exception {
        String group = jobs.newGroup();
        jobs.abandon(group);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange late = poll(camel, group, 4, job(group + "-4", null, null)); // created after the dispatch failed

            assertFalse(jobs.running(late), "the slice stops polling");
            assertEquals(true, late.getProperty(Carried.ABANDONED_JOB), "and deletes its Job");
            assertEquals(0.0, registry.get("uptime.verifier.jobs.failed").counter().count());
            VerifierFailedException deleted = assertThrows(VerifierFailedException.class,
                    () -> jobs.deletedAbandoned(late));
            assertTrue(deleted.getMessage().contains(group + "-4 deleted"), deleted.getMessage());
        }
    }

    @Test
    void aStopLeavesTheJobsToItsDispatch() throws Exception {
        String group = jobs.newGroup();
        jobs.abandon(group);
        jobs.stop();

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange polled = poll(camel, group, 2, job(group + "-2", 0, 0));

            assertThrows(VerifierFailedException.class, () -> jobs.running(polled));
            assertNull(polled.getProperty(Carried.ABANDONED_JOB), "the failed dispatch deletes it");
        }
    }

    /** RETRY_COUNT is 3 here: a Job with fewer failures is still retried by Kubernetes, so it goes too. */
    @Test
    void onlyJobsThatMayStillStartPodsAreDeleted() {
        List<Job> listed = List.of(job("waiting", null, null), job("running", 0, 0), job("retried", 0, 2),
                job("failed", 0, 3), job("given-up", 0, 1), job("succeeded", 1, 0));
        listed.get(4).getStatus().getConditions().add(new JobConditionBuilder().withType("Failed").withStatus("True")
                .withReason("DeadlineExceeded").build());

        assertEquals(List.of("waiting", "running", "retried"), jobs.unfinished(listed));
    }

    @Test
    void aStoppingCoordinatorAbandonsTheJobsItPolls() throws Exception {
        String group = jobs.newGroup();
        jobs.stop();

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange polled = poll(camel, group, 0, job(group + "-0", 0, 0));
            VerifierFailedException stopped = assertThrows(VerifierFailedException.class, () -> jobs.running(polled));

            assertTrue(stopped.getMessage().contains("the coordinator is stopping"), stopped.getMessage());
        }
    }

    /** A poll of slice {@code slice}'s Job of dispatch {@code group} that saw {@code job} (null: gone). */
    private static Exchange poll(CamelContext camel, String group, int slice, Job job) {
        Exchange poll = new DefaultExchange(camel);
        poll.setProperty("verifierGroup", group);
        poll.getMessage().setHeader(KubernetesConstants.KUBERNETES_JOB_NAME, group + "-" + slice);
        poll.getMessage().setBody(job);
        return poll;
    }

    private static Job job(String name, Integer succeeded, Integer failed) {
        JobBuilder builder = new JobBuilder().withNewMetadata().withName(name).endMetadata();
        return succeeded == null ? builder.build()
                : builder.withNewStatus().withSucceeded(succeeded).withFailed(failed).withConditions(new ArrayList<>())
                        .endStatus().build();
    }
}
