package org.minafoundation.uptime.status;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.minafoundation.uptime.store.Transaction;

/**
 * Writes what the spreadsheet says into {@code nodes}, all of it in one transaction:
 * application_status = true with the contact details for every listed key that has a
 * node; with {@code authoritative}, application_status = false for every other node that
 * had it. Keys without a node are only counted: the sync runs before every batch, so they
 * get their status on the first sync after the batch that creates their node.
 */
public final class ApplicationStatusStore {

    /** One statement for the whole sheet; rows whose values are already right are left alone. */
    private static final String APPLY = """
            WITH sheet AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) AS s(key, discord_id, email_id)
            ), changed AS (
                UPDATE nodes n SET application_status = true, discord_id = s.discord_id, email_id = s.email_id
                FROM sheet s
                WHERE n.block_producer_key = s.key
                  AND (n.application_status, n.discord_id, n.email_id)
                      IS DISTINCT FROM (true, s.discord_id, s.email_id)
                RETURNING n.id
            )
            SELECT (SELECT count(*) FROM sheet s WHERE EXISTS
                        (SELECT 1 FROM nodes n WHERE n.block_producer_key = s.key)),
                   (SELECT count(*) FROM changed)
            """;

    /** Authoritative mode: the sheet is the whole list, so whoever left it loses the status. */
    private static final String UNSET_OTHERS = """
            UPDATE nodes SET application_status = false
            WHERE application_status
              AND (block_producer_key IS NULL OR block_producer_key <> ALL (?::text[]))
            """;

    private final DataSource dataSource;
    private final boolean authoritative;

    public ApplicationStatusStore(DataSource dataSource, boolean authoritative) {
        this.dataSource = dataSource;
        this.authoritative = authoritative;
    }

    public AppliedStatuses apply(ApplicationStatuses statuses) throws SQLException {
        List<NodeContact> contacts = statuses.contacts();
        return Transaction.of(dataSource, connection -> {
            Array keys = texts(connection, contacts, NodeContact::blockProducerKey);
            int applied;
            int changed;
            try (PreparedStatement apply = connection.prepareStatement(APPLY)) {
                apply.setArray(1, keys);
                apply.setArray(2, texts(connection, contacts, NodeContact::discordId));
                apply.setArray(3, texts(connection, contacts, NodeContact::email));
                try (ResultSet result = apply.executeQuery()) {
                    result.next();
                    applied = result.getInt(1);
                    changed = result.getInt(2);
                }
            }
            int unset = 0;
            // An empty list is far likelier a broken sheet than a program with no applicant left.
            boolean refused = authoritative && contacts.isEmpty();
            if (authoritative && !refused) {
                try (PreparedStatement unsetOthers = connection.prepareStatement(UNSET_OTHERS)) {
                    unsetOthers.setArray(1, keys);
                    unset = unsetOthers.executeUpdate();
                }
            }
            return new AppliedStatuses(applied, changed, contacts.size() - applied, unset, refused);
        });
    }

    private static Array texts(Connection connection, List<NodeContact> contacts, Function<NodeContact, String> field)
            throws SQLException {
        return connection.createArrayOf("text", contacts.stream().map(field).toArray());
    }
}
