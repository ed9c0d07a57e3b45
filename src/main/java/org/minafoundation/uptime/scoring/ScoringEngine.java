package org.minafoundation.uptime.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which state hashes of a batch are close enough to the consensus tip and which
 * submissions earn a point (SPEC §6, steps 2 to 9). Pure: records in, records out.
 */
public final class ScoringEngine {

    /** Hashes within this distance of an agreed hash are shortlisted. */
    public static final int MAX_WEIGHT = 2;

    private final BigDecimal thresholdShare;

    public ScoringEngine() {
        this(ConsensusThreshold.DEFAULT_SHARE);
    }

    public ScoringEngine(BigDecimal thresholdShare) {
        this.thresholdShare = thresholdShare;
    }

    /**
     * @param rows the batch's verified submissions in load order (newest first), each with a state hash
     * @param previous the previous batch's shortlist in stored order
     */
    public BatchScore score(List<Submission> rows, List<ShortlistEntry> previous) {
        List<String> candidates = ConsensusThreshold.candidates(rows, thresholdShare);
        StateHashGraph graph = buildGraph(rows, previous, candidates);
        applyInitialWeights(graph, previous, candidates);

        List<String> queue = new ArrayList<>();
        previous.forEach(entry -> queue.add(entry.stateHash()));
        queue.addAll(candidates);
        graph.propagate(queue);

        Map<String, Integer> shortlist = graph.within(MAX_WEIGHT);
        List<Submission> pointRows = rows.stream().filter(r -> shortlist.containsKey(r.stateHash())).toList();
        return new BatchScore(candidates, shortlist, pointRows, nextShortlist(rows, shortlist));
    }

    static StateHashGraph buildGraph(List<Submission> rows, List<ShortlistEntry> previous, List<String> candidates) {
        Set<String> batchHashes = new LinkedHashSet<>();
        rows.forEach(r -> batchHashes.add(r.stateHash()));
        Set<String> previousHashes = new LinkedHashSet<>();
        previous.forEach(p -> previousHashes.add(p.stateHash()));

        StateHashGraph graph = new StateHashGraph();
        previousHashes.forEach(graph::addNode);
        candidates.forEach(graph::addNode);
        batchHashes.forEach(graph::addNode);
        for (Submission row : rows) {
            String parent = row.parentHash();
            if (parent != null && (batchHashes.contains(parent) || previousHashes.contains(parent))) {
                graph.addEdge(parent, row.stateHash());
            }
        }
        for (ShortlistEntry entry : previous) {
            if (entry.parentHash() != null && previousHashes.contains(entry.parentHash())) {
                graph.addEdge(entry.parentHash(), entry.stateHash());
            }
        }
        return graph;
    }

    static void applyInitialWeights(StateHashGraph graph, List<ShortlistEntry> previous, List<String> candidates) {
        Map<String, Integer> previousWeights = new HashMap<>();
        previous.forEach(p -> previousWeights.putIfAbsent(p.stateHash(), p.weight()));
        Set<String> candidateSet = new HashSet<>(candidates);
        for (String hash : graph.nodes()) {
            if (candidateSet.contains(hash)) {
                graph.setWeight(hash, 0);
            } else if (previousWeights.containsKey(hash)) {
                graph.setWeight(hash, previousWeights.get(hash));
            } else {
                graph.setWeight(hash, StateHashGraph.UNREACHED);
            }
        }
    }

    /** Shortlisted hashes of this batch's rows, each with the parent of its most recent submission. */
    private static List<ShortlistEntry> nextShortlist(List<Submission> rows, Map<String, Integer> shortlist) {
        Map<String, Submission> newest = new HashMap<>();
        for (Submission row : rows) {
            newest.merge(row.stateHash(), row,
                    (kept, other) -> other.submittedAt().isAfter(kept.submittedAt()) ? other : kept);
        }
        List<ShortlistEntry> next = new ArrayList<>();
        shortlist.forEach((hash, weight) -> {
            if (newest.containsKey(hash)) {
                next.add(new ShortlistEntry(newest.get(hash).parentHash(), hash, weight));
            }
        });
        return next;
    }
}
