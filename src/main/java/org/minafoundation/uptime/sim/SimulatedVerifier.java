package org.minafoundation.uptime.sim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.minafoundation.uptime.store.Transaction;
import org.minafoundation.uptime.model.Slice;

/**
 * Stands in for the real verifier over one slice: fills the verifier columns of every
 * submission with {@code submitted_at} in {@code [slice.start, slice.end)}, judging block
 * hashes by the simulated chain alone (so it may run in any process with the network's seed).
 *
 * <p>A known block gets its state hash, parent, height and global slot and no error; an
 * unknown or missing block hash gets an error, an empty state hash and NULL chain columns.
 * Either way the row is marked verified, as the real verifier does. Set-based: one query for
 * the slice's distinct block hashes, one UPDATE joined to arrays, in one transaction.
 */
public final class SimulatedVerifier {

    static final String UNKNOWN_BLOCK = "Invalid block: unknown block hash";
    static final String MISSING_BLOCK = "Invalid block: no block hash";

    private static final String HASHES = "SELECT DISTINCT block_hash FROM submissions"
            + " WHERE submitted_at >= ? AND submitted_at < ? AND block_hash IS NOT NULL";
    private static final String UPDATE = "UPDATE submissions s SET state_hash = t.state_hash, parent = t.parent,"
            + " height = t.height, slot = t.slot, validation_error = t.validation_error, verified = true"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[])"
            + " AS t(block_hash, state_hash, parent, height, slot, validation_error)"
            + " WHERE s.block_hash = t.block_hash AND s.submitted_at >= ? AND s.submitted_at < ?";
    private static final String UPDATE_MISSING = "UPDATE submissions SET state_hash = '', parent = NULL,"
            + " height = NULL, slot = NULL, validation_error = ?, verified = true"
            + " WHERE block_hash IS NULL AND submitted_at >= ? AND submitted_at < ?";

    private final DataSource dataSource;
    private final SimulatedChain chain;

    public SimulatedVerifier(DataSource dataSource, SimulatedChain chain) {
        this.dataSource = dataSource;
        this.chain = chain;
    }

    public void verify(Slice slice) throws SQLException {
        // Zone-less UTC bounds, matching the zone-less UTC column.
        LocalDateTime start = LocalDateTime.ofInstant(slice.start(), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(slice.end(), ZoneOffset.UTC);
        Transaction.run(dataSource, c -> {
            List<String> hashes = blockHashes(c, start, end);
            update(c, hashes, start, end);
            try (PreparedStatement p = c.prepareStatement(UPDATE_MISSING)) {
                p.setString(1, MISSING_BLOCK);
                p.setObject(2, start);
                p.setObject(3, end);
                p.executeUpdate();
            }
        });
    }

    private static List<String> blockHashes(Connection c, LocalDateTime start, LocalDateTime end)
            throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(HASHES)) {
            p.setObject(1, start);
            p.setObject(2, end);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    hashes.add(r.getString(1));
                }
            }
        }
        return hashes;
    }

    private void update(Connection c, List<String> hashes, LocalDateTime start, LocalDateTime end)
            throws SQLException {
        int n = hashes.size();
        String[] stateHashes = new String[n];
        String[] parents = new String[n];
        Integer[] heights = new Integer[n];
        Integer[] slots = new Integer[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Optional<Block> block = chain.byBlockHash(hashes.get(i));
            if (block.isPresent()) {
                stateHashes[i] = block.get().stateHash();
                parents[i] = block.get().parentStateHash();
                heights[i] = Math.toIntExact(block.get().height());
                slots[i] = block.get().globalSlot();
            } else {
                stateHashes[i] = "";
                errors[i] = UNKNOWN_BLOCK;
            }
        }
        try (PreparedStatement p = c.prepareStatement(UPDATE)) {
            p.setArray(1, c.createArrayOf("text", hashes.toArray()));
            p.setArray(2, c.createArrayOf("text", stateHashes));
            p.setArray(3, c.createArrayOf("text", parents));
            p.setArray(4, c.createArrayOf("int4", heights));
            p.setArray(5, c.createArrayOf("int4", slots));
            p.setArray(6, c.createArrayOf("text", errors));
            p.setObject(7, start);
            p.setObject(8, end);
            p.executeUpdate();
        }
    }
}
