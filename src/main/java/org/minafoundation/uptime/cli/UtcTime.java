package org.minafoundation.uptime.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses a time option: unix seconds, or "YYYY-MM-DD HH:MM:SS" read as UTC; anything else is a usage error (exit 2). */
final class UtcTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss");

    private UtcTime() {
    }

    static Instant parse(CommandLine commandLine, String option, String value) {
        String text = value.strip();
        if (text.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        try {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ParameterException(commandLine, option + ": '" + value
                    + "' is neither unix seconds nor \"YYYY-MM-DD HH:MM:SS\" (UTC)");
        }
    }
}
