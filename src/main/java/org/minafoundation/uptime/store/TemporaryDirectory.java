package org.minafoundation.uptime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder for a throw-away embedded database (demo, benchmark), deleted with everything in it on close. */
public final class TemporaryDirectory implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final Path path;

    public TemporaryDirectory(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    public Path path() {
        return path;
    }

    /**
     * Deletes the folder. The demo's shutdown hook and its try block may both close it, one
     * after the other (synchronized) or when it is gone already; a file that vanishes or
     * appears under the walk (a server still stopping) makes it walk again.
     */
    @Override
    public synchronized void close() {
        for (int attempt = 1; Files.exists(path); attempt++) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | UncheckedIOException e) {
                if (attempt == ATTEMPTS) {
                    throw new UncheckedIOException("cannot delete the temporary folder " + path,
                            e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
                }
            }
        }
    }
}
