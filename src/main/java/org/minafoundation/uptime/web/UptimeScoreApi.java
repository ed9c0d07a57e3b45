package org.minafoundation.uptime.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.minafoundation.uptime.store.LegacyScores;
import org.minafoundation.uptime.store.LegacyScores.Row;

/**
 * The existing leaderboard's API, same paths and same JSON (SPEC §12), so that its consumers
 * can point here unchanged: {@code /uptimescore/}, {@code /uptimescore/{key}},
 * {@code /uptimescore/snarkwork/{scoreAt}}, {@code /uptimescore/{key}/snarkwork/{scoreAt}}
 * (and {@code .../snarkwork/} for the current scores). Every answer is a list of
 * {@code {"block_producer_key", "score", "score_percent"}}, values as text; anything else is a
 * 404 whose {@code Error} and {@code Error_message} say what.
 */
public final class UptimeScoreApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_TYPE = "snarkwork";
    private static final Pattern SCORE_AT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private final LegacyScores scores;

    public UptimeScoreApi(LegacyScores scores) {
        this.scores = scores;
    }

    /** Answers the path after {@code /uptimescore}; sets the status (200 or 404) on the exchange. */
    public String answer(Exchange exchange) throws SQLException {
        List<String> segments = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            String segment = exchange.getMessage().getHeader(name, String.class);
            if (segment != null && !segment.isEmpty()) {
                segments.add(segment);
            }
        }
        try {
            List<Row> rows = rows(segments);
            if (rows.isEmpty()) {
                throw new NotFound("no data found", "there is no score for this request");
            }
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            ArrayNode list = JSON.createArrayNode();
            rows.forEach(row -> list.addObject().put("block_producer_key", row.blockProducerKey())
                    .put("score", row.score()).put("score_percent", row.scorePercent()));
            return ScoresApi.write(list);
        } catch (NotFound notFound) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            ObjectNode body = JSON.createObjectNode();
            body.put("Error", notFound.error);
            body.put("Error_message", notFound.getMessage());
            return ScoresApi.write(body);
        }
    }

    private List<Row> rows(List<String> path) throws SQLException {
        if (path.isEmpty() || path.equals(List.of(DATA_TYPE))) {
            return scores.applicants();
        }
        if (path.get(0).equals(DATA_TYPE)) {
            if (path.size() == 2) {
                return scores.asOf(scoreAt(path.get(1)));
            }
            throw unknownPath();
        }
        String key = key(path.get(0));
        if (path.size() == 1) {
            return scores.newest(key);
        }
        dataType(path.get(1));
        if (path.size() == 2) {
            return scores.newest(key);
        }
        if (path.size() == 3) {
            return scores.asOf(key, scoreAt(path.get(2)));
        }
        throw unknownPath();
    }

    private static String key(String key) {
        if (!RequestParameters.isKey(key)) {
            throw new NotFound("invalid public key", "'" + RequestParameters.shown(key) + "' is not a public key:"
                    + " B62 and 52 more characters");
        }
        return key;
    }

    private static void dataType(String type) {
        if (!type.equals(DATA_TYPE)) {
            throw new NotFound("invalid data type", "'" + RequestParameters.shown(type) + "' is not a data type: the"
                    + " only one is " + DATA_TYPE);
        }
    }

    private static Instant scoreAt(String text) {
        if (!SCORE_AT.matcher(text).matches()) {
            throw new NotFound("invalid date format", "'" + RequestParameters.shown(text) + "' is not a time like"
                    + " 2022-04-30T08:30:00Z");
        }
        return Instant.parse(text);
    }

    private static NotFound unknownPath() {
        return new NotFound("not found", "no such path; see /uptimescore/, /uptimescore/{key},"
                + " /uptimescore/snarkwork/{scoreAt} and /uptimescore/{key}/snarkwork/{scoreAt}");
    }

    private static final class NotFound extends RuntimeException {
        private final String error;

        NotFound(String error, String message) {
            super(message, null, false, false);
            this.error = error;
        }
    }
}
