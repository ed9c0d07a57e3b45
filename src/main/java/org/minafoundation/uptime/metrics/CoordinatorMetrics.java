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
        batchesProcessed = counter(registry, "uptime.batches.processed", "Batches committed");
        batchesFailed = counter(registry, "uptime.batches.failed", "Failed batch attempts");
        retries = counter(registry, "uptime.batch.retries", "Batch attempts retried");
        processingTime = Timer.builder("uptime.batch.processing").description("Time to process a batch").register(registry);
        verificationTime = Timer.builder("uptime.batch.verification")
                .description("Wall time of a batch's verifier dispatch").register(registry);
        submissionsLoaded = counter(registry, "uptime.submissions.loaded", "Submissions of committed batches loaded for scoring");
        submissionsIgnored = counter(registry, "uptime.submissions.ignored", "Unverified or invalid submissions");
        submissionsMalformed = counter(registry, "uptime.submissions.malformed", "Verified submissions without a state hash, skipped");
        producersScored = counter(registry, "uptime.producers.scored", "Producers given a score, summed over the committed batches");
        pointsGranted = counter(registry, "uptime.points.granted", "Points granted to producers in committed batches");
        jobsCreated = counter(registry, "uptime.verifier.jobs.launched", "Verifier Kubernetes Jobs created");
        jobsFailed = counter(registry, "uptime.verifier.jobs.failed", "Verifier Kubernetes Jobs that failed");
        Gauge.builder("uptime.batch.lag", this, m -> m.lagSeconds(clock))
                .description("Seconds between now and the end of the last processed batch").baseUnit("seconds")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
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
