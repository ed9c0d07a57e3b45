package org.minafoundation.uptime.config;

/**
 * The read-only scores service (SPEC §12): its HTTP port, SCORES_PORT (0: {@code run} does not
 * serve it). {@code serve} always serves it, and refuses port 0.
 */
public record ScoresSettings(int port) {

    public static final int DEFAULT_PORT = 8081;

    static ScoresSettings read(VariableReader env) {
        return new ScoresSettings(env.port("SCORES_PORT", DEFAULT_PORT, 0));
    }

    public boolean served() {
        return port > 0;
    }
}
