package org.minafoundation.uptime.verifier.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * (also one whose creation ended after that; a deletion the API refuses is only logged);
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
        // the coordinator polls each running Job, and a second poll of each shows it judged the
        // first one "still running": it keeps waiting for them
        await("two polls of each Job").atMost(Duration.ofSeconds(60)).until(() -> jobs.stream().allMatch(j -> polls(j, 0) >= 2));
        assertFalse(coordinator.isDone(), "the batch waits for its Jobs");
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
        int afterFailure = kubernetes.coordinatorRequests().size();
        // a poll after the failure saw it, and the poll after that shows it was judged "Kubernetes
        // retries it": one failure of RETRY_COUNT=3 allowed, so the batch keeps waiting
        await("two polls of the failed Job after its failure").atMost(Duration.ofSeconds(60))
                .until(() -> polls(jobs.get(0), afterFailure) >= 2);
        assertFalse(coordinator.isDone(), "the batch waits for its Jobs");

        jobs.forEach(this::markSucceeded);

        Cli.Result result = coordinator.get();
        assertEquals(0, result.exitCode(), result.out());
        assertTrue(result.out().contains("failed 1 time(s), Kubernetes retries it; the batch fails at 3 (RETRY_COUNT)"), result.out());
        assertEquals(5, jobs().size(), "no new Jobs: Kubernetes retried the pod, the batch was not redone");
        assertEquals(1, realBatches());
    }

    /**
     * Who deletes an unfinished Job of the failed dispatch (the dispatch, from its listing, or
     * the Job's own slice at its next poll) depends on which thread gets there first; that
     * none is left before the retry starts, and none at the end, does not.
     */
    @Test
    void aJobFailingRetryCountTimesFailsTheBatchAndNamesNeverRepeat() throws Exception {
        CompletableFuture<Cli.Result> coordinator = runFirstBatch(Map.of("RETRY_COUNT", "1"));
        Set<String> names = new HashSet<>();
        Map<String, String> failedJobOfGroup = new LinkedHashMap<>();

        for (int attempt = 1; attempt <= 2; attempt++) {
            await("5 Jobs with names not seen before").atMost(Duration.ofSeconds(60))
                    .until(() -> freshJobs(names).size() == 5);
            List<Job> fresh = freshJobs(names);
            String group = group(fresh.get(0));
            assertTrue(fresh.stream().allMatch(j -> group.equals(group(j))), "one dispatch's Jobs");
            assertFalse(failedJobOfGroup.containsKey(group), "a new group for the retry");
            // the failed attempt's dispatch ended before this one started: of its Jobs only the
            // failed one is left (for its logs), none runs beside this attempt
            failedJobOfGroup.forEach((earlier, failed) ->
                    assertEquals(Set.of(failed), namesOf(earlier), "attempt 1's Jobs when attempt 2 runs"));
            fresh.forEach(j -> names.add(j.getMetadata().getName()));
            markFailed(fresh.get(2), 1);
            failedJobOfGroup.put(group, fresh.get(2).getMetadata().getName());
        }

        Cli.Result result = coordinator.get();
        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("failed 1 times (RETRY_COUNT=1)"), result.out());
        failedJobOfGroup.forEach((group, failed) -> {
            assertEquals(Set.of(failed), namesOf(group), "of dispatch " + group + " only the failed Job is left");
            assertTrue(result.out().contains("unfinished Job(s) of the failed dispatch " + group),
                    "the dispatch looked for its unfinished Jobs: " + result.out());
        });
        assertEquals(Set.copyOf(failedJobOfGroup.values()), jobs().stream().map(j -> j.getMetadata().getName())
                .collect(Collectors.toSet()), "nothing else is left");
        assertEquals(10, names.size(), "no Job name was reused");
        assertEquals(0, realBatches(), "the failed batch left no bot_logs row");
    }

    @Test
    void aJobWhoseCreationEndsAfterItsDispatchFailedIsDeletedToo() throws Exception {
        kubernetes.close();
        LateJobDispatcher api = new LateJobDispatcher();
        kubernetes = new KubernetesMock(api);
        env.put("KUBECONFIG", kubernetes.kubeconfig(folder, NAMESPACE).toString());
        CompletableFuture<Cli.Result> coordinator = runFirstBatch(Map.of("RETRY_COUNT", "1"));

        // the first dispatch failed (slice 4 refused); slice 0's Job was stored after the
        // dispatch had listed its Jobs, so only its own slice can delete it
        await("slice 0's Job stored after the listing").atMost(Duration.ofSeconds(60)).until(() -> api.lateJob() != null);
        String first = api.firstGroup();
        assertEquals(first + "-" + LateJobDispatcher.LATE_SLICE, api.lateJob());
        await("no Job of the failed dispatch left").atMost(Duration.ofSeconds(60)).until(() -> namesOf(first).isEmpty());

        // the retry's Jobs are created as usual; one failing ends the run
        await("the retry's 5 Jobs").atMost(Duration.ofSeconds(60)).until(() -> jobs().size() == 5);
        Job failed = jobs().get(1);
        markFailed(failed, 1);

        Cli.Result result = coordinator.get();
        assertEquals(1, result.exitCode(), result.out());
        assertTrue(result.out().contains("exceeded quota"), result.out());
        assertTrue(result.out().contains("Job " + api.lateJob() + " deleted: another slice of its batch failed"),
                result.out());
        assertEquals(Set.of(), namesOf(first), "none of the failed dispatch's Jobs is left to run");
        assertEquals(Set.of(failed.getMetadata().getName()), jobs().stream().map(j -> j.getMetadata().getName())
                .collect(Collectors.toSet()), "of the retry only its failed Job is left");
    }

    /**
     * The Jobs of a failed dispatch cannot be deleted (the API forbids it): that is only
     * logged, and the batch still fails, with the failure of the dispatch as its cause.
     */
    @Test
    void aDispatchWhoseJobsCannotBeDeletedFailsTheBatchWithItsOwnCause() throws Exception {
        kubernetes.close();
        UndeletableJobsDispatcher api = new UndeletableJobsDispatcher();
        kubernetes = new KubernetesMock(api);
        env.put("KUBECONFIG", kubernetes.kubeconfig(folder, NAMESPACE).toString());

        Cli.Result result = runFirstBatch(Map.of("RETRY_COUNT", "0")).get();

        assertEquals(1, result.exitCode(), result.out());
        String stop = result.out().lines().filter(l -> l.contains("Stopping the coordinator with exit code 1"))
                .findFirst().orElseThrow(() -> new AssertionError(result.out()));
        assertTrue(stop.contains("exceeded quota"), "the batch failed with the dispatch's own cause: " + stop);
        assertFalse(stop.contains("may not delete"), stop);
        assertEquals(0, realBatches(), "the failed batch left no bot_logs row");
        String group = group(jobs().get(0));
        assertTrue(result.out().contains("Could not delete the Jobs of the failed dispatch " + group + ": "), result.out());
        assertTrue(api.deletionsRefused.get() > 0);
    }

    /** How many times the coordinator fetched {@code job}, counting from its {@code from}-th request. */
    private int polls(Job job, int from) {
        String get = "GET /apis/batch/v1/namespaces/" + NAMESPACE + "/jobs/" + job.getMetadata().getName();
        List<String> requests = kubernetes.coordinatorRequests();
        return (int) requests.subList(from, requests.size()).stream().filter(get::equals).count();
    }

    private static String group(Job job) {
        return job.getMetadata().getLabels().get("job-group-name");
    }

    /** The Jobs in the API that carry dispatch {@code group}'s label (filtered here: a label query would be one more listing). */
    private Set<String> namesOf(String group) {
        return jobs().stream().filter(j -> group.equals(group(j))).map(j -> j.getMetadata().getName())
                .collect(Collectors.toSet());
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
