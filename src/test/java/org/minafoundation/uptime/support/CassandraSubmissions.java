package org.minafoundation.uptime.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The uptime backend's Cassandra table, created in a keyspace and filled from a golden CSV. */
public final class CassandraSubmissions {

    private CassandraSubmissions() {
    }

    /*
     * A schema change waits for the node to flush its schema tables: seconds on a loaded
     * two-core machine, past the driver's default 2 s request timeout (the test's own
     * writes get the same room).
     */
    private static final Duration SCHEMA_CHANGE = Duration.ofSeconds(60);

    public static void createKeyspace(CqlSession session, String keyspace) {
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}").setTimeout(SCHEMA_CHANGE));
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + keyspace
                + ".submissions (submitted_at_date text, shard int,"
                + " submitted_at timestamp, submitter text, created_at timestamp, block_hash text, raw_block blob,"
                + " remote_addr text, peer_id text, snark_work blob, graphql_control_port int,"
                + " built_with_commit_sha text, state_hash text, parent text, height int, slot int,"
                + " validation_error text, verified boolean,"
                + " PRIMARY KEY ((submitted_at_date, shard), submitted_at, submitter))").setTimeout(SCHEMA_CHANGE));
    }

    /** Loads every row of a golden submissions.csv; returns how many. */
    public static int load(CqlSession session, String keyspace, Path csv) throws Exception {
        List<String> lines = SubmissionsCsv.lines(csv);
        PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + ".submissions (submitted_at_date,"
                + " shard, submitted_at, submitter, created_at, block_hash, raw_block, remote_addr, peer_id,"
                + " graphql_control_port, built_with_commit_sha, state_hash, parent, height, slot, validation_error,"
                + " verified) VALUES (?, ?, ?, ?, ?, ?, textAsBlob('block'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        List<BatchStatement> batches = new ArrayList<>();
        var batch = BatchStatement.builder(BatchType.UNLOGGED);
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            Instant submittedAt = time(f.get(1));
            long second = submittedAt.getEpochSecond();
            batch.addStatement(insert.bind(f.get(0), (int) (Math.floorMod(second, 86_400L) / 144), submittedAt,
                    f.get(2), time(f.get(3)), f.get(4), f.get(5), f.get(6), integer(f.get(7)), f.get(8), f.get(9),
                    f.get(10), integer(f.get(11)), integer(f.get(12)), f.get(13),
                    f.get(14) == null ? null : Boolean.valueOf(f.get(14))));
            rows++;
            if (batch.getStatementsCount() == 50) {
                batches.add(batch.build());
                batch = BatchStatement.builder(BatchType.UNLOGGED);
            }
        }
        batches.add(batch.build());
        batches.forEach(b -> session.execute(b.setTimeout(SCHEMA_CHANGE)));
        return rows;
    }

    /** CSV fields; an unquoted empty field is null, a quoted one ("") the empty string. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        return fields;
    }

    private static Instant time(String text) {
        return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }
}
