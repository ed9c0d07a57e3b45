package org.minafoundation.uptime.verifier.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.KubernetesMock;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The coordinator against a Kubernetes API (the fabric8 mock): one Job per slice, watched
 * until it succeeded; a Job failing RETRY_COUNT times fails the batch, whose unfinished Jobs are deleted
 * (also one whose creation ended after that);
 * the batch is retried under new Job names and finally stops the coordinator without writing it.
 */
class KubernetesDispatchTest {

    private static final String NAMESPACE = "uptime";

    @TempDir
    Path folder;

    private KubernetesMock kubernetes;
    private GoldenRun run;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        kubernetes = new KubernetesMock();
        run = GoldenRun.prepare("midnight-40");
        env = new HashMap<>(run.env());
        env.put("VERIFIER_MODE", "kubernetes");
        env.put("KUBECONFIG", kubernetes.kubeconfig(folder, NAMESPACE).toString());
        env.put("WORKER_IMAGE", "delegation-verify");
        env.put("WORKER_TAG", "1.2.3");
        env.put("JOB_POLL_SECONDS", "1");
        env.put("MINI_BATCH_NUMBER", "5");
    }

    @AfterEach
    void stop() {
        kubernetes.close();
    }

    private List<Job> jobs() {
        return kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
    }

    private void markSucceeded(Job job) {
        kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE).withName(job.getMetadata().getName())
                .editStatus(j -> new JobBuilder(j).withNewStatus().withSucceeded(1).addNewCondition()
                        .withType("Complete").withStatus("True").endCondition().endStatus().build());
    }

    private void markFailed(Job job, int times) {
        kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE).withName(job.getMetadata().getName())
                .editStatus(j -> new JobBuilder(j).withNewStatus().withFailed(times).endStatus().build());
    }

    private CompletableFuture<Cli.Result> runFirstBatch(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extra);
        long firstEnd = run.batchEnds().get(0);
        return CompletableFuture.supplyAsync(() -> Cli.run(merged, "run", "--until", String.valueOf(firstEnd)));
    }

    private static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElseThrow();
    }

    @Test
    void oneJobPerSliceIsCreatedWatchedAndTheBatchGoesOn() throws Exception {
        CompletableFuture<Cli.Result> coordinator = runFirstBatch(Map.of());

        await().atMost(Duration.ofSeconds(60)).until(() -> jobs().size() == 5);
        List<Job> jobs = jobs();
        Set<String> windows = jobs.stream().map(j -> env(j, "START_TIMESTAMP") + " " + env(j, "END_TIMESTAMP"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "2024-03-01 23:00:00.0+0000 2024-03-01 23:04:00.0+0000",
                "2024-03-01 23:04:00.0+0000 2024-03-01 23:08:00.0+0000",
                "2024-03-01 23:08:00.0+0000 2024-03-01 23:12:00.0+0000",
                "2024-03-01 23:12:00.0+0000 2024-03-01 23:16:00.0+0000",
                "2024-03-01 23:16:00.0+0000 2024-03-01 23:20:00.0+0000"), windows);
        for (Job job : jobs) {
            assertTrue(job.getMetadata().getName().matches("delegation-verify-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-[a-z0-9]{10}-[0-4]"),
                    job.getMetadata().getName());
            assertEquals(job.getMetadata().getName(), env(job, "AWS_ROLE_SESSION_NAME"));
        }
        // the coordinator polls the running Jobs (every second) and keeps waiting for them
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !coordinator.isDone());
        jobs.forEach(this::markSucceeded);

        Cli.Result result = coordinator.get();
        assertEquals(0, result.exitCode(), result.out());
        assertEquals(1, realBatches(), "the batch was written");
    }

    @Test
    void aJobThatFailsOnceIsRetriedByKubernetesAndTheBatchCompletes() throws Exception {
        CompletableFuture<Cli.Result> coordinator = runFirstBatch(Map.of("RETRY_COUNT", "3"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs().size() == 5);
        List<Job> jobs = jobs();
        markFailed(jobs.get(0), 1);
        // polls see the failure: one failure of RETRY_COUNT=3 allowed, so the batch keeps waiting
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(6)).until(() -> !coordinator.isDone());

        jobs.forEach(this::markSucceeded);

        Cli.Result result = coordinator.get();
        assertEquals(0, result.exitCode(), result.out());
        assertTrue(result.out().contains("failed 1 time(s), Kubernetes retries it; the batch fails at 3 (RETRY_COUNT)"), result.out());
        assertEquals(5, jobs().size(), "no new Jobs: Kubernetes retried the pod, the batch was not redone");
        assertEquals(1, realBatches());
    }

    @Test
    void aJobFailingRetryCountTimesFailsTheBatchAndNamesNeverRepeat() throws Exception {
        CompletableFuture<Cli.Result> coordinator = runFirstBatch(Map.of("RETRY_COUNT", "1"));
        Set<String> names = new HashSet<>();
        Set<String> failed = new HashSet<>();

        for (int attempt = 1; attempt <= 2; attempt++) {
            await().atMost(Duration.ofSeconds(60)).until(() -> freshJobs(names).size() == 5);
            List<Job> fresh = freshJobs(names);
            // of the failed attempt only its failed Job stayed (for its logs): none runs alongside this one
            assertEquals(failed, jobs().stream().map(j -> j.getMetadata().getName())
                    .filter(names::contains).collect(Collectors.toSet()), "attempt " + attempt);
            fresh.forEach(j -> names.add(j.getMetadata().getName()));
            markFailed(fresh.get(2), 1);
            failed.add(fresh.get(2).getMetadata().getName());
        }

        Cli.Result result = coordinator.get();
        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("failed 1 times (RETRY_COUNT=1)"), result.out());
        assertTrue(result.out().contains("Deleted the 4 unfinished Job(s) of the failed dispatch"), result.out());
        assertEquals(failed, jobs().stream().map(j -> j.getMetadata().getName()).collect(Collectors.toSet()),
                "only the failed Jobs are left");
        assertEquals(10, names.size(), "no Job name was reused");
        assertEquals(0, realBatches(), "the failed batch left no bot_logs row");
    }

    @Test
    void aJobWhoseCreationEndsAfterItsDispatchFailedIsDeletedToo() throws Exception {
        kubernetes.close();
        LateJobDispatcher api = new LateJobDispatcher();
        kubernetes = new KubernetesMock(api);
        env.put("KUBECONFIG", kubernetes.kubeconfig(folder, NAMESPACE).toString());
        try {
            Cli.Result result = runFirstBatch(Map.of("RETRY_COUNT", "1", "RETRY_DELAY_SECONDS", "5")).get();

            assertEquals(1, result.exitCode(), result.out());
            assertTrue(result.out().contains("Forbidden"), result.out());
            String first = api.lateJobsStored.keySet().stream()
                    .min(Comparator.comparing(api.lateJobsStored::get)).orElseThrow();
            assertTrue(api.lateJobsStored.get(first).isAfter(api.listings.get(0)),
                    "slice 4's Job came after the failed dispatch looked for its Jobs");
            assertEquals(List.of(), jobs().stream().map(j -> j.getMetadata().getName()).filter(n -> n.startsWith(first))
                    .toList(), "none of the failed dispatch's Jobs is left to run");
            assertTrue(result.out().contains("Job " + first + "-4 deleted: another slice of its batch failed"),
                    result.out());
        } finally {
            api.close();
        }
    }

    private List<Job> freshJobs(Set<String> seen) {
        return jobs().stream().filter(j -> !seen.contains(j.getMetadata().getName())).toList();
    }

    private int realBatches() throws Exception {
        try (Connection c = TestPostgres.dataSource(run.database()).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM bot_logs WHERE files_processed > -1")) {
            r.next();
            return r.getInt(1);
        }
    }
}
