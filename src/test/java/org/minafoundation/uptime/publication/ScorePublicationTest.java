package org.minafoundation.uptime.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.S3MockServer;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * SCORES_S3_URI: after every batch the scoreboard goes to that object as JSON, on a real
 * S3-compatible server (S3Mock); when it cannot, the batches go on regardless.
 */
class ScorePublicationTest {

    static final String BUCKET = "scores";

    @RegisterExtension
    static final S3MockServer s3 = S3MockServer.perClass(BUCKET);

    @Test
    void theScoreboardOfTheApplicantsIsPublishedAsJsonBestFirst() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Map<String, String> extra = new HashMap<>(s3.environment());
        extra.put("SCORES_S3_URI", "s3://" + BUCKET + "/leaderboard/scores.json");
        List<Long> ends = run.batchEnds();

        Cli.Result before = run.runUntil(ends.get(ends.size() - 2), extra);
        // half the producers applied (statuses already in the database; the sync itself is off)
        TestPostgres.execute(run.database(), "UPDATE nodes SET application_status = (id % 2 = 0)");
        Cli.Result result = run.runUntil(run.lastEnd(), extra);

        assertEquals(0, before.exitCode(), before.err());
        assertEquals(0, result.exitCode(), result.err());
        JsonNode document = new ObjectMapper().readTree(s3.get(BUCKET, "leaderboard/scores.json").orElseThrow());
        // overwritten after every batch: what is there is the last batch's
        assertEquals(run.lastEnd(), document.get("batch_end_epoch").asLong());
        assertEquals(Instant.ofEpochSecond(run.lastEnd()).toString(), document.get("batch_end").asText());

        List<String> published = new ArrayList<>();
        for (JsonNode node : document.get("nodes")) {
            assertTrue(node.get("score_percent").isTextual(), node.toString());
            assertTrue(node.get("score_percent").asText().matches("\\d{1,3}\\.\\d{2}"), node.toString());
            published.add(node.get("block_producer_key").asText() + " " + node.get("score").asInt() + " "
                    + node.get("score_percent").asText() + " " + node.get("application_status").asBoolean());
        }
        List<String> applicants = scoredApplicantsBestFirst(run.database());
        assertTrue(applicants.size() > 1, "the scenario scores applicants");
        assertTrue(applicants.size() < count(run.database(), "SELECT count(*) FROM nodes WHERE score IS NOT NULL"),
                "and producers who did not apply");
        assertEquals(applicants, published);
        assertEquals(List.of("application/json"), s3.headers(BUCKET, "leaderboard/scores.json").get("content-type"));
        assertEquals(ends.size(), occurrences(before.out() + result.out(), "Published the scoreboard"),
                "after every batch");
        assertTrue(result.out().contains("Application status is not synced: the published scoreboard lists"),
                result.out());
        assertNothingEscaped(result);
    }

    /**
     * The failure stayed inside the publication route: had it escaped, the batch loop's
     * exchange would have failed after the commit (Camel logs both lines below) and skipped
     * its remaining steps, though the next tick still runs the next batch.
     */
    private static void assertNothingEscaped(Cli.Result result) {
        for (String escaped : List.of("Failed delivery", "Error processing exchange")) {
            assertEquals(0, occurrences(result.out() + result.err(), escaped), escaped);
        }
    }

    @Test
    void aMissingBucketNeverStopsTheBatches() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Map<String, String> extra = new HashMap<>(s3.environment());
        extra.put("SCORES_S3_URI", "s3://no-such-bucket/scores.json");

        Cli.Result result = run.runUntil(run.lastEnd(), extra);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(run.batchEnds(), committedBatchEnds(run.database()));
        assertTrue(result.out().contains("not published to s3://no-such-bucket/scores.json"), "failure logged");
        assertEquals(run.batchEnds().size(), occurrences(result.out(), "not published to"), "every batch tried");
        assertNothingEscaped(result);
    }

    @Test
    void anUnreachableStoreNeverStopsTheCoordinator() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Map<String, String> extra = new HashMap<>(s3.environment());
        extra.put("S3_ENDPOINT_URL", "http://127.0.0.1:" + closedPort());
        extra.put("SCORES_S3_URI", "s3://" + BUCKET + "/unreachable.json");

        Cli.Result result = run.runUntil(run.lastEnd(), extra);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(run.batchEnds(), committedBatchEnds(run.database()));
        assertEquals(run.batchEnds().size(), occurrences(result.out(), "not published to"), "every batch tried");
        assertNothingEscaped(result);
    }

    private static List<String> scoredApplicantsBestFirst(String database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT block_producer_key, score, score_percent FROM nodes"
                        + " WHERE score IS NOT NULL AND application_status ORDER BY score DESC, block_producer_key")) {
            while (r.next()) {
                BigDecimal percent = r.getBigDecimal(3);
                rows.add(r.getString(1) + " " + r.getInt(2) + " " + percent.toPlainString() + " true");
            }
        }
        return rows;
    }

    private static long count(String database, String query) throws SQLException {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The batch ends written by the run (the init-database row excluded). */
    private static List<Long> committedBatchEnds(String database) throws SQLException {
        List<Long> ends = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT batch_end_epoch FROM bot_logs WHERE files_processed > -1"
                        + " ORDER BY batch_end_epoch")) {
            while (r.next()) {
                ends.add(r.getLong(1));
            }
        }
        return ends;
    }

    private static long occurrences(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
