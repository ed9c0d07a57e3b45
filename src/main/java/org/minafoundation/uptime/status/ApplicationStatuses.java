package org.minafoundation.uptime.status;

import java.util.List;

/**
 * What one read of the spreadsheet says: the applicants to mark (one per key, the last row
 * wins), and what was left out and why.
 *
 * @param contacts       one per distinct valid key, in sheet order
 * @param rows           data rows below the header, blank ones included
 * @param emptyKeys      rows without a block producer key (blank rows too)
 * @param malformedKeyRows sheet row numbers (1-based, the header is row 1) whose key is not a public key
 * @param duplicateKeys  rows whose key an earlier row already gave (the later row wins)
 */
public record ApplicationStatuses(
        List<NodeContact> contacts, int rows, int emptyKeys, List<Integer> malformedKeyRows, int duplicateKeys) {

    public ApplicationStatuses {
        contacts = List.copyOf(contacts);
        malformedKeyRows = List.copyOf(malformedKeyRows);
    }

    public int skipped() {
        return emptyKeys + malformedKeyRows.size();
    }
}
