package org.minafoundation.uptime.status;

/**
 * One applicant of the delegation program as the spreadsheet lists them: the block
 * producer key (validated) and the contact details to store with the node, either of
 * which may be {@code null} when its cell is blank.
 */
public record NodeContact(String blockProducerKey, String discordId, String email) {
}
