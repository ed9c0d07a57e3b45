package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.support.QueryRows;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A coordinator that lost its lock while waiting for a batch to end must not write the
 * batch a second time after another coordinator has processed it (SPEC §2: never twice).
 */
class BatchTakenOverTest {

    private static final Duration INTERVAL = Duration.ofMinutes(20);
    private static final BatchSubmissions NOTHING = new BatchSubmissions(0, 0, 0, List.of(), List.of());
    private static final BatchScore NO_SCORE = new BatchScore(List.of(), Map.of(), List.of(), List.of());

    @Test
    void aBatchPlannedBeforeAnotherCoordinatorCommittedItIsRefused() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        BatchStore store = storeWithInitialBatch(dataSource);
        Batch planned = store.nextBatch(INTERVAL, 1);
        Batch plannedByTheOther = store.nextBatch(INTERVAL, 1);
        store.commit(plannedByTheOther, NOTHING, NO_SCORE, 1.0);

        BatchAlreadyCommitted refused = assertThrows(BatchAlreadyCommitted.class,
                () -> store.commit(planned, NOTHING, NO_SCORE, 2.0));

        assertEquals(List.of("1"), processingTimes(dataSource), refused.getMessage());
        assertEquals(planned.end(), store.nextBatch(INTERVAL, 1).start(), "the next pass plans the batch after it");
    }

    @Test
    void twoCommitsOfOneBatchAtOnceWriteItOnce() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        BatchStore store = storeWithInitialBatch(dataSource);
        for (int round = 0; round < 10; round++) {
            Batch batch = store.nextBatch(INTERVAL, 1);
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                List<Future<Object>> commits = new ArrayList<>();
                for (int coordinator = 0; coordinator < 2; coordinator++) {
                    Callable<Object> commit = () -> store.commit(batch, NOTHING, NO_SCORE, 1.0);
                    commits.add(both.submit(commit));
                }
                int refused = 0;
                for (Future<Object> commit : commits) {
                    try {
                        commit.get();
                    } catch (ExecutionException e) {
                        assertEquals(BatchAlreadyCommitted.class, e.getCause().getClass(), e.getCause().toString());
                        refused++;
                    }
                }
                assertEquals(1, refused, "round " + round + ": exactly one of the two commits is refused");
            } finally {
                both.shutdownNow();
            }
        }
        assertEquals(List.of("10", "10"), query(dataSource,
                "SELECT count(*) FROM bot_logs WHERE files_processed > -1"
                        + " UNION ALL SELECT count(DISTINCT batch_end_epoch) FROM bot_logs WHERE files_processed > -1"));
    }

    @Test
    void aBotLogsRowWithoutAnEndIsNoBatch() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        BatchStore store = storeWithInitialBatch(dataSource);
        execute(dataSource, "INSERT INTO bot_logs (files_processed) VALUES (0)");

        assertEquals(Instant.parse("2024-06-01T00:00:00Z"), store.nextBatch(INTERVAL, 1).start());
    }

    private static BatchStore storeWithInitialBatch(DataSource dataSource) throws Exception {
        execute(dataSource, "INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch)"
                + " VALUES (-1, 0, " + Instant.parse("2024-06-01T00:00:00Z").getEpochSecond() + ")");
        return new BatchStore(dataSource, Clock.fixed(Instant.parse("2024-07-01T00:00:00Z"), ZoneOffset.UTC), 90,
                TestPostgres.heldLock(dataSource));
    }

    private static List<String> processingTimes(DataSource dataSource) throws Exception {
        return query(dataSource, "SELECT processing_time::text FROM bot_logs WHERE files_processed > -1");
    }

    private static List<String> query(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return QueryRows.strings(s, sql);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
