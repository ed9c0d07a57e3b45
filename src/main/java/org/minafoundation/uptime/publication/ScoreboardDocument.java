package org.minafoundation.uptime.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.Carried;

/**
 * The public scoreboard as one JSON document, for a static leaderboard: the batch end it
 * is current to, and every applicant with a score ({@code application_status = true},
 * SPEC §9: producer key, score, score_percent as a string with two decimals, application
 * status), best first. Also when the sync is off: the statuses in the database still say who
 * applied, and a public list must never show a producer who did not.
 *
 * <pre>{"batch_end":"2024-03-02T01:00:00Z","batch_end_epoch":1709341200,"nodes":[
 *   {"block_producer_key":"B62...","score":6,"score_percent":"100.00","application_status":true}, ...]}</pre>
 */
public final class ScoreboardDocument {

    private static final String APPLICANTS_BEST_FIRST = "SELECT block_producer_key, score, score_percent,"
            + " application_status FROM nodes WHERE score IS NOT NULL AND application_status"
            + " ORDER BY score DESC, block_producer_key, id";

    private final DataSource dataSource;
    private final ObjectMapper mapper = new ObjectMapper();

    public ScoreboardDocument(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The document after {@code batch} committed; {@code nodeCount} says how many nodes it lists. */
    public record Built(String json, int nodeCount) {
    }

    public Built build(@ExchangeProperty(Carried.BATCH) Batch batch) throws SQLException, JsonProcessingException {
        ObjectNode document = mapper.createObjectNode();
        document.put("batch_end", batch.end().toString());
        document.put("batch_end_epoch", batch.endEpoch());
        ArrayNode nodes = document.putArray("nodes");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(APPLICANTS_BEST_FIRST)) {
            while (r.next()) {
                ObjectNode node = nodes.addObject();
                node.put("block_producer_key", r.getString(1));
                node.put("score", r.getInt(2));
                BigDecimal percent = r.getBigDecimal(3);
                // NUMERIC(5,2) already has two decimals; DOWN keeps the truncation rule should that change
                node.put("score_percent", percent == null ? null : percent.setScale(2, RoundingMode.DOWN).toPlainString());
                node.put("application_status", r.getBoolean(4));
            }
        }
        return new Built(mapper.writeValueAsString(document), nodes.size());
    }
}
