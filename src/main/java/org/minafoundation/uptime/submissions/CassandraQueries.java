package org.minafoundation.uptime.submissions;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.cassandra.CassandraConstants;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.model.StoredSubmission;

/**
 * Reads a batch from the backend's Cassandra / AWS Keyspaces {@code submissions} table, one
 * query per slice restricted to its partitions (SPEC §5). Values are always bound; only
 * the keyspace, a validated name, is part of the query text. Never reads the block or
 * the SNARK work.
 */
public final class CassandraQueries {

    private static final String COLUMNS = "submitted_at, submitter, created_at, block_hash, remote_addr, peer_id,"
            + " graphql_control_port, built_with_commit_sha, state_hash, parent, height, slot, validation_error, verified";

    /** Load order, as from Postgres: newest first. */
    static final Comparator<StoredSubmission> NEWEST_FIRST = Comparator.comparing(StoredSubmission::submittedAt)
            .reversed().thenComparing(StoredSubmission::submitter);

    private final String keyspace;

    public CassandraQueries(String keyspace) {
        this.keyspace = keyspace;
    }

    /** Turns the slice in the body into the CQL (a header) and its bound values (the body). */
    public void bind(Exchange exchange) {
        Slice slice = exchange.getMessage().getBody(Slice.class);
        CassandraPartitions partitions = CassandraPartitions.of(slice.start(), slice.end());
        boolean oneDate = partitions.dates().size() == 1;
        String cql = "SELECT " + COLUMNS + " FROM " + keyspace + ".submissions WHERE submitted_at_date "
                + (oneDate ? "= ?" : "IN ?") + " AND shard IN ? AND submitted_at >= ? AND submitted_at < ?";
        exchange.getMessage().setHeader(CassandraConstants.CQL_QUERY, cql);
        exchange.getMessage().setBody(new Object[] {
            oneDate ? partitions.dates().get(0) : partitions.dates(),
            partitions.shards(),
            slice.start(),
            slice.end()
        });
    }

    /** The rows camel-cassandraql returned for one slice. */
    public List<StoredSubmission> rows(List<Row> rows) {
        List<StoredSubmission> submissions = new ArrayList<>(rows.size());
        for (Row r : rows) {
            submissions.add(new StoredSubmission(
                    r.getInstant("submitted_at"),
                    r.getString("submitter"),
                    r.getInstant("created_at"),
                    r.getString("state_hash"),
                    r.getString("parent"),
                    r.isNull("height") ? null : (long) r.getInt("height"),
                    r.isNull("slot") ? null : r.getInt("slot"),
                    r.getString("validation_error"),
                    r.isNull("verified") ? null : r.getBoolean("verified"),
                    new StoredSubmission.Backend(
                            r.getString("block_hash"),
                            r.getString("remote_addr"),
                            r.getString("peer_id"),
                            r.isNull("graphql_control_port") ? null : r.getInt("graphql_control_port"),
                            r.getString("built_with_commit_sha"))));
        }
        return submissions;
    }

    /** All slices' rows, newest first, classified; every row is kept for the copy into Postgres. */
    public BatchSubmissions collect(List<List<StoredSubmission>> slices) {
        List<StoredSubmission> all = new ArrayList<>();
        slices.forEach(all::addAll);
        all.sort(NEWEST_FIRST);
        return BatchSubmissions.classify(all, true);
    }
}
