package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.support.QueryRows;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * Cassandra text may hold NUL characters, PostgreSQL text cannot: the copy drops them
 * instead of failing the batch on every attempt, and a hash or key with one is not scored.
 */
class SubmissionCopyTest {

    private static final Instant AT = Instant.parse("2024-06-01T00:05:00.123456Z");

    @Test
    void nulCharactersAreDroppedFromTheCopyAndSuchIdentifiersAreNotScored() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        StoredSubmission producerText = new StoredSubmission(AT, "B62qproducer", AT, "3Nhash", null, 10L, 5, null, true,
                new StoredSubmission.Backend("block\u0000hash", "1.2.3.4", "peer\u0000id", 3085, "sha\u0000"));
        StoredSubmission nulHash = new StoredSubmission(AT.plusSeconds(1), "B62qother", AT, "3N\u0000hash", "3Nparent",
                11L, 6, null, true, StoredSubmission.Backend.NONE);

        BatchSubmissions batch = BatchSubmissions.classify(List.of(producerText, nulHash), true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SubmissionCopy.insert(c, batch.toCopy());

            assertEquals(List.of("B62qother|3Nhash|||", "B62qproducer|3Nhash|blockhash|peerid|sha"), QueryRows.strings(s,
                    "SELECT concat_ws('|', submitter, state_hash, coalesce(block_hash, ''), coalesce(peer_id, ''),"
                            + " coalesce(built_with_commit_sha, '')) FROM submissions ORDER BY 1"));
        }
        assertEquals(1, batch.unusable(), "the hash with a NUL is skipped and counted");
        assertEquals(List.of("3Nhash"), batch.scored().stream().map(r -> r.stateHash()).toList());
    }
}
