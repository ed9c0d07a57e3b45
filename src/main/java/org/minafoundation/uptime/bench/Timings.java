package org.minafoundation.uptime.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of repeated steps, in milliseconds. */
final class Timings {

    private final List<Double> millis = new ArrayList<>();

    void add(long nanos) {
        millis.add(nanos / 1e6);
    }

    int count() {
        return millis.size();
    }

    double p50() {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
    }

    double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    double total() {
        return millis.stream().mapToDouble(Double::doubleValue).sum();
    }
}
