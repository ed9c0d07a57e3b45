package org.minafoundation.uptime.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's results, printed as a Markdown table (pasted as is into the README). */
final class ResultTable {

    /** One measured case. */
    record Row(String name, String size, String p50, String max, String other, long heapMb) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void print(PrintWriter out) {
        out.println("| case | size | p50 | max | throughput / notes | peak heap |");
        out.println("|---|---|---|---|---|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %d MB |%n", row.name(), row.size(), row.p50(), row.max(),
                    row.other(), row.heapMb());
        }
        out.flush();
    }

    static String ms(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
