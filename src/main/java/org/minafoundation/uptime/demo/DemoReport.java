package org.minafoundation.uptime.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The demo's report: one self-contained HTML page (the chart inlined as a {@code data:} URI,
 * no scripts, no outside resources) with the profiles, the chart and the whole ranking.
 */
final class DemoReport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DemoReport() {
    }

    static void write(Path file, DemoParameters parameters, Leaderboard board, byte[] chartPng) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html(parameters, board, chartPng), StandardCharsets.UTF_8);
    }

    static String html(DemoParameters parameters, Leaderboard board, byte[] chartPng) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Uptime coordinator demo</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}")
                .append("td.n{text-align:right}code{font-size:90%}img{max-width:100%}\n")
                .append("</style>\n</head>\n<body>\n<h1>Uptime coordinator demo</h1>\n<p>")
                .append(escape(String.format(Locale.ROOT, "A simulated network of %d block producers, %d hours from %s UTC"
                        + " (seed %d): %d batches of %d minutes, verified by the simulated verifier and scored by the"
                        + " real pipeline.", parameters.producers(), parameters.hours(),
                        TIME.format(parameters.start()), parameters.seed(), parameters.batches(),
                        DemoParameters.BATCH.toMinutes())))
                .append("</p>\n");

        html.append("<h2>Mean uptime per profile</h2>\n<table>\n<tr><th>profile</th><th>producers</th>")
                .append("<th>mean uptime</th><th>lowest</th><th>highest</th></tr>\n");
        for (Leaderboard.ProfileUptime p : board.profiles()) {
            html.append("<tr><td>").append(escape(p.profile().label())).append("</td>")
                    .append(number(String.valueOf(p.producers())))
                    .append(number(LeaderboardTable.percent(p.meanPercent())))
                    .append(number(LeaderboardTable.percent(p.lowestPercent())))
                    .append(number(LeaderboardTable.percent(p.highestPercent()))).append("</tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Mean uptime over time</h2>\n<img alt=\"mean uptime per profile over time\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(chartPng)).append("\">\n");

        html.append("<h2>Leaderboard</h2>\n<table>\n<tr><th>rank</th><th>producer</th><th>profile</th>")
                .append("<th>score</th><th>uptime</th></tr>\n");
        for (Leaderboard.Entry e : board.ranking()) {
            html.append("<tr>").append(number(String.valueOf(e.rank())))
                    .append("<td><code>").append(escape(e.key())).append("</code></td>")
                    .append("<td>").append(escape(e.profile().label())).append("</td>")
                    .append(number(String.valueOf(e.score())))
                    .append(number(LeaderboardTable.percent(e.percent()))).append("</tr>\n");
        }
        return html.append("</table>\n</body>\n</html>\n").toString();
    }

    private static String number(String text) {
        return "<td class=\"n\">" + escape(text) + "</td>";
    }

    /** Text for element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
