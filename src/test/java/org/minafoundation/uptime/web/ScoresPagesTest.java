package org.minafoundation.uptime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.ScoresServer;

/**
 * The scores pages over HTTP, parsed as HTML (the browser tests do the same in Chromium):
 * the leaderboard and a producer's page show what the API says, escaped, with local assets.
 */
class ScoresPagesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static GoldenRun run;
    static ScoresServer server;

    @BeforeAll
    static void processTheScenario() throws Exception {
        run = GoldenRun.prepare("midnight-40");
        server = ScoresServer.overGolden(run, processed -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Document page(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"), path);
        return Jsoup.parse(response.body());
    }

    @Test
    void theLeaderboardShowsEveryListedProducerWithRankScoreAndPercent() throws Exception {
        JsonNode api = JSON.readTree(server.get("/api/v1/leaderboard").body());
        Document board = page("/");

        var rows = board.select("#leaderboard tbody tr");
        assertEquals(api.get("producers").size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode want = api.get("producers").get(i);
            var cells = rows.get(i).select("td");
            assertEquals(want.get("rank").asText(), cells.get(0).text());
            assertEquals(want.get("key").asText(), cells.get(1).text());
            assertEquals("/producers/" + want.get("key").asText(), cells.get(1).selectFirst("a").attr("href"));
            assertEquals(want.get("score").asText(), cells.get(2).text());
            assertEquals(0, want.get("scorePercent").decimalValue().compareTo(new BigDecimal(cells.get(3).text())),
                    cells.get(3).text());
        }
        assertEquals(api.get("maxScore").asText(), board.selectFirst("#max-score").text());
        assertEquals("2024-03-02 01:00 UTC", board.selectFirst("#updated-at").text());
    }

    @Test
    void theSearchFindsByPartOfTheKeyAndEscapesWhatWasTyped() throws Exception {
        String key = JSON.readTree(server.get("/api/v1/leaderboard").body()).get("producers").get(3).get("key").asText();
        assertEquals(1, page("/?q=" + key.substring(10, 30)).select("#leaderboard tbody tr").size());

        String typed = "<script>alert(1)</script>";
        Document found = page("/?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
        assertEquals(0, found.select("script").size(), "what was typed stays text");
        assertEquals(typed, found.selectFirst("input[name=q]").attr("value"));
        assertEquals(0, found.select("#leaderboard tbody tr").size());
    }

    @Test
    void aProducersPageHasItsScoreChartDataStripAndTheDaysReasons() throws Exception {
        String key = JSON.readTree(server.get("/api/v1/leaderboard").body()).get("producers").get(0).get("key").asText();
        JsonNode api = JSON.readTree(server.get("/api/v1/producers/" + key).body());
        Document producer = page("/producers/" + key);

        assertEquals(key, producer.selectFirst("#key").text());
        assertEquals(api.get("score").asText(), producer.selectFirst("#score").text());
        assertEquals(api.get("rank").asText(), producer.selectFirst("#rank").text());
        JsonNode chart = JSON.readTree(producer.selectFirst("#score-chart").attr("data-points"));
        assertEquals(api.get("history").size(), chart.get("values").size());
        assertEquals(api.get("history").get(0).get("scorePercent").decimalValue(), chart.get("values").get(0).decimalValue());

        var cells = producer.select("#strip a");
        assertEquals(run.batchEnds().size(), cells.size(), "one cell per batch of the last 7 days");
        for (Element cell : cells) {
            assertTrue(cell.hasClass("point") && cell.text().equals("●"), cell.outerHtml());
        }
        var batches = producer.select("#batches tbody tr");
        assertEquals(3, batches.size(), "the batches starting on the newest batch's day, 2024-03-02");
        assertEquals("POINT", batches.get(0).selectFirst("td.reason").text());

        String csv = server.get(producer.selectFirst("#csv").attr("href")).body();
        assertEquals(4, csv.lines().count(), csv);
        assertTrue(csv.lines().skip(1).allMatch(l -> l.contains(",POINT,")), csv);
    }

    @Test
    void aPageUsesOnlyTheServicesOwnAssets() throws Exception {
        String key = JSON.readTree(server.get("/api/v1/leaderboard").body()).get("producers").get(0).get("key").asText();
        Document producer = page("/producers/" + key);
        for (Element asset : producer.select("script[src], link[href]")) {
            String url = asset.hasAttr("src") ? asset.attr("src") : asset.attr("href");
            assertTrue(url.startsWith("/assets/"), url);
            HttpResponse<String> response = server.get(url);
            assertEquals(200, response.statusCode(), url);
            assertTrue(response.body().length() > 100, url);
        }
        assertTrue(server.get("/assets/chart.umd.js").body().contains("Chart"), "Chart.js itself");
    }

    @Test
    void anUnknownProducersPageIs404() throws Exception {
        assertEquals(404, server.get("/producers/B62qzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").statusCode());
        assertEquals(400, server.get("/producers/not-a-key").statusCode());
    }
}
