package org.minafoundation.uptime.verifier;

import java.time.Clock;
import org.minafoundation.uptime.batch.Slice;
import org.minafoundation.uptime.config.Settings;

/**
 * Runs the verifier for one slice as a child process on this machine (TEST_ENV=1 or
 * VERIFIER_MODE=local). PLACEHOLDER: being implemented.
 */
public final class LocalVerifier {

    private final Settings settings;
    private final WorkerEnvironment environment;
    private final CassandraAddress cassandraAddress;
    private final Clock clock;

    public LocalVerifier(Settings settings, WorkerEnvironment environment, CassandraAddress cassandraAddress, Clock clock) {
        this.settings = settings;
        this.environment = environment;
        this.cassandraAddress = cassandraAddress;
        this.clock = clock;
    }

    /** Runs the verifier over {@code slice} and waits for it; throws when it fails. */
    public void verify(Slice slice) throws Exception {
        throw new IllegalStateException("VERIFIER_MODE=local is being implemented");
    }
}
