package org.minafoundation.uptime.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/** Loads a golden {@code submissions.csv} (gzipped or not) into the submissions table exactly as the verifier left it. */
public final class SubmissionsCsv {

    private SubmissionsCsv() {
    }

    public static long load(String database, Path csv) throws Exception {
        return load(TestPostgres.dataSource(database), csv);
    }

    public static long load(javax.sql.DataSource dataSource, Path csv) throws Exception {
        String header;
        try (BufferedReader reader = open(csv)) {
            header = reader.readLine();
        }
        try (Connection c = dataSource.getConnection(); BufferedReader reader = open(csv)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY submissions (" + header + ") FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
        }
    }

    /** Every line of the file, its header first. */
    public static List<String> lines(Path csv) throws IOException {
        try (BufferedReader reader = open(csv)) {
            return reader.lines().toList();
        }
    }

    private static BufferedReader open(Path csv) throws IOException {
        InputStream in = Files.newInputStream(csv);
        if (csv.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
