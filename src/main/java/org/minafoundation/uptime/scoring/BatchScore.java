package org.minafoundation.uptime.scoring;

import java.util.List;
import java.util.Map;

/**
 * What scoring decided for one batch.
 *
 * @param consensusCandidates hashes sent by enough distinct producers (C), in queue order
 * @param shortlist every graph node of weight at most 2, with its final weight
 * @param pointRows the submissions that earn a point (state hash in the shortlist), in load order
 * @param nextShortlist the shortlisted hashes of this batch's own submissions, kept for the next batch
 */
public record BatchScore(
        List<String> consensusCandidates,
        Map<String, Integer> shortlist,
        List<Submission> pointRows,
        List<ShortlistEntry> nextShortlist) {
}
