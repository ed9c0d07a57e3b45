package org.minafoundation.uptime.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Reads PostgreSQL CSV (RFC 4180 quoting; an unquoted empty field is NULL, a quoted one an
 * empty string) and takes snapshots of tables in that same text form, so the archive can be
 * compared with what the database held, value for value.
 */
final class PostgresCsv {

    /** The tables cleanup_old_data deletes from, in its order. */
    static final List<String> TABLES = List.of("points_summary", "points", "bot_logs_statehash", "bot_logs", "submissions",
            "statehash");

    private PostgresCsv() {
    }

    /** Header and rows of one table's contents. */
    record Table(List<String> header, List<List<String>> rows) {

        /** Rows sorted, for comparing as multisets. */
        List<List<String>> sortedRows() {
            List<List<String>> sorted = new ArrayList<>(rows);
            sorted.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
            return sorted;
        }
    }

    /** Every cleanup table of the database as PostgreSQL writes it in CSV, timestamps in UTC. */
    static Map<String, Table> snapshot(DataSource dataSource) throws SQLException, IOException {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            for (String table : TABLES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT WITH (FORMAT csv, HEADER true)", out);
                tables.put(table, parse(out.toString(StandardCharsets.UTF_8)));
            }
        }
        return tables;
    }

    static Table gunzipAndParse(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The rows of {@code before} that are not in {@code after}, as multisets. */
    static List<List<String>> minus(Table before, Table after) {
        List<List<String>> remaining = new ArrayList<>(before.rows());
        for (List<String> row : after.rows()) {
            if (!remaining.remove(row)) {
                throw new IllegalStateException("row " + row + " appeared");
            }
        }
        remaining.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return remaining;
    }

    static Table parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean any = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                record.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n') {
                record.add(value(field, wasQuoted));
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                any = false;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (any) {
            record.add(value(field, wasQuoted));
            records.add(record);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no header line");
        }
        return new Table(Collections.unmodifiableList(records.get(0)), records.subList(1, records.size()));
    }

    private static String value(StringBuilder field, boolean wasQuoted) {
        return field.length() == 0 && !wasQuoted ? null : field.toString();
    }
}
