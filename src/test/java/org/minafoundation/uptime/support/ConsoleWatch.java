package org.minafoundation.uptime.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What this JVM prints to stdout while the watch is open, readable as it grows: {@link Cli}
 * hands its result over only at the end, so a test that must see a run's log line while the
 * run goes on (evidence that it retries, say) reads it here. Start it before {@code Cli.run},
 * which then copies what it captures into this watch too.
 */
public final class ConsoleWatch implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    private ConsoleWatch() {
        original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                seen.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                seen.write(b, off, len);
                original.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    public static ConsoleWatch start() {
        return new ConsoleWatch();
    }

    /** Everything printed since the watch started. */
    public String text() {
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** Where the text ends now: {@link #since} then shows only what comes after. */
    public int mark() {
        return text().length();
    }

    public String since(int mark) {
        return text().substring(mark);
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
