package org.minafoundation.uptime.scores;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.store.ProducerBatches.ProcessedBatch;
import org.minafoundation.uptime.store.StoredShortlist;
import org.minafoundation.uptime.submissions.PostgresSubmissionSource;

/**
 * A processed batch scored again in memory, by the coordinator's own scoring engine, from
 * its stored submissions and the previous batch's stored shortlist. Both are fixed once the
 * batch is committed (until a rescore or cleanup of it), so the result is kept per batch in
 * a bounded cache; a rescore changes the batch's stored shortlist ids, never its bot_logs id,
 * hence the key includes the previous batch's shortlist as read.
 */
public final class BatchRecount {

    /** Who earned a point in the recount, and the heights of the shortlisted hashes. */
    public record Result(Set<String> pointSubmitters, Map<String, Long> shortlistedHeights) {
    }

    private static final int CACHED_BATCHES = 2_048;

    private final DataSource dataSource;
    private final PostgresSubmissionSource submissions;
    private final ScoringEngine engine;
    private final Map<String, Result> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
            return size() > CACHED_BATCHES;
        }
    });

    public BatchRecount(DataSource dataSource, ScoringEngine engine) {
        this.dataSource = dataSource;
        this.submissions = new PostgresSubmissionSource(dataSource);
        this.engine = engine;
    }

    public Result of(ProcessedBatch batch) throws SQLException {
        var previous = previousShortlist(batch.previousBotLogId());
        String key = batch.botLogId() + "/" + previous.hashCode();
        Result cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        BatchSubmissions rows = submissions.load(new Batch(batch.start(), batch.end(), batch.previousBotLogId(), 1));
        BatchScore score = engine.score(rows.scored(), previous);
        Map<String, Long> heights = new HashMap<>();
        for (Submission row : rows.scored()) {
            if (score.shortlist().containsKey(row.stateHash()) && row.height() != null) {
                heights.putIfAbsent(row.stateHash(), row.height());
            }
        }
        Result result = new Result(score.pointRows().stream().map(Submission::submitter).collect(Collectors.toSet()),
                heights);
        cache.put(key, result);
        return result;
    }

    private List<ShortlistEntry> previousShortlist(int botLogId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return StoredShortlist.of(c, botLogId);
        }
    }
}
