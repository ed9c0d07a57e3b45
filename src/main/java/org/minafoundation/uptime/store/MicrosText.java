package org.minafoundation.uptime.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC, the text of {@code points.file_name}
 * and of the timestamps bound with a batch's points. Written digit by digit: a batch needs
 * one per point, and {@link DateTimeFormatter} spent several microseconds on each (with two
 * per point, a fifth of the points insert on a cold JVM). Years outside 1–9999 go through
 * the formatter ("yyyy" is the year of the era: year 0 is 1 BC).
 */
final class MicrosText {

    static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private static final long SECONDS_PER_DAY = 86_400;

    private MicrosText() {
    }

    static String format(Instant instant) {
        long day = Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return FORMAT.format(instant);
        }
        int secondOfDay = (int) Math.floorMod(instant.getEpochSecond(), SECONDS_PER_DAY);
        char[] text = new char[26];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1000, 6);
        return new String(text);
    }

    /** {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
