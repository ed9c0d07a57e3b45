package org.minafoundation.uptime.verifier;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares each slice's verifier Job for camel-kubernetes and judges the Job while the
 * route polls it: done when it succeeded, failed when its failures reach RETRY_COUNT.
 */
public final class VerifierJobs {

    /** The slice of a Job's exchange, for the log lines of its polling (the route never reads it). */
    private static final String SLICE = "slice";

    private static final Logger LOG = LoggerFactory.getLogger(VerifierJobs.class);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yy-MM-dd-HH-mm").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 10;

    private final VerifierJobSpec spec;
    private final WorkerEnvironment environment;
    private final CassandraAddress cassandraAddress;
    private final Optional<String> cassandraHost;
    private final String namespace;
    private final int retryCount;
    private final Clock clock;
    private final CoordinatorMetrics metrics;
    private final SecureRandom random = new SecureRandom();
    /** Dispatches in which a Job failed: their other Jobs are no longer waited for. */
    private final Set<String> failedGroups = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public VerifierJobs(Settings settings, WorkerEnvironment environment, CassandraAddress cassandraAddress,
            String namespace, Clock clock, CoordinatorMetrics metrics) {
        this.spec = new VerifierJobSpec(settings.worker(), settings.batch().retryCount());
        this.environment = environment;
        this.cassandraAddress = cassandraAddress;
        this.cassandraHost = settings.cassandra().host();
        this.namespace = namespace;
        this.retryCount = settings.batch().retryCount();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The group name of one dispatch: the reference's {@code delegation-verify-<yy-MM-dd-HH-mm>}
     * plus a random suffix, so that a batch retried within the same minute never reuses a name.
     * Ten characters (36^10 values): even a thousand groups collide with a chance of about
     * 1e-10 (five gave 0.8%, and its test failed now and then). The name stays well within
     * the 63 characters of a label: 43, a dash and the slice index.
     */
    public String newGroup() {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return "delegation-verify-" + MINUTE.format(clock.instant()) + "-" + suffix;
    }

    /** Puts the Job of {@code slice} into the headers camel-kubernetes' createJob reads. */
    public void prepare(Exchange exchange) throws InterruptedException {
        Slice slice = exchange.getMessage().getBody(Slice.class);
        String group = exchange.getProperty(Carried.VERIFIER_GROUP, String.class);
        String name = group + "-" + slice.index();
        String cassandra = cassandraAddress.resolve(cassandraHost);
        var message = exchange.getMessage();
        message.setHeader(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, namespace);
        message.setHeader(KubernetesConstants.KUBERNETES_JOB_NAME, name);
        message.setHeader(KubernetesConstants.KUBERNETES_JOB_LABELS, Map.of(VerifierJobSpec.GROUP_LABEL, group));
        message.setHeader(KubernetesConstants.KUBERNETES_JOB_SPEC,
                spec.build(group, environment.forSlice(slice, name, cassandra)));
        exchange.setProperty(SLICE, slice);
    }

    public void created(Exchange exchange) {
        metrics.jobCreated();
        LOG.info("Job {} created in namespace {} for {}", jobName(exchange), namespace, exchange.getProperty(SLICE));
    }

    /**
     * True while the Job still runs; false once it succeeded. Throws when it failed
     * RETRY_COUNT times, Kubernetes gave up on it or it disappeared, which fails the
     * dispatch and so the batch.
     */
    public boolean running(Exchange exchange) {
        String name = jobName(exchange);
        String group = exchange.getProperty(Carried.VERIFIER_GROUP, String.class);
        if (failedGroups.contains(group)) {
            Job job = exchange.getMessage().getBody(Job.class);
            if (!stopping && job != null && !unfinished(List.of(job)).isEmpty()) {
                // Its creation may have ended after the failed dispatch listed its Jobs for
                // deletion (slices run in parallel): the slice deletes its own Job (route step).
                // Not when stopping: the dispatch deletes them, the stop being its failure.
                exchange.setProperty(Carried.ABANDONED_JOB, true);
                return false;
            }
            throw new VerifierFailedException("Job " + name + " abandoned: another slice of its batch failed");
        }
        if (stopping) {
            // its dispatch fails, which deletes the Jobs still running: a restart redoes the batch
            throw failed(group, "Job " + name + " abandoned: the coordinator is stopping");
        }
        Job job = exchange.getMessage().getBody(Job.class);
        if (job == null) {
            throw failed(group, "Job " + name + " no longer exists in namespace " + namespace);
        }
        int failed = failures(job.getStatus());
        if (succeeded(job.getStatus()) > 0) {
            LOG.info("Job {} succeeded ({})", name, exchange.getProperty(SLICE));
            return false;
        }
        Optional<JobCondition> gaveUp = failedCondition(job.getStatus());
        if (gaveUp.isPresent()) {
            // Kubernetes stopped it: its backoffLimit (RETRY_COUNT - 1; 6 for a Job created before
            // it was set) or its activeDeadlineSeconds (a pod that never started, for one)
            throw failed(group, "Job " + name + " failed " + failed + " times and Kubernetes gave up on it ("
                    + gaveUp.get().getReason() + ": " + gaveUp.get().getMessage() + ") for " + exchange.getProperty(SLICE));
        }
        if (failed > 0 && failed >= retryCount) {
            throw failed(group, "Job " + name + " failed " + failed + " times (RETRY_COUNT=" + retryCount
                    + ") for " + exchange.getProperty(SLICE));
        }
        if (failed > 0) {
            LOG.warn("Job {} failed {} time(s), Kubernetes retries it; the batch fails at {} (RETRY_COUNT)", name, failed,
                    retryCount);
        }
        return true;
    }

    /** After the route deleted an unfinished Job of a failed dispatch: the slice ends, failed. */
    public void deletedAbandoned(Exchange exchange) {
        String message = "Job " + jobName(exchange) + " deleted: another slice of its batch failed";
        LOG.info(message);
        throw new VerifierFailedException(message);
    }

    /**
     * After a failed dispatch: its slices still polling give up quietly (their Jobs are
     * about to be deleted, which must not count as more failed Jobs).
     */
    public void abandon(@ExchangeProperty(Carried.VERIFIER_GROUP) String group) {
        failedGroups.add(group);
    }

    /** The headers of camel-kubernetes' listJobByLabels for the Jobs of one dispatch. */
    public void selectGroup(Exchange exchange) {
        var message = exchange.getMessage();
        message.setHeader(KubernetesConstants.KUBERNETES_NAMESPACE_NAME, namespace);
        message.setHeader(KubernetesConstants.KUBERNETES_JOB_LABELS,
                Map.of(VerifierJobSpec.GROUP_LABEL, exchange.getProperty(Carried.VERIFIER_GROUP, String.class)));
    }

    /**
     * The names of the Jobs that may still start pods: running, waiting, or retried by
     * Kubernetes after fewer than RETRY_COUNT failures. A Job that succeeded, failed
     * RETRY_COUNT times or was given up by Kubernetes stays for its logs ({@code kubectl
     * logs}) until WORKER_TTL_SECONDS_AFTER_FINISHED.
     */
    public List<String> unfinished(List<Job> jobs) {
        return jobs.stream()
                .filter(job -> succeeded(job.getStatus()) == 0 && failedCondition(job.getStatus()).isEmpty()
                        && failures(job.getStatus()) < Math.max(retryCount, 1))
                .map(job -> job.getMetadata().getName())
                .toList();
    }

    /** The coordinator is stopping: the Jobs polled are abandoned (and deleted) at their next poll. */
    public void stop() {
        stopping = true;
    }

    /** Fails the dispatch with its original cause, once its Jobs were dealt with. */
    public void fail(@ExchangeProperty(Carried.DISPATCH_FAILURE) Exception cause) throws Exception {
        throw cause;
    }

    private static int succeeded(JobStatus status) {
        return status == null || status.getSucceeded() == null ? 0 : status.getSucceeded();
    }

    /** The Job's condition Failed, once Kubernetes will not start another pod for it. */
    private static Optional<JobCondition> failedCondition(JobStatus status) {
        return status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream()
                        .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static int failures(JobStatus status) {
        return status == null || status.getFailed() == null ? 0 : status.getFailed();
    }

    private VerifierFailedException failed(String group, String message) {
        failedGroups.add(group);
        metrics.jobFailed();
        return new VerifierFailedException(message);
    }

    private static String jobName(Exchange exchange) {
        return exchange.getMessage().getHeader(KubernetesConstants.KUBERNETES_JOB_NAME, String.class);
    }
}
