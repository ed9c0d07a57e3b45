package org.minafoundation.uptime.support;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.postgresql.PGConnection;

/** Loads a golden {@code submissions.csv} into the submissions table exactly as the verifier left it. */
public final class SubmissionsCsv {

    private SubmissionsCsv() {
    }

    public static long load(String database, Path csv) throws Exception {
        return load(TestPostgres.dataSource(database), csv);
    }

    public static long load(javax.sql.DataSource dataSource, Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String header = lines.get(0);
        try (Connection c = dataSource.getConnection();
                Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY submissions (" + header + ") FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
        }
    }
}
