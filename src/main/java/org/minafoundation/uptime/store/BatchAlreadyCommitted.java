package org.minafoundation.uptime.store;

import org.minafoundation.uptime.model.Batch;

/**
 * A batch whose predecessor is no longer the newest batch when it commits: another
 * coordinator took over while this one waited (its coordinator lock was lost) and has
 * processed it. Nothing of this attempt is written; the next pass plans from the newest batch.
 */
public final class BatchAlreadyCommitted extends IllegalStateException {

    public BatchAlreadyCommitted(Batch batch) {
        super(batch + " is no longer the next batch: another coordinator has processed it; nothing written");
    }
}
