package org.minafoundation.uptime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.ScoresServer;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The scores service's JSON API over the midnight-40 golden scenario, processed by the
 * coordinator: what it answers is what the database holds and what the reference computed
 * ({@code expected.json}), and bad requests get a 400 or 404 with a JSON reason.
 */
class ScoresApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Well-formed, and no producer's. */
    static final String UNKNOWN_KEY = "B62qzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
    static GoldenRun run;
    static ScoresServer server;
    static JsonNode expected;

    @BeforeAll
    static void processTheScenario() throws Exception {
        run = GoldenRun.prepare("midnight-40");
        expected = JSON.readTree(GoldenRun.GOLDEN.resolve("midnight-40").resolve("expected.json").toFile());
        // every other producer has applied: the legacy API lists only those
        server = ScoresServer.overGolden(run, processed -> {
            try (Connection c = TestPostgres.dataSource(processed.database()).getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE nodes SET application_status = (id % 2 = 0)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** expected.json's nodes, best first as SPEC §12 orders them: score descending, then key. */
    static List<JsonNode> expectedRanking() {
        List<JsonNode> nodes = new ArrayList<>();
        expected.get("nodes").forEach(nodes::add);
        nodes.sort(Comparator.comparing((JsonNode n) -> -n.get(1).asInt()).thenComparing(n -> n.get(0).asText()));
        return nodes;
    }

    static JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"), path);
        return JSON.readTree(response.body());
    }

    @Test
    void theLeaderboardIsTheReferencesScoresRankedWithTiesSharingARank() throws Exception {
        JsonNode board = getJson("/api/v1/leaderboard?limit=500", 200);

        List<JsonNode> ranking = expectedRanking();
        assertEquals(ranking.size(), board.get("total").asInt());
        assertEquals(expected.get("batches").size(), board.get("maxScore").asInt(), "every batch counted, in the window");
        assertEquals(90, board.get("windowDays").asInt());
        assertEquals(Instant.ofEpochSecond(run.lastEnd()).toString(), board.get("updatedAt").asText());
        JsonNode producers = board.get("producers");
        assertEquals(ranking.size(), producers.size());
        for (int i = 0; i < ranking.size(); i++) {
            JsonNode want = ranking.get(i);
            JsonNode got = producers.get(i);
            assertEquals(want.get(0).asText(), got.get("key").asText(), "row " + i);
            assertEquals(want.get(1).asInt(), got.get("score").asInt(), want.get(0).asText());
            assertEquals(0, new BigDecimal(want.get(2).asText()).compareTo(got.get("scorePercent").decimalValue()),
                    want.get(0).asText() + ": " + want.get(2) + " and " + got.get("scorePercent"));
            int higher = (int) ranking.stream().filter(n -> n.get(1).asInt() > want.get(1).asInt()).count();
            assertEquals(1 + higher, got.get("rank").asInt(), want.get(0).asText());
        }
    }

    @Test
    void pagesAndSearchKeepTheRanksOfTheWholeBoard() throws Exception {
        JsonNode all = getJson("/api/v1/leaderboard?limit=500", 200).get("producers");
        JsonNode page = getJson("/api/v1/leaderboard?limit=10&offset=10", 200).get("producers");
        assertEquals(10, page.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(all.get(10 + i), page.get(i));
        }
        String last = all.get(all.size() - 1).get("key").asText();
        JsonNode found = getJson("/api/v1/leaderboard?q=" + last.substring(20, 32), 200);
        assertEquals(1, found.get("total").asInt());
        assertEquals(all.get(all.size() - 1), found.get("producers").get(0), "its rank among all, not among the found");
    }

    @Test
    void asOfAPastTimeTheBoardIsTheScoreHistoryStrictlyBefore() throws Exception {
        JsonNode third = expected.get("score_history").get(2);
        Instant at = scoreAt(third);
        JsonNode board = getJson("/api/v1/leaderboard?limit=500&at=" + at.plusSeconds(1), 200);

        assertEquals(at.toString(), board.get("updatedAt").asText());
        Map<String, Integer> want = new HashMap<>();
        third.get("rows").forEach(r -> want.put(r.get(0).asText(), r.get(1).asInt()));
        Map<String, Integer> got = new HashMap<>();
        board.get("producers").forEach(p -> got.put(p.get("key").asText(), p.get("score").asInt()));
        assertEquals(want, got);
        assertEquals(3, board.get("maxScore").asInt(), "three batches had ended by then");
        assertEquals(scoreAt(expected.get("score_history").get(1)).toString(),
                getJson("/api/v1/leaderboard?at=" + at, 200).get("updatedAt").asText(), "strictly before: the batch before");
    }

    @Test
    void everyBatchOfEveryProducerHasAPointExactlyWhenTheReferenceGaveOne() throws Exception {
        Map<Long, Set<String>> pointsByBatchEnd = new HashMap<>();
        for (JsonNode batch : expected.get("batches")) {
            Set<String> keys = new HashSet<>();
            batch.get("points").forEach(p -> keys.add(p.get(0).asText()));
            pointsByBatchEnd.put(batch.get("batch_end_epoch").asLong(), keys);
        }
        String from = Instant.ofEpochSecond(run.batchEnds().get(0) - 1200).toString();
        String to = Instant.ofEpochSecond(run.lastEnd()).toString();
        for (JsonNode node : expected.get("nodes")) {
            String key = node.get(0).asText();
            JsonNode answer = getJson("/api/v1/producers/" + key + "/batches?from=" + from + "&to=" + to, 200);
            JsonNode batches = answer.get("batches");
            assertEquals(pointsByBatchEnd.size(), batches.size(), key);
            int points = 0;
            for (JsonNode batch : batches) {
                long end = Instant.parse(batch.get("end").asText()).getEpochSecond();
                boolean point = pointsByBatchEnd.get(end).contains(key);
                assertEquals(point, batch.get("point").asBoolean(), key + " in the batch ending " + batch.get("end"));
                assertEquals(point ? "POINT" : "", point ? batch.get("reason").asText() : "",
                        key + " " + batch.get("detail"));
                assertNotEquals("STORED_DIFFERS", batch.get("reason").asText(), "the recount agrees with the store");
                assertTrue(batch.get("counted").asBoolean());
                points += point ? 1 : 0;
            }
            assertEquals(node.get(1).asInt(), points, key + ": its score is its points in the window");
        }
    }

    @Test
    void aProducerHasItsScoreRankAndHistory() throws Exception {
        JsonNode best = expectedRanking().get(0);
        JsonNode producer = getJson("/api/v1/producers/" + best.get(0).asText(), 200);

        assertEquals(best.get(1).asInt(), producer.get("score").asInt());
        assertEquals(1, producer.get("rank").asInt());
        assertEquals(expected.get("batches").size(), producer.get("maxScore").asInt());
        JsonNode history = producer.get("history");
        assertEquals(expected.get("score_history").size(), history.size());
        assertEquals(best.get(1).asInt(), history.get(history.size() - 1).get("score").asInt());
        assertEquals(Instant.ofEpochSecond(run.lastEnd()).toString(), producer.get("lastPointAt").asText());
    }

    @Test
    void aBatchSaysItsWindowCountsAndShortlist() throws Exception {
        JsonNode reference = expected.get("batches").get(0);
        String start = Instant.ofEpochSecond(reference.get("batch_start_epoch").asLong()).toString();
        JsonNode list = getJson("/api/v1/batches?from=" + start + "&to=" + Instant.ofEpochSecond(run.lastEnd()), 200);
        JsonNode first = list.get("batches").get(0);
        assertEquals(start, first.get("start").asText());
        assertEquals(reference.get("files_processed").asInt(), first.get("submissionsProcessed").asInt());
        assertEquals(reference.get("points_summary").size(), first.get("producersWithPoint").asInt());

        JsonNode batch = getJson("/api/v1/batches/" + first.get("botLogId").asInt(), 200);
        Set<String> shortlisted = new HashSet<>();
        batch.get("shortlist").forEach(s -> shortlisted.add(s.get("hash").asText()));
        Set<String> want = new HashSet<>();
        reference.get("shortlisted").forEach(s -> want.add(s.get(0).asText()));
        assertEquals(want, shortlisted);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/producers/B62notakey                                  | 400 | bad_key",
        "/api/v1/producers/" + UNKNOWN_KEY + "                         | 404 | not_found",
        "/api/v1/leaderboard?limit=501                                 | 400 | bad_limit",
        "/api/v1/leaderboard?limit=ten                                 | 400 | bad_limit",
        "/api/v1/leaderboard?offset=-1                                 | 400 | bad_offset",
        "/api/v1/leaderboard?at=yesterday                              | 400 | bad_at",
        "/api/v1/batches?from=2024-03-01T00:00:00Z&to=2024-03-09T00:00:00Z | 400 | range_too_long",
        "/api/v1/batches?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z | 400 | bad_range",
        "/api/v1/batches/999999                                        | 404 | not_found",
    })
    void aBadRequestGetsAJsonReasonAndNothingElse(String path, int status, String code) throws Exception {
        HttpResponse<String> response = server.get(path, Map.of("X-Probe", "echo-me"));

        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.get("error").asText(), response.body());
        assertFalse(body.get("message").asText().isBlank());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        assertTrue(response.headers().firstValue("X-Probe").isEmpty(), "no request header comes back");
    }

    @Test
    void anAnswerNotChangedSinceTheClientsCopyIs304() throws Exception {
        HttpResponse<String> first = server.get("/api/v1/leaderboard");
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertTrue(first.headers().firstValue("last-modified").isPresent());

        HttpResponse<String> again = server.get("/api/v1/leaderboard", Map.of("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(200, server.get("/api/v1/leaderboard", Map.of("If-None-Match", "\"0-0\"")).statusCode());
    }

    @Test
    void theOpenApiDocumentListsTheApi() throws Exception {
        JsonNode document = getJson("/api/v1/openapi.json", 200);
        assertTrue(document.get("openapi").asText().startsWith("3."), document.get("openapi").asText());
        JsonNode paths = document.get("paths");
        for (String path : List.of("/api/v1/leaderboard", "/api/v1/producers/{key}", "/api/v1/producers/{key}/batches",
                "/api/v1/batches/{botLogId}")) {
            assertTrue(paths.has(path), path + " in " + paths.fieldNames());
        }
    }

    @Test
    void anyOriginMayReadButOnlyWithGet() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/leaderboard", Map.of("Origin", "https://example.org"));
        assertEquals("*", response.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("access-control-allow-methods").orElse(""));
    }

    /** The rows of a query, each as the legacy API's three strings. */
    static List<List<String>> legacyRows(String sql, Object... parameters) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource(run.database()).getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(List.of(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
        }
        return rows;
    }

    static List<List<String>> legacyAnswer(String path) throws Exception {
        JsonNode list = getJson(path, 200);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : list) {
            assertTrue(row.get("score").isTextual() && row.get("score_percent").isTextual(), row.toString());
            rows.add(List.of(row.get("block_producer_key").asText(), row.get("score").asText(),
                    row.get("score_percent").asText()));
        }
        return rows;
    }

    static final String SPEC_APPLICANTS = "SELECT block_producer_key, score, score_percent FROM nodes"
            + " WHERE application_status = true AND score IS NOT NULL ORDER BY score DESC, block_producer_key";
    static final String SPEC_AS_OF = "SELECT n.block_producer_key, h.score, h.score_percent FROM score_history h"
            + " JOIN nodes n ON n.id = h.node_id WHERE h.score_at = (SELECT max(score_at) FROM score_history"
            + " WHERE score_at < ?) ORDER BY h.score DESC, n.block_producer_key";

    @Test
    void theLegacyApiAnswersWhatTheSpecsQueriesReturn() throws Exception {
        List<List<String>> applicants = legacyRows(SPEC_APPLICANTS);
        assertFalse(applicants.isEmpty());
        assertTrue(applicants.size() < expected.get("nodes").size(), "only the applicants");
        assertEquals(applicants, legacyAnswer("/uptimescore/"));
        assertEquals(applicants, legacyAnswer("/uptimescore/snarkwork/"));

        String key = applicants.get(applicants.size() - 1).get(0);
        List<List<String>> newest = legacyRows("SELECT n.block_producer_key, h.score, h.score_percent FROM score_history h"
                + " JOIN nodes n ON n.id = h.node_id WHERE n.block_producer_key = ? ORDER BY h.score_at DESC LIMIT 1", key);
        assertEquals(newest, legacyAnswer("/uptimescore/" + key));
        assertEquals(newest, legacyAnswer("/uptimescore/" + key + "/snarkwork/"));

        Instant at = scoreAt(expected.get("score_history").get(2)).plusSeconds(1);
        LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        List<List<String>> asOf = legacyRows(SPEC_AS_OF, utc);
        assertEquals(expected.get("score_history").get(2).get("rows").size(), asOf.size(), "no applicant filter");
        assertEquals(asOf, legacyAnswer("/uptimescore/snarkwork/" + at));
        String scored = asOf.get(asOf.size() - 1).get(0);
        assertEquals(List.of(asOf.get(asOf.size() - 1)), legacyAnswer("/uptimescore/" + scored + "/snarkwork/" + at));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/uptimescore/B62short                                  | invalid public key",
        "/uptimescore/snarkwork/2024-03-02%2000:00:00           | invalid date format",
        "/uptimescore/snarkwork/2024-03-02T00:00:00             | invalid date format",
        "/uptimescore/" + UNKNOWN_KEY + "/blocks/                | invalid data type",
        "/uptimescore/snarkwork/2020-01-01T00:00:00Z            | no data found",
        "/uptimescore/" + UNKNOWN_KEY + "                       | no data found",
        "/uptimescore/snarkwork/2020-01-01T00:00:00Z/more/paths | not found",
    })
    void theLegacyApiSays404WithItsTwoFields(String path, String error) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(404, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(error, body.get("Error").asText(), response.body());
        assertFalse(body.get("Error_message").asText().isBlank());
    }

    static Instant scoreAt(JsonNode history) {
        return LocalDateTime.parse(history.get("score_at").asText().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
