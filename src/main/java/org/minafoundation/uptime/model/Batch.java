package org.minafoundation.uptime.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The half-open window {@code [start, end)} to process next, the {@code bot_logs} id of the
 * batch before it (whose shortlist it continues), and how many slices to verify it in.
 */
public record Batch(Instant start, Instant end, int previousBotLogId, int sliceCount) {

    public Batch {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a batch must end after it starts: " + start + " .. " + end);
        }
        if (sliceCount < 1) {
            throw new IllegalArgumentException("a batch needs at least one slice");
        }
    }

    /** Equal contiguous slices; the last ends exactly at {@code end}, with sub-second precision kept. */
    public List<Slice> slices() {
        Duration length = Duration.between(start, end).dividedBy(sliceCount);
        List<Slice> slices = new ArrayList<>(sliceCount);
        for (int i = 0; i < sliceCount; i++) {
            Instant sliceStart = start.plus(length.multipliedBy(i));
            Instant sliceEnd = i == sliceCount - 1 ? end : start.plus(length.multipliedBy(i + 1));
            slices.add(new Slice(i, sliceStart, sliceEnd));
        }
        return slices;
    }

    public long startEpoch() {
        return start.getEpochSecond();
    }

    public long endEpoch() {
        return end.getEpochSecond();
    }

    @Override
    public String toString() {
        return "batch [" + start + ", " + end + ")";
    }
}
