package org.minafoundation.uptime.batch;

import java.time.Duration;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.config.ReadableDuration;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchResult;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.Carried;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line per batch an operator reads (window, counts, timings), and the same numbers as metrics. */
public final class BatchReport {

    private static final Logger LOG = LoggerFactory.getLogger("batch");

    private final CoordinatorMetrics metrics;

    public BatchReport(CoordinatorMetrics metrics) {
        this.metrics = metrics;
    }

    public String log(
            @ExchangeProperty(Carried.BATCH) Batch batch,
            @ExchangeProperty(Carried.SUBMISSIONS) BatchSubmissions submissions,
            @ExchangeProperty(Carried.RESULT) BatchResult result,
            @ExchangeProperty(Carried.VERIFICATION_SECONDS) double verificationSeconds,
            @ExchangeProperty(Carried.BATCH_STARTED) long batchStartedNanos) {
        Duration processing = Duration.ofNanos(System.nanoTime() - batchStartedNanos);
        metrics.batchCommitted(batch.end(), processing, verificationSeconds, submissions.loaded(),
                submissions.ignored(), submissions.unusable(), result.producersScored(), result.points());
        String line = String.format(
                "Batch [%s, %s) done as bot_logs %d: %d submissions loaded, %d ignored (unverified or invalid),"
                        + " %d skipped (unusable: no or oversized hash or key); %d producers scored, %d points, %d hashes shortlisted;"
                        + " verification %s, processing %s",
                batch.start(), batch.end(), result.botLogId(), submissions.loaded(), submissions.ignored(),
                submissions.unusable(), result.producersScored(), result.points(), result.shortlisted(),
                ReadableDuration.ofSeconds(verificationSeconds), ReadableDuration.of(processing));
        LOG.info(line);
        return line;
    }
}
