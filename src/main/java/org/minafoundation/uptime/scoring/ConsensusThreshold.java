package org.minafoundation.uptime.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state hashes sent by at least {@code T = round(share * D, 2)} distinct producers, D
 * being the number of distinct producers of the batch. Exact decimals: with 20 producers
 * T is 1.00, so a hash sent by a single producer qualifies.
 */
public final class ConsensusThreshold {

    public static final BigDecimal DEFAULT_SHARE = new BigDecimal("0.05");

    private ConsensusThreshold() {
    }

    public static BigDecimal threshold(int distinctProducers, BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(distinctProducers)).setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * The qualifying hashes, most-submitted first (by number of rows carrying the hash;
     * ties keep load order, which on real chains does not change the outcome).
     */
    public static List<String> candidates(List<Submission> rows, BigDecimal share) {
        Map<String, Integer> rowCounts = new LinkedHashMap<>();
        Map<String, Set<String>> producers = new HashMap<>();
        Set<String> allProducers = new HashSet<>();
        for (Submission row : rows) {
            rowCounts.merge(row.stateHash(), 1, Integer::sum);
            producers.computeIfAbsent(row.stateHash(), h -> new HashSet<>()).add(row.submitter());
            allProducers.add(row.submitter());
        }
        BigDecimal threshold = threshold(allProducers.size(), share);
        List<String> byRowCount = new ArrayList<>(rowCounts.keySet());
        byRowCount.sort((a, b) -> Integer.compare(rowCounts.get(b), rowCounts.get(a)));
        List<String> candidates = new ArrayList<>();
        for (String hash : byRowCount) {
            if (BigDecimal.valueOf(producers.get(hash).size()).compareTo(threshold) >= 0) {
                candidates.add(hash);
            }
        }
        return candidates;
    }
}
