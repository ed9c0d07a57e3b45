package org.minafoundation.uptime.scores;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.store.ProducerBatches.Period;
import org.minafoundation.uptime.store.ProducerBatches.ProcessedBatch;
import org.minafoundation.uptime.store.ScoresQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the batches of the last two days again ahead of requests (a timer of
 * {@code routes/scores-api.yaml}), so that the reasons producers ask for most — today's, the
 * producer page's default day, the API's default 24 hours — come from the cache: each new
 * batch is recounted once, soon after it is committed, instead of by the first request.
 * Older days are recounted by the request that asks for them.
 */
public final class RecentRecounts {

    private static final Logger LOG = LoggerFactory.getLogger(RecentRecounts.class);

    /** The calendar day of the newest batch and the 24 hours before it, whatever the hour. */
    static final Duration REACH = Duration.ofDays(2);

    private final ScoresQueries scores;
    private final ProducerBatches stored;
    private final BatchRecount recount;
    private boolean failing;

    public RecentRecounts(ScoresQueries scores, ProducerBatches stored, BatchRecount recount) {
        this.scores = scores;
        this.stored = stored;
        this.recount = recount;
    }

    /** Recounts what the cache lacks of the last two days; a database outage is logged once and tried again. */
    public synchronized void refresh() {
        try {
            int batches = recountRecent();
            if (failing) {
                LOG.info("The recent batches are scored again ahead of requests again ({} batches)", batches);
            }
            failing = false;
        } catch (SQLException e) {
            if (!failing) {
                LOG.warn("Could not score the recent batches again ahead of requests (tried again in a minute): {}",
                        e.getMessage());
            }
            failing = true;
        }
    }

    /** The counted batches of the last two days, each now in the cache; how many. */
    int recountRecent() throws SQLException {
        var newest = scores.newestBatch();
        if (newest.isEmpty()) {
            return 0;
        }
        Instant end = Instant.ofEpochSecond(newest.get().endEpoch());
        Period period = stored.shortlisted(end.minus(REACH), end);
        int counted = 0;
        for (ProcessedBatch batch : period.batches()) {
            if (batch.counted()) {
                recount.of(batch, period.shortlist(batch.previousBotLogId()));
                counted++;
            }
        }
        return counted;
    }
}
