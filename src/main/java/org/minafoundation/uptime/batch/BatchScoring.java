package org.minafoundation.uptime.batch;

import java.sql.SQLException;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.store.BatchStore;
import org.minafoundation.uptime.model.BatchSubmissions;

/** Scores a batch against the shortlist that the previous batch stored. */
public final class BatchScoring {

    private final BatchStore store;
    private final ScoringEngine engine;

    public BatchScoring(BatchStore store, ScoringEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    public BatchScore score(
            @ExchangeProperty(Carried.BATCH) Batch batch,
            @ExchangeProperty(Carried.SUBMISSIONS) BatchSubmissions submissions) throws SQLException {
        return engine.score(submissions.scored(), store.shortlistOf(batch.previousBotLogId()));
    }
}
