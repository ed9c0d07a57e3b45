package org.minafoundation.uptime.alerts;

import java.util.Objects;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.model.BatchFailure;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.model.BatchFailure.Outcome;

/**
 * The message posted when a batch failed (SPEC §8): either it will be retried, or the
 * coordinator stops for good because the retries are used up. The failure description
 * comes from an exception and may hold anything; it is escaped for Slack's markup
 * ({@code &}, {@code <}, {@code >}), while JSON escaping is the Slack component's job.
 *
 * <p>While the database is unreachable the coordinator retries every few seconds without
 * counting the attempts, each time failing the same way before any verification starts.
 * So a retry alert repeating the previous one word for word is not posted again until a
 * batch reaches verification ({@link #batchVerified()}); a stop is always posted.
 */
public final class BatchFailureAlert {

    private final int retryCount;
    private String lastRetried;

    public BatchFailureAlert(int retryCount) {
        this.retryCount = retryCount;
    }

    /**
     * The message to post, or {@code null} when it would only repeat the previous retry
     * alert, or when the batch was only interrupted by the coordinator stopping.
     */
    public synchronized String message(@ExchangeProperty(Carried.BATCH_FAILURE) BatchFailure failure) {
        Outcome outcome = failure == null ? Outcome.RETRIED : failure.outcome();
        String description = failure == null || failure.description().isEmpty()
                ? "a batch failed for an unknown reason" : failure.description();
        String what = slackText(description);
        switch (outcome) {
            case STOPPED:
                return null;
            case TAKEN_OVER:
                // not retried: the next pass plans from the other coordinator's newest batch
                return "Uptime coordinator: " + what + ". Two coordinators processed batches at once (this one had lost"
                        + " its lock); it goes on from the newest batch once it holds the lock again.";
            case LOCK_LOST:
                return "Uptime coordinator: " + what + ". It redoes the batch once it holds the lock again (another"
                        + " coordinator or a rescore may hold it now).";
            case GIVEN_UP:
                lastRetried = null;
                return "Uptime coordinator stopped: " + what + ". The retries are used up (RETRY_COUNT=" + retryCount
                        + "); nothing of this batch was kept. Fix the cause and restart the coordinator: it redoes this"
                        + " batch.";
            default:
                if (Objects.equals(what, lastRetried)) {
                    return null;
                }
                lastRetried = what;
                return "Uptime coordinator: " + what + ". Nothing of it was kept; the batch will be retried.";
        }
    }

    /** A batch got as far as verification: the next failure is news, even if worded as the last one. */
    public synchronized void batchVerified() {
        lastRetried = null;
    }

    /** Slack reads {@code <...>} as links and mentions and {@code &} as an entity: show them as typed. */
    static String slackText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
