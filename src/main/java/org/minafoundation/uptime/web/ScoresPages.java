package org.minafoundation.uptime.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Header;
import org.minafoundation.uptime.scores.BatchVerdict;
import org.minafoundation.uptime.scores.Explainer;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.store.ProducerBatches.Period;
import org.minafoundation.uptime.store.ProducerBatches.ProcessedBatch;
import org.minafoundation.uptime.store.ScoresQueries;
import org.minafoundation.uptime.store.ScoresQueries.HistoryPoint;
import org.minafoundation.uptime.store.ScoresQueries.Listed;
import org.minafoundation.uptime.store.ScoresQueries.NewestBatch;
import org.minafoundation.uptime.store.ScoresQueries.Page;
import org.minafoundation.uptime.store.ScoresQueries.Producer;

/**
 * The models of the scores pages (templates/*.html, rendered by Thymeleaf, which escapes
 * every value): plain maps, so that the templates read them as {@code ${body.name}}.
 */
public record ScoresPages(ScoresQueries scores, ProducerBatches batches, Explainer explainer) {

    static final int ROWS_PER_PAGE = 120;
    private static final Duration STRIP = Duration.ofDays(7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.7/dist/chart.umd.js";

    /** {@code /}: rank, key, score, % of the max score, 120 a page, search by key. */
    public Map<String, Object> leaderboard(@Header("q") String q, @Header("page") String page) throws SQLException {
        String search = q == null ? "" : q.strip();
        int number = RequestParameters.integer("page", page, 1, 1, 1_000_000);
        Page board = scores.leaderboard(search, ROWS_PER_PAGE, (number - 1) * ROWS_PER_PAGE, Optional.empty());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Listed listed : board.producers()) {
            rows.add(Map.of("rank", listed.rank(), "key", listed.key(), "href", producerHref(listed.key()),
                    "score", listed.score(),
                    "percent", listed.scorePercent() == null ? "" : listed.scorePercent().toPlainString()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("q", search);
        model.put("rows", rows);
        model.put("total", board.total());
        model.put("maxScore", board.maxScore());
        model.put("updatedAt", board.updatedAtEpoch() == 0 ? "no batch yet" : TIME.format(Instant.ofEpochSecond(board.updatedAtEpoch())));
        model.put("page", number);
        model.put("previousHref", number > 1 ? leaderboardHref(search, number - 1) : "");
        model.put("nextHref", (long) number * ROWS_PER_PAGE < board.total() ? leaderboardHref(search, number + 1) : "");
        return model;
    }

    /**
     * {@code /producers/{key}}: score, rank and % now, the chart's data, the strip of the last
     * 7 days (one cell a batch) and the chosen day's batches with their reasons.
     */
    public Map<String, Object> producer(@Header("key") String key, @Header("day") String day) throws SQLException {
        Producer producer = scores.producer(RequestParameters.key(key))
                .orElseThrow(() -> ApiProblem.notFound("no producer " + key + " is known: no score and no submission"));
        NewestBatch newest = scores.newestBatch().orElse(new NewestBatch(0, Instant.now().getEpochSecond()));
        Instant end = Instant.ofEpochSecond(newest.endEpoch());
        LocalDate chosen = day(day).orElse(LocalDate.ofInstant(end.minusSeconds(1), ZoneOffset.UTC));

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("key", producer.key());
        model.put("score", producer.score() == null ? "none" : producer.score());
        model.put("percent", producer.scorePercent() == null ? "none" : producer.scorePercent().toPlainString() + " %");
        model.put("rank", producer.rank() == null ? "not listed" : producer.rank());
        model.put("maxScore", newest.botLogId() == 0 ? 0 : scores.maxScore(newest.endEpoch()));
        model.put("windowDays", scores.uptimeDays());
        List<Map<String, Object>> history = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (HistoryPoint point : scores.history(producer.key(), newest.endEpoch())) {
            history.add(Map.of("at", TIME.format(point.at()), "score", point.score(), "percent",
                    point.scorePercent().toPlainString()));
            labels.add(TIME.format(point.at()));
            values.add(point.scorePercent());
        }
        model.put("history", history);
        // read by /assets/producer.js from a data attribute (escaped there, decoded by the browser)
        model.put("chartData", ScoresApi.write(Map.of("labels", labels, "values", values)));
        model.put("strip", strip(producer.key(), end));
        model.put("day", chosen.toString());
        model.put("batches", dayOfBatches(producer.key(), chosen));
        model.put("csv", "/api/v1/producers/" + producer.key() + "/batches.csv?from=" + chosen.atStartOfDay(ZoneOffset.UTC)
                .toInstant() + "&to=" + chosen.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return model;
    }

    /** One cell per batch of the 7 days before {@code end}: point, no point or not counted. */
    private List<Map<String, Object>> strip(String key, Instant end) throws SQLException {
        Period period = batches.points(key, end.minus(STRIP), end);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (ProcessedBatch batch : period.batches()) {
            boolean point = period.pointHashes().containsKey(batch.botLogId());
            String state = !batch.counted() ? "uncounted" : point ? "point" : "nopoint";
            String symbol = !batch.counted() ? "–" : point ? "●" : "○";
            String label = TIME.format(batch.start()) + ": " + (!batch.counted() ? "not counted" : point ? "point" : "no point");
            cells.add(Map.of("state", state, "symbol", symbol, "label", label,
                    "href", producerHref(key) + "?day=" + LocalDate.ofInstant(batch.start(), ZoneOffset.UTC)));
        }
        return cells;
    }

    private List<Map<String, Object>> dayOfBatches(String key, LocalDate day) throws SQLException {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BatchVerdict verdict : explainer.explain(key, from, from.plus(Duration.ofDays(1)))) {
            List<Map<String, Object>> submissions = new ArrayList<>();
            for (BatchVerdict.SubmissionSeen seen : verdict.submissions()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", seen.submittedAt().toString());
                row.put("hash", seen.stateHash() == null ? "" : seen.stateHash());
                row.put("height", seen.height() == null ? "" : seen.height());
                row.put("verified", Boolean.TRUE.equals(seen.verified()) ? "yes" : "no");
                row.put("error", seen.validationError() == null ? "" : seen.validationError());
                row.put("shortlisted", seen.shortlisted() ? "yes (weight " + seen.weight() + ")" : "no");
                submissions.add(row);
            }
            rows.add(Map.of("start", TIME.format(verdict.start()), "point", verdict.point() ? "point" : "no point",
                    "reason", verdict.reason().name(), "detail", verdict.detail(), "submissions", submissions));
        }
        return rows;
    }

    /** Keys are base58 (checked before any page shows one): nothing in them needs encoding in a path. */
    private static String producerHref(String key) {
        return "/producers/" + key;
    }

    private static String leaderboardHref(String search, int page) {
        return "/?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&page=" + page;
    }

    private static Optional<LocalDate> day(String day) {
        if (day == null || day.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("bad_day", "day must be a date such as 2024-06-05, not '"
                    + RequestParameters.shown(day) + "'");
        }
    }

    /** Chart.js, from the webjar on the classpath: no page needs another host. */
    public byte[] chartJs() {
        return resource(CHART_JS);
    }

    public byte[] css() {
        return resource("assets/scores.css");
    }

    public byte[] producerJs() {
        return resource("assets/producer.js");
    }

    private static byte[] resource(String name) {
        try (InputStream in = ScoresPages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
