-- cleanup_old_data as the reference defines it, but with NOT EXISTS where it used NOT IN:
-- one NULL reference (a shortlisted hash whose parent is unknown) made NOT IN match
-- nothing, so no state hash was ever deleted. Same name, arguments and notices.
CREATE OR REPLACE FUNCTION cleanup_old_data(days_ago INTEGER)
RETURNS void AS $$
DECLARE
  threshold_epoch BIGINT;
  threshold_date DATE;
  points_summary_deleted INT;
  points_deleted INT;
  bot_logs_statehash_deleted INT;
  bot_logs_deleted INT;
  submissions_deleted INT;
  statehash_deleted INT;
BEGIN
  SELECT EXTRACT(EPOCH FROM (NOW() - INTERVAL '1 day' * days_ago))::BIGINT INTO threshold_epoch;
  SELECT (NOW() - INTERVAL '1 day' * days_ago)::DATE INTO threshold_date;
  RAISE NOTICE 'Cleaning up data older than % days ago', days_ago;
  RAISE NOTICE 'Threshold epoch: %', threshold_epoch;
  RAISE NOTICE 'Threshold date: %', threshold_date;

  WITH del AS (
    DELETE FROM points_summary
    WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < threshold_epoch)
    RETURNING 1)
  SELECT COUNT(*) INTO points_summary_deleted FROM del;
  RAISE NOTICE 'Deleted % rows from points_summary', points_summary_deleted;

  WITH del AS (
    DELETE FROM points
    WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < threshold_epoch)
    RETURNING 1)
  SELECT COUNT(*) INTO points_deleted FROM del;
  RAISE NOTICE 'Deleted % rows from points', points_deleted;

  WITH del AS (
    DELETE FROM bot_logs_statehash
    WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < threshold_epoch)
    RETURNING 1)
  SELECT COUNT(*) INTO bot_logs_statehash_deleted FROM del;
  RAISE NOTICE 'Deleted % rows from bot_logs_statehash', bot_logs_statehash_deleted;

  WITH del AS (
    DELETE FROM bot_logs
    WHERE batch_start_epoch < threshold_epoch
    RETURNING 1)
  SELECT COUNT(*) INTO bot_logs_deleted FROM del;
  RAISE NOTICE 'Deleted % rows from bot_logs', bot_logs_deleted;

  WITH del AS (
    DELETE FROM submissions
    WHERE submitted_at_date < threshold_date
    RETURNING 1)
  SELECT COUNT(*) INTO submissions_deleted FROM del;
  RAISE NOTICE 'Deleted % rows from submissions', submissions_deleted;

  WITH del AS (
    DELETE FROM statehash s
    WHERE NOT EXISTS (SELECT 1 FROM bot_logs_statehash b WHERE b.statehash_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM bot_logs_statehash b WHERE b.parent_statehash_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM points p WHERE p.statehash_id = s.id)
    RETURNING 1)
  SELECT COUNT(*) INTO statehash_deleted FROM del;
  RAISE NOTICE 'Deleted % rows from statehash', statehash_deleted;

  RAISE NOTICE 'Cleanup summary: % points_summary, % points, % bot_logs_statehash, % bot_logs, % submissions, % statehash',
    points_summary_deleted, points_deleted, bot_logs_statehash_deleted, bot_logs_deleted, submissions_deleted, statehash_deleted;
END;
$$ LANGUAGE plpgsql;
