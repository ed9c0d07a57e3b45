package org.minafoundation.uptime.batch;

import java.sql.SQLException;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchResult;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.store.BatchStore;

/** The batch route's commit step: what the route carries, handed to the store's one transaction. */
public final class BatchCommit {

    private final BatchStore store;

    public BatchCommit(BatchStore store) {
        this.store = store;
    }

    public BatchResult commit(
            @ExchangeProperty(Carried.BATCH) Batch batch,
            @ExchangeProperty(Carried.SUBMISSIONS) BatchSubmissions submissions,
            @ExchangeProperty(Carried.SCORE) BatchScore score,
            @ExchangeProperty(Carried.VERIFICATION_SECONDS) double verificationSeconds) throws SQLException {
        return store.commit(batch, submissions, score, verificationSeconds);
    }
}
