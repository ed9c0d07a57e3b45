package org.minafoundation.uptime.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Header;
import org.minafoundation.uptime.scores.BatchVerdict;
import org.minafoundation.uptime.scores.Explainer;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.store.ProducerBatches.ProcessedBatch;
import org.minafoundation.uptime.store.ScoresQueries;
import org.minafoundation.uptime.store.ScoresQueries.HistoryPoint;
import org.minafoundation.uptime.store.ScoresQueries.Listed;
import org.minafoundation.uptime.store.ScoresQueries.NewestBatch;
import org.minafoundation.uptime.store.ScoresQueries.Page;
import org.minafoundation.uptime.store.ScoresQueries.Producer;

/**
 * The JSON API of the scores service ({@code /api/v1}, routes/scores-api.yaml): each method
 * takes the request's path and query parameters as the route hands them over, checks them,
 * and returns the response body. Times are ISO-8601 UTC.
 */
public record ScoresApi(ScoresQueries scores, ProducerBatches batches, Explainer explainer) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 120;

    public String leaderboard(@Header("limit") String limit, @Header("offset") String offset, @Header("q") String q,
            @Header("at") String at) throws SQLException {
        Page page = scores.leaderboard(q == null ? "" : q,
                RequestParameters.integer("limit", limit, DEFAULT_LIMIT, 1, RequestParameters.MAX_LIMIT),
                RequestParameters.integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                RequestParameters.time("at", at));
        ObjectNode body = JSON.createObjectNode();
        body.put("updatedAt", page.updatedAtEpoch() == 0 ? null : Instant.ofEpochSecond(page.updatedAtEpoch()).toString());
        body.put("windowDays", scores.uptimeDays());
        body.put("maxScore", page.maxScore());
        body.put("total", page.total());
        ArrayNode producers = body.putArray("producers");
        for (Listed listed : page.producers()) {
            producers.addObject().put("rank", listed.rank()).put("key", listed.key()).put("score", listed.score())
                    .put("scorePercent", listed.scorePercent());
        }
        return write(body);
    }

    public String producer(@Header("key") String key) throws SQLException {
        Producer producer = known(key);
        Optional<NewestBatch> newest = scores.newestBatch();
        long end = newest.map(NewestBatch::endEpoch).orElse(Instant.now().getEpochSecond());
        ObjectNode body = JSON.createObjectNode();
        body.put("key", producer.key());
        body.put("score", producer.score());
        body.put("scorePercent", producer.scorePercent());
        body.put("rank", producer.rank());
        body.put("maxScore", newest.isPresent() ? scores.maxScore(end) : 0);
        body.put("applicationStatus", producer.applicationStatus());
        body.put("firstPointAt", producer.firstPointAt().map(Instant::toString).orElse(null));
        body.put("lastPointAt", producer.lastPointAt().map(Instant::toString).orElse(null));
        ArrayNode history = body.putArray("history");
        for (HistoryPoint point : scores.history(producer.key(), end)) {
            history.addObject().put("at", point.at().toString()).put("score", point.score())
                    .put("scorePercent", point.scorePercent());
        }
        return write(body);
    }

    public String producerBatches(@Header("key") String key, @Header("from") String from, @Header("to") String to)
            throws SQLException {
        Producer producer = known(key);
        RequestParameters.Range range = range(from, to);
        ObjectNode body = JSON.createObjectNode();
        body.put("key", producer.key());
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        ArrayNode list = body.putArray("batches");
        for (BatchVerdict verdict : explainer.explain(producer.key(), range.from(), range.to())) {
            ObjectNode batch = list.addObject();
            batch.put("botLogId", verdict.botLogId());
            batch.put("start", verdict.start().toString());
            batch.put("end", verdict.end().toString());
            batch.put("counted", verdict.counted());
            batch.put("point", verdict.point());
            batch.put("reason", verdict.reason().name());
            batch.put("detail", verdict.detail());
            ArrayNode submissions = batch.putArray("submissions");
            for (BatchVerdict.SubmissionSeen seen : verdict.submissions()) {
                submissions.addObject().put("submittedAt", seen.submittedAt().toString())
                        .put("stateHash", seen.stateHash()).put("parent", seen.parent()).put("height", seen.height())
                        .put("verified", seen.verified()).put("validationError", seen.validationError())
                        .put("shortlisted", seen.shortlisted()).put("weight", seen.weight());
            }
        }
        return write(body);
    }

    /** The same batches as {@link #producerBatches}, one CSV row each (RFC 4180 quoting). */
    public String producerBatchesCsv(@Header("key") String key, @Header("from") String from, @Header("to") String to)
            throws SQLException {
        Producer producer = known(key);
        RequestParameters.Range range = range(from, to);
        StringBuilder csv = new StringBuilder("bot_log_id,start,end,counted,point,reason,detail,submissions\r\n");
        for (BatchVerdict verdict : explainer.explain(producer.key(), range.from(), range.to())) {
            csv.append(verdict.botLogId()).append(',').append(verdict.start()).append(',').append(verdict.end())
                    .append(',').append(verdict.counted()).append(',').append(verdict.point()).append(',')
                    .append(verdict.reason()).append(',').append(quoted(verdict.detail())).append(',')
                    .append(verdict.submissions().size()).append("\r\n");
        }
        return csv.toString();
    }

    public String batchesBetween(@Header("from") String from, @Header("to") String to) throws SQLException {
        RequestParameters.Range range = range(from, to);
        ObjectNode body = JSON.createObjectNode();
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        ArrayNode list = body.putArray("batches");
        for (ProcessedBatch batch : batches.batches(range.from(), range.to())) {
            describe(list.addObject(), batch);
        }
        return write(body);
    }

    public String batch(@Header("botLogId") String botLogId) throws SQLException {
        int id = RequestParameters.integer("botLogId", botLogId, -1, 1, Integer.MAX_VALUE);
        ProcessedBatch batch = batches.batch(id).orElseThrow(() -> ApiProblem.notFound("no processed batch " + id));
        ObjectNode body = JSON.createObjectNode();
        describe(body, batch);
        ArrayNode shortlist = body.putArray("shortlist");
        for (ShortlistEntry hash : batches.shortlist(id)) {
            shortlist.addObject().put("hash", hash.stateHash()).put("parent", hash.parentHash()).put("weight", hash.weight());
        }
        return write(body);
    }

    private void describe(ObjectNode node, ProcessedBatch batch) throws SQLException {
        node.put("botLogId", batch.botLogId());
        node.put("start", batch.start().toString());
        node.put("end", batch.end().toString());
        node.put("counted", batch.counted());
        node.put("submissionsProcessed", batch.filesProcessed());
        node.put("producersWithPoint", batches.producersWithPoint(batch.botLogId()));
        node.put("verificationSeconds", batch.processingSeconds());
    }

    private Producer known(String key) throws SQLException {
        return scores.producer(RequestParameters.key(key))
                .orElseThrow(() -> ApiProblem.notFound("no producer " + key + " is known: no score and no submission"));
    }

    private RequestParameters.Range range(String from, String to) throws SQLException {
        Instant newest = scores.newestBatch().map(b -> Instant.ofEpochSecond(b.endEpoch())).orElse(Instant.now());
        return RequestParameters.range(from, to, newest);
    }

    static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
