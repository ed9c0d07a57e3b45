package org.minafoundation.uptime.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Runs a delete through {@code COPY (DELETE ... RETURNING *) TO STDOUT (FORMAT csv, HEADER)}:
 * the rows leave the table (uncommitted) and land, exactly as PostgreSQL writes them, in a
 * gzipped CSV file, streamed (never the whole table in memory). PostgreSQL's CSV marks NULL
 * as an empty unquoted field and an empty string as {@code ""}, so {@code COPY ... FROM}
 * with the same options restores the rows as they were.
 */
final class TableExport {

    private final CopyManager copy;

    TableExport(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    ExportedTable run(CleanupThreshold.Delete delete, Path directory) throws SQLException, IOException {
        Path file = directory.resolve(delete.table() + ".csv.gz");
        MessageDigest md5 = md5();
        long rows;
        try (OutputStream raw = Files.newOutputStream(file);
                DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), md5);
                GZIPOutputStream gzip = new GZIPOutputStream(digest, 1 << 16)) {
            rows = copy.copyOut("COPY (" + delete.sql() + ") TO STDOUT WITH (FORMAT csv, HEADER true)", gzip);
        }
        return new ExportedTable(delete.table(), rows, file, Files.size(file), md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
