package org.minafoundation.uptime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The numbers an operator watches, published at /observe/metrics (Prometheus). The one to
 * alert on is {@code uptime_batch_lag_seconds}: how far the last processed batch end is
 * behind now.
 */
public final class CoordinatorMetrics {

    private final Counter batchesProcessed;
    private final Counter batchesFailed;
    private final Counter retries;
    private final Timer processingTime;
    private final Timer verificationTime;
    private final Counter submissionsLoaded;
    private final Counter submissionsIgnored;
    private final Counter submissionsMalformed;
    private final Counter producersScored;
    private final Counter pointsGranted;
    private final Counter jobsCreated;
    private final Counter jobsFailed;
    private final AtomicReference<Instant> lastBatchEnd = new AtomicReference<>();

    public CoordinatorMetrics(MeterRegistry registry, Clock clock) {
        batchesProcessed = Counter.builder("uptime.batches.processed").description("Batches committed").register(registry);
        batchesFailed = Counter.builder("uptime.batches.failed").description("Failed batch attempts").register(registry);
        retries = Counter.builder("uptime.batch.retries").description("Batch attempts retried").register(registry);
        processingTime = Timer.builder("uptime.batch.processing").description("Time to process a batch").register(registry);
        verificationTime = Timer.builder("uptime.batch.verification")
                .description("Wall time of a batch's verifier dispatch").register(registry);
        submissionsLoaded = Counter.builder("uptime.submissions.loaded")
                .description("Submissions of committed batches loaded for scoring").register(registry);
        submissionsIgnored = Counter.builder("uptime.submissions.ignored")
                .description("Unverified or invalid submissions").register(registry);
        submissionsMalformed = Counter.builder("uptime.submissions.malformed")
                .description("Verified submissions without a state hash, skipped").register(registry);
        producersScored = Counter.builder("uptime.producers.scored")
                .description("Producers given a score, summed over the committed batches").register(registry);
        pointsGranted = Counter.builder("uptime.points.granted")
                .description("Points granted to producers in committed batches").register(registry);
        jobsCreated = Counter.builder("uptime.verifier.jobs.launched")
                .description("Verifier Kubernetes Jobs created").register(registry);
        jobsFailed = Counter.builder("uptime.verifier.jobs.failed")
                .description("Verifier Kubernetes Jobs that failed").register(registry);
        Gauge.builder("uptime.batch.lag", this, m -> m.lagSeconds(clock))
                .description("Seconds between now and the end of the last processed batch").baseUnit("seconds")
                .register(registry);
    }

    /** Metrics that go nowhere: for a bean used outside a running coordinator. */
    public static CoordinatorMetrics discarding() {
        return new CoordinatorMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Clock.systemUTC());
    }

    private double lagSeconds(Clock clock) {
        Instant end = lastBatchEnd.get();
        return end == null ? Double.NaN : Duration.between(end, clock.instant()).toMillis() / 1000.0;
    }

    /** Where the coordinator stands before a batch: the previous batch's end. */
    public void standsAt(Instant processedUntil) {
        lastBatchEnd.set(processedUntil);
    }

    public void batchCommitted(Instant end, Duration processing, double verificationSeconds, int loaded, int ignored,
            int malformed, int producers, int points) {
        lastBatchEnd.set(end);
        batchesProcessed.increment();
        processingTime.record(processing);
        verificationTime.record(Duration.ofMillis(Math.round(verificationSeconds * 1000)));
        submissionsLoaded.increment(loaded);
        submissionsIgnored.increment(ignored);
        submissionsMalformed.increment(malformed);
        producersScored.increment(producers);
        pointsGranted.increment(points);
    }

    public void batchFailed(boolean retried) {
        batchesFailed.increment();
        if (retried) {
            retries.increment();
        }
    }

    public void jobCreated() {
        jobsCreated.increment();
    }

    public void jobFailed() {
        jobsFailed.increment();
    }
}
