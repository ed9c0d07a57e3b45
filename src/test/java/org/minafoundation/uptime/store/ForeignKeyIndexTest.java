package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.support.QueryRows.strings;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * Every foreign key's referencing column leads an index: deleting a referenced row (the
 * daily cleanup deletes state hashes and batches) checks each deleted row against the
 * referencing table, and without an index every check reads that whole table.
 */
class ForeignKeyIndexTest {

    /** Single-column foreign keys whose column is not the first column of any index on its table. */
    private static final String UNINDEXED = """
            SELECT con.conrelid::regclass || '.' || a.attname || ' (' || con.conname || ')'
            FROM pg_constraint con
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
            WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = con.conrelid AND i.indkey[0] = con.conkey[1])
            ORDER BY 1
            """;

    @Test
    void everyForeignKeyColumnIsIndexed() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertTrue(strings(s, "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                    + " AND connamespace = 'public'::regnamespace").size() >= 7, "the reference's foreign keys are there");
            assertEquals(List.of(), strings(s, UNINDEXED));
        }
    }
}
