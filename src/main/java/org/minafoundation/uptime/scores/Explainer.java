package org.minafoundation.uptime.scores;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.scores.BatchVerdict.SubmissionSeen;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.store.ProducerBatches.Period;
import org.minafoundation.uptime.store.ProducerBatches.ProcessedBatch;

/**
 * The batch-by-batch reasons of SPEC §12 for one producer: from what the database stored
 * (points, submissions, shortlists) and, to catch a stored result the rules no longer give,
 * the batch scored again by the same engine ({@link BatchRecount}). Never a reason the data
 * does not show.
 */
public record Explainer(ProducerBatches stored, BatchRecount recount) {

    /** The producer's verdict for every processed batch starting in {@code [from, to)}, oldest first. */
    public List<BatchVerdict> explain(String key, Instant from, Instant to) throws SQLException {
        Period period = stored.period(key, from, to);
        List<BatchVerdict> verdicts = new ArrayList<>();
        int next = 0;
        List<StoredSubmission> all = period.submissions();
        for (ProcessedBatch batch : period.batches()) {
            // submissions come sorted by time; each batch takes those of its own window
            while (next < all.size() && all.get(next).submittedAt().isBefore(batch.start())) {
                next++;
            }
            int end = next;
            while (end < all.size() && all.get(end).submittedAt().isBefore(batch.end())) {
                end++;
            }
            verdicts.add(verdict(key, batch, all.subList(next, end), period));
        }
        return verdicts;
    }

    private BatchVerdict verdict(String key, ProcessedBatch batch, List<StoredSubmission> own, Period period)
            throws SQLException {
        Map<String, Integer> shortlist = period.weights(batch.botLogId());
        List<SubmissionSeen> seen = own.stream().map(s -> new SubmissionSeen(s.submittedAt(), s.stateHash(), s.parent(),
                s.height(), s.verified(), s.validationError(), s.stateHash() != null && shortlist.containsKey(s.stateHash()),
                s.stateHash() == null ? null : shortlist.get(s.stateHash()))).toList();
        boolean point = period.pointHashes().containsKey(batch.botLogId());
        boolean anyStored = period.submissionsStored().getOrDefault(batch.botLogId(), false);
        // scored again once per batch, for the check of the stored point and the consensus detail
        BatchRecount.Result recounted = anyStored && batch.counted()
                ? recount.of(batch, period.shortlist(batch.previousBotLogId())) : null;
        Decided decided = decide(batch, own, shortlist, point, anyStored, recounted);
        return new BatchVerdict(batch.botLogId(), batch.start(), batch.end(), batch.counted(), point, decided.reason(),
                decided.detail(), seen);
    }

    private record Decided(Reason reason, String detail) {
    }

    private static Decided decide(ProcessedBatch batch, List<StoredSubmission> own, Map<String, Integer> shortlist,
            boolean point, boolean anyStored, BatchRecount.Result recounted) {
        if (!batch.counted()) {
            return new Decided(Reason.NOT_COUNTED, "This batch was not counted (files_processed = -1): it gave nobody a"
                    + " point, and the max score does not include it.");
        }
        if (!point && !anyStored && batch.filesProcessed() > 0) {
            return new Decided(Reason.DATA_REMOVED, "The batch processed " + batch.filesProcessed() + " submissions, but"
                    + " they were since removed (cleanup): what this producer sent can no longer be shown.");
        }
        if (recounted != null) {
            boolean recountedPoint = recounted.givesPoint(own);
            if (recountedPoint != point) {
                return new Decided(Reason.STORED_DIFFERS, "The stored result (" + (point ? "a point" : "no point")
                        + ") differs from scoring the batch's stored submissions again (" + (recountedPoint ? "a point" : "no point")
                        + "): the rules or the data changed since it was processed; a rescore of this period makes them agree.");
            }
        }
        if (point) {
            return new Decided(Reason.POINT, pointDetail(own, shortlist));
        }
        if (own.isEmpty()) {
            return new Decided(Reason.NO_SUBMISSION, "No submission from this key arrived between " + batch.start()
                    + " and " + batch.end() + ".");
        }
        List<StoredSubmission> verified = own.stream().filter(s -> Boolean.TRUE.equals(s.verified())).toList();
        if (verified.isEmpty()) {
            return new Decided(Reason.NOT_VERIFIED, count(own.size()) + " arrived, but the verifier did not verify any"
                    + " of them (it may have failed or not run over this window).");
        }
        List<StoredSubmission> valid = verified.stream().filter(StoredSubmission::valid).toList();
        if (valid.isEmpty()) {
            String errors = verified.stream().map(StoredSubmission::validationError).distinct().sorted()
                    .collect(Collectors.joining("; "));
            return new Decided(Reason.INVALID, "The verifier rejected " + (verified.size() == 1 ? "the" : "every")
                    + " verified submission: " + errors + ".");
        }
        if (valid.stream().noneMatch(BatchSubmissions::usable)) {
            return new Decided(Reason.UNUSABLE, "The valid submissions carry no usable state hash or key (missing, or"
                    + " longer than any Mina hash): they could not be scored.");
        }
        // valid submissions are stored submissions: the batch was scored again above
        return new Decided(Reason.NOT_NEAR_CONSENSUS, consensusDetail(valid, recounted));
    }

    private static String pointDetail(List<StoredSubmission> own, Map<String, Integer> shortlist) {
        return own.stream().filter(s -> s.stateHash() != null && shortlist.containsKey(s.stateHash())).findFirst()
                .map(s -> "Submitted state hash " + s.stateHash() + (s.height() == null ? "" : " at height " + s.height())
                        + ", on the batch's shortlist with weight " + shortlist.get(s.stateHash()) + ".")
                .orElse("A point is stored for this batch; the submission that earned it is no longer stored.");
    }

    private static String consensusDetail(List<StoredSubmission> valid, BatchRecount.Result recounted) {
        TreeSet<Long> own = valid.stream().map(StoredSubmission::height).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<Long> shortlisted = new TreeSet<>(recounted.shortlistedHeights().values());
        return "The state hashes submitted (" + (own.isEmpty() ? "no height" : "height " + range(own))
                + ") are not on the batch's shortlist of hashes close to the network's consensus ("
                + (shortlisted.isEmpty() ? "empty" : "height " + range(shortlisted)) + "): the node was likely"
                + " on a fork, behind, or not synced.";
    }

    private static String range(TreeSet<Long> heights) {
        return heights.first().equals(heights.last()) ? String.valueOf(heights.first())
                : heights.first() + " to " + heights.last();
    }

    private static String count(int submissions) {
        return submissions == 1 ? "1 submission" : submissions + " submissions";
    }
}
