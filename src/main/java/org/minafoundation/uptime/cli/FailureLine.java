package org.minafoundation.uptime.cli;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one line a failed command ends with: what went wrong in the words of whoever knows.
 * A pool that found no connection ("Connection is not available, request timed out") only
 * says it waited; the server's refusal it met meanwhile is its cause, and that is shown.
 */
final class FailureLine {

    private FailureLine() {
    }

    static String of(Throwable error) {
        Throwable shown = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() != null) {
                shown = t.getCause();
                break;
            }
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        // A server error spans lines: the first says what happened, its Detail and Hint why
        // and what to do; other lines (Flyway's framing of it, a stack of causes) are left to the log.
        List<String> lines = message.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return shown.getClass().getSimpleName();
        }
        return Stream.concat(Stream.of(lines.get(0)),
                        lines.stream().skip(1).filter(line -> line.startsWith("Detail:") || line.startsWith("Hint:")))
                .collect(Collectors.joining("; "));
    }
}
