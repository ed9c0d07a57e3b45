package org.minafoundation.uptime.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.support.TestPostgres;

/** SPEC §9: only applicants appear on the public scoreboard, best first. */
class ScoreboardDocumentTest {

    private static final Batch BATCH = new Batch(Instant.parse("2024-03-02T00:40:00Z"),
            Instant.parse("2024-03-02T01:00:00Z"), 1, 1);

    @Test
    void onlyScoredApplicantsBestFirst() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO nodes (block_producer_key, score, score_percent, application_status) VALUES"
                    + " ('B62applicant', 5, 50.00, true), ('B62notApplicant', 7, 70.00, false),"
                    + " ('B62neverListed', 3, 30.00, NULL), ('B62applicantUnscored', NULL, NULL, true),"
                    + " ('B62bestApplicant', 6, 60.00, true)");
        }

        assertEquals(List.of("B62bestApplicant 6 60.00 true", "B62applicant 5 50.00 true"),
                published(new ScoreboardDocument(dataSource)));
    }

    private static List<String> published(ScoreboardDocument document) throws Exception {
        ScoreboardDocument.Built built = document.build(BATCH);
        List<String> nodes = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(built.json()).get("nodes")) {
            nodes.add(node.get("block_producer_key").asText() + " " + node.get("score").asInt() + " "
                    + node.get("score_percent").asText() + " " + node.get("application_status").asBoolean());
        }
        assertEquals(nodes.size(), built.nodeCount());
        return nodes;
    }
}
