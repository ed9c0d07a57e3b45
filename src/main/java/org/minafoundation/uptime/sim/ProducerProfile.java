package org.minafoundation.uptime.sim;

/** How a simulated block producer behaves, with its share of a realistic network in percent. */
public enum ProducerProfile {

    /** Submits the tip or one of the two canonical blocks before it. */
    SYNCED("synced", 57),
    /** Submits a canonical block 4 to 10 blocks behind the tip. */
    LAGGING("lagging", 15),
    /**
     * Stuck on a minority fork: submits the newest fork block of the last six hours, the tip
     * only if none. They all name the same fork block, so they stay a minority only below the
     * 5% consensus threshold (SPEC §6.2): at 10% of the network their fork would be consensus.
     */
    FORKED("forked", 3),
    /** Synced while online, but online only 0 to 6 hours of every 24. */
    OFFLINE("offline", 10),
    /** Two or three synced machines submitting under one key, each on its own schedule. */
    MULTI_MACHINE("multi-machine", 10),
    /** Every submission names a block hash no verifier accepts. */
    INVALID("invalid", 5);

    private final String label;
    private final int sharePercent;

    ProducerProfile(String label, int sharePercent) {
        this.label = label;
        this.sharePercent = sharePercent;
    }

    public String label() {
        return label;
    }

    public int sharePercent() {
        return sharePercent;
    }
}
