package org.minafoundation.uptime.store;

import java.time.Instant;
import org.minafoundation.uptime.model.Batch;

/** A batch already in {@code bot_logs}, with the batch before it (whose shortlist it continues). */
public record StoredBatch(int botLogId, long startEpoch, long endEpoch, int previousBotLogId) {

    /** The batch as the pipeline knows it (one slice: it is not verified again). */
    public Batch batch() {
        return new Batch(Instant.ofEpochSecond(startEpoch), Instant.ofEpochSecond(endEpoch),
                previousBotLogId, 1);
    }
}
