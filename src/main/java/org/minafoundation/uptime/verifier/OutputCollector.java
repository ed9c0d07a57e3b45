package org.minafoundation.uptime.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads one output stream of a child process on its own thread while the process runs, so
 * the child never blocks on a full pipe, and keeps the last {@link #LIMIT} characters of
 * it (the end of a verifier's output is what explains a failure).
 */
final class OutputCollector {

    /** Characters kept per stream. */
    static final int LIMIT = 128 * 1024;

    private final StringBuilder text = new StringBuilder();
    private final Thread reader;
    private long dropped;

    private OutputCollector(InputStream stream, String name) {
        reader = new Thread(() -> read(stream), name);
        reader.setDaemon(true);
    }

    static OutputCollector start(InputStream stream, String name) {
        OutputCollector collector = new OutputCollector(stream, name);
        collector.reader.start();
        return collector;
    }

    private void read(InputStream stream) {
        char[] buffer = new char[8192];
        try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    text.append(buffer, 0, n);
                    if (text.length() > 2 * LIMIT) {
                        int cut = text.length() - LIMIT;
                        text.delete(0, cut);
                        dropped += cut;
                    }
                }
            }
        } catch (IOException e) {
            // The stream closes when the process is killed: keep what was read.
        }
    }

    /**
     * What was read, once the stream ended (or after {@code wait}: a descendant that outlives
     * the process may hold the stream open).
     */
    String awaitText(Duration wait) throws InterruptedException {
        reader.join(wait.toMillis());
        synchronized (this) {
            int cut = Math.max(0, text.length() - LIMIT);
            String kept = text.substring(cut);
            long notKept = dropped + cut;
            if (notKept == 0) {
                return kept;
            }
            // start at a line boundary
            int newline = kept.indexOf('\n');
            if (newline >= 0) {
                notKept += newline + 1;
                kept = kept.substring(newline + 1);
            }
            return "[" + notKept + " earlier characters not kept]\n" + kept;
        }
    }
}
