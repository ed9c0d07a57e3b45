package org.minafoundation.uptime.config;

/** How the stateless verifier runs for each slice of a batch (VERIFIER_MODE). */
public enum VerifierMode {
    /** One Kubernetes Job per slice: production. */
    KUBERNETES,
    /** One local process per slice (TEST_ENV=1). */
    LOCAL,
    /** The rows are already verified (by a verifier run elsewhere, or when recomputing). */
    NONE,
    /**
     * The simulated network's verifier (package {@code sim}), for the demo and benchmarks:
     * judges block hashes by the chain of SIMULATION_SEED, in the Postgres submissions table.
     */
    SIMULATED
}
