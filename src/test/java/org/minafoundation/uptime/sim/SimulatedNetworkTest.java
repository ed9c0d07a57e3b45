package org.minafoundation.uptime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A network is a pure function of its seed: same seed, same producers and submissions, however windows are cut. */
class SimulatedNetworkTest {

    private static final Instant A = Instant.parse("2026-02-01T10:00:00Z");
    private static final Instant B = Instant.parse("2026-02-01T11:07:13.123456Z");
    private static final Instant C = Instant.parse("2026-02-01T13:00:00Z");

    @Test
    void sameSeedSameSubmissionsOtherSeedOthers() {
        List<SimulatedSubmission> first = new SimulatedNetwork(11, 40).submissions(A, C);
        assertEquals(first, new SimulatedNetwork(11, 40).submissions(A, C));
        assertNotEquals(first, new SimulatedNetwork(12, 40).submissions(A, C));
        assertTrue(first.size() > 40 * 8, "about four submissions an hour per producer: " + first.size());
    }

    @Test
    void adjacentWindowsMakeUpTheirUnion() {
        SimulatedNetwork network = new SimulatedNetwork(11, 40);
        List<SimulatedSubmission> split = new ArrayList<>(network.submissions(A, B));
        split.addAll(network.submissions(B, C));
        assertEquals(network.submissions(A, C), split);
        for (SimulatedSubmission s : network.submissions(A, B)) {
            assertTrue(!s.submittedAt().isBefore(A) && s.submittedAt().isBefore(B), s.toString());
        }
    }

    @Test
    void keysLookLikeMinaKeysAndAreDistinct() {
        List<SimulatedProducer> producers = new SimulatedNetwork(11, 500).producers();
        Set<String> keys = new HashSet<>();
        for (SimulatedProducer p : producers) {
            assertEquals(55, p.key().length());
            assertTrue(p.key().startsWith("B62q"));
            assertTrue(p.key().chars().allMatch(ch -> Base58.ALPHABET.indexOf(ch) >= 0), p.key());
            keys.add(p.key());
        }
        assertEquals(producers.size(), keys.size());
        assertEquals(producers.get(7), new SimulatedNetwork(11, 500).producers().get(7));
    }

    @Test
    void profilesFollowTheirSharesWithAtLeastOneEach() {
        for (int n : new int[] {6, 7, 13, 200, 1000}) {
            Map<ProducerProfile, Long> counts = new EnumMap<>(ProducerProfile.class);
            counts.putAll(new SimulatedNetwork(3, n).producers().stream()
                    .collect(Collectors.groupingBy(SimulatedProducer::profile, Collectors.counting())));
            for (ProducerProfile profile : ProducerProfile.values()) {
                long count = counts.getOrDefault(profile, 0L);
                assertTrue(count >= 1, n + " producers, " + profile);
                // Small networks bend the shares to fit one of each; large ones follow them.
                if (n >= 100) {
                    assertTrue(Math.abs(count - n * profile.sharePercent() / 100.0) <= 1,
                            n + " producers, " + profile + ": " + count);
                }
            }
        }
    }

    @Test
    void eachMachineSubmitsEvery840To960SecondsAndKeysNeverCollide() {
        SimulatedNetwork network = new SimulatedNetwork(5, 100);
        List<SimulatedSubmission> all = network.submissions(A, C);
        assertEquals(all.size(), all.stream().map(s -> s.submitter() + s.submittedAt()).distinct().count());
        Map<String, List<SimulatedSubmission>> byMachine = all.stream()
                .collect(Collectors.groupingBy(s -> s.submitter() + " " + s.peerId()));
        for (List<SimulatedSubmission> machine : byMachine.values()) {
            for (int i = 1; i < machine.size(); i++) {
                long gap = Duration.between(machine.get(i - 1).submittedAt(), machine.get(i).submittedAt()).toSeconds();
                // OFFLINE producers skip cycles, so their gaps are whole cycles apart.
                if (machine.get(i).profile() != ProducerProfile.OFFLINE) {
                    assertTrue(gap >= 840 && gap <= 960, "gap " + gap + " of " + machine.get(i));
                }
            }
            SimulatedSubmission s = machine.get(0);
            assertTrue(s.createdAt().isBefore(s.submittedAt()));
            assertTrue(Duration.between(s.createdAt(), s.submittedAt()).toSeconds() < 10);
        }
    }
}
