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
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    /** The nearest-rank percentile. */
    private double percentile(int percent) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Every duration of {@code parts} in one. */
    static Timings merge(List<Timings> parts) {
        Timings all = new Timings();
        parts.forEach(part -> all.millis.addAll(part.millis));
        return all;
    }

    double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    double total() {
        return millis.stream().mapToDouble(Double::doubleValue).sum();
    }
}
