package org.minafoundation.uptime.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A deterministic network of block producers on a {@link SimulatedChain}: for one seed and
 * producer count, the same keys, profiles and submissions every time, for any window,
 * computed without simulating what came before.
 */
public final class SimulatedNetwork {

    public static final int GRAPHQL_CONTROL_PORT = 3085;
    /** How far back a producer stuck on a fork still finds its fork: six hours of slots. */
    static final int FORKED_LOOKBACK_SLOTS = 120;
    private static final int MAX_LAG_SYNCED = 2;
    private static final int MIN_LAG_LAGGING = 4;
    private static final int MAX_LAG_LAGGING = 10;
    private static final int VERSIONS = 3;
    private static final long PROFILE_TAG = 0x50524FL;
    private static final long KEY_TAG = 0x4B4559L;
    private static final long MACHINES_TAG = 0x4D4143L;
    private static final long PEER_TAG = 0x504545L;
    private static final long VERSION_TAG = 0x564552L;
    private static final long SUBMISSION_TAG = 0x535542L;

    private final long seed;
    private final SimulatedChain chain;
    private final SubmissionSchedule schedule;
    private final List<SimulatedProducer> producers;
    private final int[] machines;
    private final String[][] peerIds;
    private final String[] commits;

    public SimulatedNetwork(long seed, int producers) {
        if (producers < 0) {
            throw new IllegalArgumentException("negative producer count " + producers);
        }
        this.seed = seed;
        this.chain = new SimulatedChain(seed);
        this.schedule = new SubmissionSchedule(seed);
        List<ProducerProfile> profiles = profiles(seed, producers);
        List<SimulatedProducer> roster = new ArrayList<>(producers);
        this.machines = new int[producers];
        this.peerIds = new String[producers][];
        for (int i = 0; i < producers; i++) {
            roster.add(new SimulatedProducer(publicKey(seed, i), profiles.get(i), i));
            machines[i] = profiles.get(i) == ProducerProfile.MULTI_MACHINE
                    ? 2 + (int) Mix.below(Mix.hash(seed, MACHINES_TAG, i), 2)
                    : 1;
            peerIds[i] = new String[machines[i]];
            for (int m = 0; m < machines[i]; m++) {
                peerIds[i][m] = noise("12D3KooW", Mix.hash(seed, PEER_TAG, i, m), 44);
            }
        }
        this.producers = List.copyOf(roster);
        this.commits = new String[VERSIONS];
        for (int v = 0; v < VERSIONS; v++) {
            commits[v] = String.format("%016x%016x%08x", Mix.hash(seed, VERSION_TAG, v, 0),
                    Mix.hash(seed, VERSION_TAG, v, 1), (int) Mix.hash(seed, VERSION_TAG, v, 2));
        }
    }

    public long seed() {
        return seed;
    }

    public SimulatedChain chain() {
        return chain;
    }

    public List<SimulatedProducer> producers() {
        return producers;
    }

    /** How many machines submit under the producer's key (more than one only for MULTI_MACHINE). */
    public int machines(SimulatedProducer producer) {
        return machines[producer.index()];
    }

    /** Whether the producer submits at {@code t}: always, except OFFLINE producers outside their online hours. */
    public boolean online(SimulatedProducer producer, Instant t) {
        return producer.profile() != ProducerProfile.OFFLINE
                || schedule.intermittentOnline(producer.index(), SubmissionSchedule.micros(t));
    }

    /** Every submission made in {@code [from, to)}, ordered by time then submitter. */
    public List<SimulatedSubmission> submissions(Instant from, Instant to) {
        long start = SubmissionSchedule.micros(from);
        long end = SubmissionSchedule.micros(to);
        List<SimulatedSubmission> out = new ArrayList<>();
        for (SimulatedProducer producer : producers) {
            int count = machines[producer.index()];
            for (int m = 0; m < count; m++) {
                int machine = m;
                schedule.cycles(producer.index(), machine, count, start, end,
                        cycle -> submission(producer, machine, count, cycle, out));
            }
        }
        out.sort(Comparator.comparing(SimulatedSubmission::submittedAt).thenComparing(SimulatedSubmission::submitter));
        return out;
    }

