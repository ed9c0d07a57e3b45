package org.minafoundation.uptime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.ListArbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Properties of SPEC §6 on random graphs: chains, forks, cycles, self-parents, missing parents and
 * random previous shortlists (any stored weight, any parent).
 */
class ScoringPropertiesTest {

    private static final String NO_PARENT = "<none>";

    /** One random batch: rows in load order, the previous shortlist in stored order, the threshold share. */
    record Scenario(List<Submission> rows, List<ShortlistEntry> previous, BigDecimal share) {
    }

    // --- generators --------------------------------------------------------------------

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private static String orNull(String parent) {
        return NO_PARENT.equals(parent) ? null : parent;
    }

    private static Arbitrary<BigDecimal> shares() {
        return Arbitraries.of("0.05", "0.1", "0.25", "0.5").map(BigDecimal::new);
    }

    private static Arbitrary<Integer> storedWeights() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 2)),
                Tuple.of(2, Arbitraries.integers().between(3, 5)),
                Tuple.of(1, Arbitraries.just(9999)));
    }

    /** Previous shortlist over the batch hashes, a few previous-only hashes, with any parent. */
    private static Arbitrary<List<ShortlistEntry>> previousShortlists(List<String> hashes) {
        List<String> stateHashes = new ArrayList<>(hashes);
        stateHashes.addAll(names("p", 3));
        List<String> parents = new ArrayList<>(stateHashes);
        parents.addAll(List.of("x0", NO_PARENT));
        Arbitrary<ShortlistEntry> entry = Combinators.combine(
                Arbitraries.of(parents), Arbitraries.of(stateHashes), storedWeights())
                .as((parent, hash, weight) -> new ShortlistEntry(orNull(parent), hash, weight));
        return entry.list().ofMaxSize(6);
    }

    private static Submission submission(int producer, String hash, String parent, int second) {
        return new Submission(Rows.T0.plusSeconds(second), "k" + producer, hash, orNull(parent), 1L, Rows.T0);
    }

    @Provide
    Arbitrary<Scenario> randomGraphs() {
        return Arbitraries.integers().between(1, 8).flatMap(n -> {
            List<String> hashes = names("h", n);
            List<String> parents = new ArrayList<>(hashes);
            parents.addAll(List.of("x0", "x1", "p0", "p1", NO_PARENT));
            Arbitrary<Submission> row = Combinators.combine(
                    Arbitraries.integers().between(0, 44), Arbitraries.of(hashes),
                    Arbitraries.of(parents), Arbitraries.integers().between(0, 299))
                    .as(ScoringPropertiesTest::submission);
            return Combinators.combine(row.list().ofMaxSize(40), previousShortlists(hashes), shares())
                    .as(Scenario::new);
        });
    }

    /**
     * Real chains: every hash has one parent, named alike by all its rows and by the previous
     * shortlist (chains, forks, cycles, self-parents, unknown or missing parents are all allowed);
     * the previous shortlist may hold any weight. With {@code distinctCounts} no two hashes have the
     * same number of rows.
     */
    private static Arbitrary<Scenario> realChains(boolean distinctCounts) {
        return Arbitraries.integers().between(1, 7).flatMap(n -> {
            List<String> hashes = names("h", n);
            List<String> stateHashes = new ArrayList<>(hashes);
            stateHashes.addAll(names("p", 3));
            List<String> parents = new ArrayList<>(stateHashes);
            parents.addAll(List.of("x0", "x1", NO_PARENT));
            Arbitrary<List<String>> parentOf = Arbitraries.of(parents).list().ofSize(stateHashes.size());
            ListArbitrary<Integer> anyCounts = Arbitraries.integers().between(1, 9).list().ofSize(n);
            Arbitrary<List<Integer>> counts = distinctCounts ? anyCounts.uniqueElements() : anyCounts;
            Arbitrary<List<Tuple2<Integer, Integer>>> previousPicks = Combinators.combine(
                    Arbitraries.integers().between(0, stateHashes.size() - 1), storedWeights())
                    .as(Tuple::of).list().ofMaxSize(6);
            return Combinators.combine(parentOf, counts, previousPicks).flatAs((parentList, countList, picks) -> {
                int total = countList.stream().mapToInt(Integer::intValue).sum();
                Arbitrary<List<Integer>> producers = Arbitraries.integers().between(0, 44).list().ofSize(total);
                Arbitrary<List<Integer>> seconds = Arbitraries.integers().between(0, 299).list().ofSize(total);
                return Combinators.combine(producers, seconds, shares()).as((producerList, secondList, share) -> {
                    List<Submission> rows = new ArrayList<>();
                    int r = 0;
                    for (int h = 0; h < n; h++) {
                        for (int c = 0; c < countList.get(h); c++, r++) {
                            rows.add(submission(producerList.get(r), hashes.get(h), parentList.get(h), secondList.get(r)));
                        }
                    }
                    List<ShortlistEntry> previous = new ArrayList<>();
                    for (Tuple2<Integer, Integer> pick : picks) {
                        previous.add(new ShortlistEntry(orNull(parentList.get(pick.get1())),
                                stateHashes.get(pick.get1()), pick.get2()));
                    }
                    return new Scenario(rows, previous, share);
                });
            });
        });
    }

    @Provide
    Arbitrary<Scenario> realChainsWithDistinctRowCounts() {
        return realChains(true);
    }

    @Provide
    Arbitrary<Scenario> realChainsWithAnyRowCounts() {
        return realChains(false);
    }

    // --- oracles computed from SPEC, independently of the engine ------------------------

    private static Set<String> rowHashes(Scenario s) {
        return s.rows().stream().map(Submission::stateHash).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> previousHashes(Scenario s) {
        return s.previous().stream().map(ShortlistEntry::stateHash).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** C as a set: hashes with at least round(share * D, 2) distinct producers. */
    private static Set<String> expectedCandidates(Scenario s) {
        Set<String> producers = s.rows().stream().map(Submission::submitter).collect(Collectors.toSet());
        BigDecimal threshold = s.share().multiply(BigDecimal.valueOf(producers.size()))
                .setScale(2, java.math.RoundingMode.HALF_EVEN);
        Map<String, Set<String>> byHash = new HashMap<>();
        s.rows().forEach(r -> byHash.computeIfAbsent(r.stateHash(), h -> new HashSet<>()).add(r.submitter()));
        return byHash.entrySet().stream()
                .filter(e -> new BigDecimal(e.getValue().size()).compareTo(threshold) >= 0)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The edges of §6.3 as parent -> children. */
    private static Map<String, Set<String>> expectedEdges(Scenario s) {
        Set<String> batch = rowHashes(s);
        Set<String> prev = previousHashes(s);
        Map<String, Set<String>> edges = new HashMap<>();
        for (Submission r : s.rows()) {
            if (r.parentHash() != null && (batch.contains(r.parentHash()) || prev.contains(r.parentHash()))) {
                edges.computeIfAbsent(r.parentHash(), p -> new HashSet<>()).add(r.stateHash());
            }
        }
        for (ShortlistEntry e : s.previous()) {
            if (e.parentHash() != null && prev.contains(e.parentHash())) {
                edges.computeIfAbsent(e.parentHash(), p -> new HashSet<>()).add(e.stateHash());
            }
        }
        return edges;
    }

    /** The initial weights of §6.4 (the first stored weight of a hash listed twice in P). */
    private static Map<String, Integer> expectedInitialWeights(Scenario s, Set<String> candidates) {
        Map<String, Integer> weights = new HashMap<>();
        s.previous().forEach(e -> weights.putIfAbsent(e.stateHash(), e.weight()));
        rowHashes(s).forEach(h -> weights.putIfAbsent(h, 9999));
        candidates.forEach(h -> weights.put(h, 0));
        return weights;
    }

    /** Shortest-path lower bound: min over nodes x of initial(x) + distance(x, node). */
    private static Map<String, Integer> lowerBounds(Map<String, Integer> initial, Map<String, Set<String>> edges) {
        Map<String, Integer> best = new HashMap<>(initial);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
                for (String child : e.getValue()) {
                    int via = best.get(e.getKey()) + 1;
                    if (via < best.get(child)) {
                        best.put(child, via);
                        changed = true;
                    }
                }
            }
        }
        return best;
    }

    private static BatchScore score(Scenario s) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new ScoringEngine(s.share()).score(s.rows(), s.previous()));
    }

    // --- properties --------------------------------------------------------------------

    @Property(tries = 500)
    void terminatesAndShortlistsOnlyWeightsUpToTwo(@ForAll("randomGraphs") Scenario s) {
        BatchScore score = score(s);
        Set<String> nodes = new HashSet<>(rowHashes(s));
        nodes.addAll(previousHashes(s));
        score.shortlist().forEach((hash, weight) -> {
            assertTrue(weight >= 0 && weight <= ScoringEngine.MAX_WEIGHT, hash + " = " + weight);
            assertTrue(nodes.contains(hash), hash + " is no graph node");
        });
    }

    @Property(tries = 500)
    void pointsGoExactlyToTheRowsOfShortlistedHashes(@ForAll("randomGraphs") Scenario s) {
        BatchScore score = score(s);
        for (Submission row : score.pointRows()) {
            assertTrue(score.shortlist().containsKey(row.stateHash()), row.toString());
        }
        List<Submission> expected = s.rows().stream().filter(r -> score.shortlist().containsKey(r.stateHash())).toList();
        assertEquals(expected, score.pointRows());
    }

    @Property(tries = 500)
    void candidatesReachTheThresholdAndWeighZero(@ForAll("randomGraphs") Scenario s) {
        BatchScore score = score(s);
        Set<String> expected = expectedCandidates(s);
        assertEquals(expected, Set.copyOf(score.consensusCandidates()));
        assertEquals(expected.size(), score.consensusCandidates().size(), "no duplicates");
        Map<String, Long> rowCounts = s.rows().stream()
                .collect(Collectors.groupingBy(Submission::stateHash, Collectors.counting()));
        List<String> c = score.consensusCandidates();
        for (int i = 1; i < c.size(); i++) {
            assertTrue(rowCounts.get(c.get(i - 1)) >= rowCounts.get(c.get(i)), "descending row counts: " + c);
        }
        c.forEach(hash -> assertEquals(0, score.shortlist().get(hash), hash));
    }

    @Property(tries = 500)
    void weightsAreNeverBelowTheShortestPathFromTheInitialWeights(@ForAll("randomGraphs") Scenario s) {
        BatchScore score = score(s);
        Map<String, Integer> initial = expectedInitialWeights(s, expectedCandidates(s));
        Map<String, Integer> bound = lowerBounds(initial, expectedEdges(s));
        score.shortlist().forEach((hash, weight) -> {
            assertTrue(weight >= bound.get(hash), hash + " = " + weight + " < bound " + bound.get(hash));
            assertTrue(weight <= initial.get(hash), hash + " grew from " + initial.get(hash));
        });
        initial.forEach((hash, w) -> {
            if (w <= ScoringEngine.MAX_WEIGHT) { // weights never grow
                assertTrue(score.shortlist().containsKey(hash), hash + " lost its initial weight " + w);
            }
        });
    }

    /** Every successor of a queued hash (but the queue head, which starts visited) is within one of it. */
    @Property(tries = 500)
    void childrenOfQueuedHashesAreWithinOne(@ForAll("randomGraphs") Scenario s) {
        BatchScore score = score(s);
        Set<String> candidates = expectedCandidates(s);
        Map<String, Integer> initial = expectedInitialWeights(s, candidates);
        Set<String> queued = new HashSet<>(previousHashes(s));
        queued.addAll(candidates);
        Set<String> heads = possibleQueueHeads(s);
        expectedEdges(s).forEach((parent, children) -> {
            if (!queued.contains(parent)) {
                return;
            }
            for (String child : children) {
                if (!heads.contains(child) && initial.get(parent) + 1 <= ScoringEngine.MAX_WEIGHT) {
                    Integer weight = score.shortlist().get(child);
                    assertTrue(weight != null && weight <= initial.get(parent) + 1,
                            child + " (child of " + parent + " weighing " + initial.get(parent) + ") = " + weight);
                }
            }
        });
    }

    /** The hashes that may head the queue: P's first, else the candidates with the most rows (ties: SPEC is silent). */
    private static Set<String> possibleQueueHeads(Scenario s) {
        if (!s.previous().isEmpty()) {
            return Set.of(s.previous().get(0).stateHash());
        }
        Map<String, Long> rowCounts = s.rows().stream()
                .collect(Collectors.groupingBy(Submission::stateHash, Collectors.counting()));
        Set<String> candidates = expectedCandidates(s);
        long most = candidates.stream().mapToLong(rowCounts::get).max().orElse(0);
        return candidates.stream().filter(h -> rowCounts.get(h) == most).collect(Collectors.toSet());
    }

    @Property(tries = 500)
    void nextShortlistIsTheShortlistedHashesOfThisBatchWithTheNewestParent(@ForAll("randomGraphs") Scenario s) {
        BatchScore score = score(s);
        Set<String> expectedHashes = new HashSet<>(rowHashes(s));
        expectedHashes.retainAll(score.shortlist().keySet());
        Set<String> hashes = new HashSet<>();
        for (ShortlistEntry entry : score.nextShortlist()) {
            assertTrue(hashes.add(entry.stateHash()), "twice: " + entry.stateHash());
            assertEquals(score.shortlist().get(entry.stateHash()), entry.weight());
            var newest = s.rows().stream().filter(r -> r.stateHash().equals(entry.stateHash()))
                    .map(Submission::submittedAt).max(java.util.Comparator.naturalOrder()).orElseThrow();
            Set<String> newestParents = s.rows().stream()
                    .filter(r -> r.stateHash().equals(entry.stateHash()) && r.submittedAt().equals(newest))
                    .map(r -> r.parentHash() == null ? NO_PARENT : r.parentHash()).collect(Collectors.toSet());
            String parent = entry.parentHash() == null ? NO_PARENT : entry.parentHash();
            assertTrue(newestParents.contains(parent), entry + " not among " + newestParents);
        }
        assertEquals(expectedHashes, hashes);
    }

    /**
     * On real chains (see {@link #realChains}) the outcome does not depend on the load order of the
     * rows. Only "real" chains: when the previous shortlist names another parent for a hash than
     * its rows do, the successor order that SPEC §6.5 fixes (rows in load order) can decide a
     * weight; SuccessorOrderTest shows such a case.
     */
    @Property(tries = 1000)
    void resultDoesNotDependOnRowOrderOnRealChains(
            @ForAll("realChainsWithDistinctRowCounts") Scenario s, @ForAll long seed) {
        BatchScore original = score(s);
        BatchScore reordered = score(shuffled(s, seed));

        assertEquals(original.consensusCandidates(), reordered.consensusCandidates());
        assertEquals(original.shortlist(), reordered.shortlist());
        assertEquals(multiset(original.pointRows()), multiset(reordered.pointRows()));
        assertEquals(Set.copyOf(original.nextShortlist()), Set.copyOf(reordered.nextShortlist()));
    }

    /** Ties in row counts only reorder C; on real chains the shortlist and the points stay the same. */
    @Property(tries = 500)
    void tiesInRowCountsDoNotChangeTheOutcomeOnRealChains(
            @ForAll("realChainsWithAnyRowCounts") Scenario s, @ForAll long seed) {
        BatchScore original = score(s);
        BatchScore reordered = score(shuffled(s, seed));

        assertEquals(Set.copyOf(original.consensusCandidates()), Set.copyOf(reordered.consensusCandidates()));
        assertEquals(original.shortlist(), reordered.shortlist());
        assertEquals(multiset(original.pointRows()), multiset(reordered.pointRows()));
        assertEquals(Set.copyOf(original.nextShortlist()), Set.copyOf(reordered.nextShortlist()));
    }

    private static Scenario shuffled(Scenario s, long seed) {
        List<Submission> rows = new ArrayList<>(s.rows());
        Collections.shuffle(rows, new Random(seed));
        return new Scenario(rows, s.previous(), s.share());
    }

    private static Map<Submission, Long> multiset(List<Submission> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    }
}
