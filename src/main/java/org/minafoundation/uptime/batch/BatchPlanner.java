package org.minafoundation.uptime.batch;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.store.BatchStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the next batch: the window after the newest {@code bot_logs} row. With an end
 * time ({@code run --until}), returns null once the next batch would end after it, as it
 * does once the coordinator is ending.
 */
public final class BatchPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPlanner.class);

    private final BatchStore store;
    private final Duration interval;
    private final int sliceCount;
    private final Optional<Instant> until;
    private final RunControl control;
    private final CoordinatorMetrics metrics;

    public BatchPlanner(BatchStore store, Duration interval, int sliceCount, Optional<Instant> until, RunControl control,
            CoordinatorMetrics metrics) {
        this.store = store;
        this.interval = interval;
        this.sliceCount = sliceCount;
        this.until = until;
        this.control = control;
        this.metrics = metrics;
    }

    public Batch next() throws SQLException {
        if (control.ended()) {
            return null;
        }
        Batch batch = store.nextBatch(interval, sliceCount);
        metrics.standsAt(batch.start());
        if (until.isPresent() && batch.end().isAfter(until.get())) {
            LOG.info("Every batch ending at or before {} is done; next would be {}", until.get(), batch);
            return null;
        }
        return batch;
    }
}
