package org.minafoundation.uptime.status;

/**
 * What one sync changed in {@code nodes}.
 *
 * @param applied      keys of the sheet that match a node (all of them now have application_status = true)
 * @param changed      nodes whose status or contact details actually changed
 * @param unknown      keys of the sheet that match no node yet (applied by a later sync, once the node exists)
 * @param unset        nodes set to application_status = false because the sheet no longer lists them
 *                     (only with APPLICATION_STATUS_AUTHORITATIVE=1)
 * @param unsetRefused authoritative mode, but the sheet listed no valid key: nothing was unset
 */
public record AppliedStatuses(int applied, int changed, int unknown, int unset, boolean unsetRefused) {
}