    private void submission(SimulatedProducer producer, int machine, int count, long cycle,
            List<SimulatedSubmission> out) {
        int index = producer.index();
        long at = schedule.time(index, machine, count, cycle);
        if (producer.profile() == ProducerProfile.OFFLINE && !schedule.intermittentOnline(index, at)) {
            return;
        }
        SplittableRandom random = new SplittableRandom(Mix.hash(seed, SUBMISSION_TAG, index, machine, cycle));
        Instant submittedAt = SubmissionSchedule.instant(at);
        long createdAt = at - 2 * SubmissionSchedule.MICROS - random.nextLong(4 * SubmissionSchedule.MICROS);
        out.add(new SimulatedSubmission(submittedAt, producer.key(), SubmissionSchedule.instant(createdAt),
                blockHash(producer.profile(), submittedAt, random), remoteAddr(index, machine), peerIds[index][machine],
                GRAPHQL_CONTROL_PORT, commits[(int) Mix.below(Mix.hash(seed, VERSION_TAG, index), VERSIONS)],
                producer.profile()));
    }

    private String blockHash(ProducerProfile profile, Instant at, SplittableRandom random) {
        return switch (profile) {
            case SYNCED, OFFLINE, MULTI_MACHINE -> behindTip(at, syncedLag(random));
            case LAGGING -> behindTip(at, MIN_LAG_LAGGING + random.nextInt(MAX_LAG_LAGGING - MIN_LAG_LAGGING + 1));
            case FORKED -> chain.latestFork(at, FORKED_LOOKBACK_SLOTS).map(Block::blockHash)
                    .orElseGet(() -> behindTip(at, 0));
            case INVALID -> HashCodec.garbageBlockHash(random.nextLong());
        };
    }

    /** Mostly the tip; a node that has not yet received the newest block or two sends an older one. */
    private static int syncedLag(SplittableRandom random) {
        int roll = random.nextInt(10);
        return roll < 7 ? 0 : roll < 9 ? 1 : MAX_LAG_SYNCED;
    }

    private String behindTip(Instant at, int lag) {
        Block tip = chain.tipAt(at);
        return chain.canonicalBefore(tip, (int) Math.min(lag, tip.height() - 1)).blockHash();
    }

    /** A distinct carrier-grade NAT address (100.64.0.0/10) per machine. */
    private static String remoteAddr(int producer, int machine) {
        return "100." + (64 + ((producer >>> 14) & 63)) + "." + ((producer >>> 6) & 255) + "."
                + (((producer & 63) << 2) | machine);
    }

    private static String publicKey(long seed, int index) {
        return noise("B62q", Mix.hash(seed, KEY_TAG, index), 51);
    }

    private static String noise(String prefix, long hash, int digits) {
        StringBuilder out = new StringBuilder(prefix.length() + digits).append(prefix);
        Base58.appendNoise(out, hash, digits);
        return out.toString();
    }

    /**
     * The realistic mix of profiles, in seeded random order: each minority profile gets its
     * share (at least one once there are six producers), SYNCED the rest. Fewer than six
     * producers take the first profiles in declaration order.
     */
    static List<ProducerProfile> profiles(long seed, int producers) {
        List<ProducerProfile> profiles = new ArrayList<>(producers);
        ProducerProfile[] all = ProducerProfile.values();
        if (producers < all.length) {
            for (int i = 0; i < producers; i++) {
                profiles.add(all[i]);
            }
        } else {
            for (ProducerProfile profile : all) {
                if (profile != ProducerProfile.SYNCED) {
                    long share = Math.max(1, Math.round(producers * profile.sharePercent() / 100.0));
                    for (int i = 0; i < share; i++) {
                        profiles.add(profile);
                    }
                }
            }
            while (profiles.size() < producers) {
                profiles.add(ProducerProfile.SYNCED);
            }
        }
        Collections.shuffle(profiles, new Random(Mix.hash(seed, PROFILE_TAG)));
        return profiles;
    }
}
