package org.minafoundation.uptime.store;

import java.util.Map;

/**
 * How an embedded PostgreSQL this process starts writes its data. The library starts
 * servers with its test defaults ({@code postgres -F -c synchronous_commit=off}): fast, but a
 * power cut or a crash of the machine can lose committed batches.
 */
public enum Durability {

    /** Every commit is on disk before it returns: the coordinator's own data ({@code ./data/postgres}). */
    DURABLE(Map.of("fsync", "on", "synchronous_commit", "on")),

    /** The library's defaults, for data thrown away afterwards: the demo, the benchmark, tests. */
    THROWAWAY(Map.of());

    private final Map<String, String> serverConfig;

    Durability(Map<String, String> serverConfig) {
        this.serverConfig = serverConfig;
    }

    /** Settings given to the server as {@code -c name=value}; they come after the library's {@code -F}, so they win. */
    Map<String, String> serverConfig() {
        return serverConfig;
    }
}
