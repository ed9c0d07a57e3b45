package org.minafoundation.uptime.scoring;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State hashes linked parent to child, each with a weight: its distance from a hash the
 * network agrees on. Nodes and edges keep insertion order, which fixes the order in which
 * propagation visits successors (SPEC §6.5).
 */
final class StateHashGraph {

    static final int UNREACHED = 9999;

    private final Map<String, Integer> weights = new LinkedHashMap<>();
    private final Map<String, Set<String>> successors = new LinkedHashMap<>();
    private final Map<String, Set<String>> predecessors = new LinkedHashMap<>();

    void addNode(String hash) {
        if (!weights.containsKey(hash)) {
            weights.put(hash, UNREACHED);
            successors.put(hash, new LinkedHashSet<>());
            predecessors.put(hash, new LinkedHashSet<>());
        }
    }

    /** Adds {@code parent -> child}; adding an existing edge changes nothing (not even its order). */
    void addEdge(String parent, String child) {
        addNode(parent);
        addNode(child);
        successors.get(parent).add(child);
        predecessors.get(child).add(parent);
    }

    void setWeight(String hash, int weight) {
        weights.put(hash, weight);
    }

    int weight(String hash) {
        return weights.get(hash);
    }

    Collection<String> nodes() {
        return weights.keySet();
    }

    int edgeCount() {
        return successors.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Breadth-first from {@code queue}: only the first element starts out visited, so the
     * other initial elements can still be reached, re-weighted and queued again. Each newly
     * visited successor takes the smallest of its weight and (predecessor weight + 1).
     */
    void propagate(List<String> initialQueue) {
        if (initialQueue.isEmpty()) {
            return;
        }
        Deque<String> queue = new ArrayDeque<>(initialQueue);
        Set<String> visited = new HashSet<>();
        visited.add(initialQueue.get(0));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            for (String next : successors.get(current)) {
                if (visited.add(next)) {
                    weights.put(next, closestWeight(next));
                    queue.addLast(next);
                }
            }
        }
    }

    private int closestWeight(String hash) {
        int weight = weights.get(hash);
        for (String parent : predecessors.get(hash)) {
            weight = Math.min(weight, weights.get(parent) + 1);
        }
        return weight;
    }

    /** Every node of weight at most {@code maxWeight}, in node order. */
    Map<String, Integer> within(int maxWeight) {
        Map<String, Integer> result = new LinkedHashMap<>();
        weights.forEach((hash, weight) -> {
            if (weight <= maxWeight) {
                result.put(hash, weight);
            }
        });
        return result;
    }
}
