package org.minafoundation.uptime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each profile's submissions behave as the profile says, judged against the chain. */
class ProducerProfilesTest {

    private static final Instant FROM = Instant.parse("2026-03-10T06:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(12));

    private final SimulatedNetwork network = new SimulatedNetwork(2024, 200);
    private final SimulatedChain chain = network.chain();
    private final List<SimulatedSubmission> submissions = network.submissions(FROM, TO);

    @Test
    void syncedSubmissionsNameOneOfTheLastThreeCanonicalBlocks() {
        for (SimulatedSubmission s : of(ProducerProfile.SYNCED, ProducerProfile.MULTI_MACHINE, ProducerProfile.OFFLINE)) {
            long behind = blocksBehindTip(s);
            assertTrue(behind >= 0 && behind <= 2, behind + " behind: " + s);
        }
    }

    @Test
    void laggingSubmissionsAreFourToTenBlocksBehind() {
        for (SimulatedSubmission s : of(ProducerProfile.LAGGING)) {
            long behind = blocksBehindTip(s);
            assertTrue(behind >= 4 && behind <= 10, behind + " behind: " + s);
        }
    }

    @Test
    void forkedProducersMostlyNameForkBlocks() {
        List<SimulatedSubmission> forked = of(ProducerProfile.FORKED);
        long offCanonical = forked.stream().filter(s -> !chain.byBlockHash(s.blockHash()).orElseThrow().canonical())
                .count();
        assertTrue(offCanonical > forked.size() * 0.7, offCanonical + " of " + forked.size());
    }

    @Test
    void invalidProducersNameBlocksNoChainKnows() {
        List<SimulatedSubmission> invalid = of(ProducerProfile.INVALID);
        assertTrue(!invalid.isEmpty());
        for (SimulatedSubmission s : invalid) {
            assertEquals(Optional.empty(), chain.byBlockHash(s.blockHash()), s.toString());
        }
    }

    @Test
    void offlineProducersSubmitMarkedlyLessAndMultiMachineMore() {
        double synced = perProducer(ProducerProfile.SYNCED);
        assertTrue(perProducer(ProducerProfile.OFFLINE) < synced / 2,
                perProducer(ProducerProfile.OFFLINE) + " vs " + synced);
        assertTrue(perProducer(ProducerProfile.MULTI_MACHINE) > synced * 1.8,
                perProducer(ProducerProfile.MULTI_MACHINE) + " vs " + synced);
    }

    private long blocksBehindTip(SimulatedSubmission s) {
        Block block = chain.byBlockHash(s.blockHash()).orElseThrow();
        assertTrue(block.canonical(), s.toString());
        return chain.tipAt(s.submittedAt()).height() - block.height();
    }

    private double perProducer(ProducerProfile profile) {
        long producers = network.producers().stream().filter(p -> p.profile() == profile).count();
        return of(profile).size() / (double) producers;
    }

    private List<SimulatedSubmission> of(ProducerProfile... profiles) {
        List<ProducerProfile> wanted = List.of(profiles);
        return submissions.stream().filter(s -> wanted.contains(s.profile())).collect(Collectors.toList());
    }
}
