-- Forget the remembered scoreboard window only when the delete can change it: rows of a
-- batch that starts inside it (or later). cleanup_old_data deletes batches older than the
-- window every day; with V4's triggers each such cleanup cost the next batch a recount of
-- the whole window (seconds at 90 days x 5,000 producers). Windows only move forward, and
-- a longer window is recounted anyway (uptime_days differs), so older batches never count again.
CREATE OR REPLACE FUNCTION fn_forget_scoreboard_window_for_points()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    DELETE FROM scoreboard_window w
    WHERE EXISTS (SELECT 1 FROM deleted_points d JOIN bot_logs b ON b.id = d.bot_log_id
                  WHERE b.batch_start_epoch >= w.end_epoch - w.uptime_days * 86400::bigint);
    RETURN NULL;
END;
$function$;

CREATE OR REPLACE FUNCTION fn_forget_scoreboard_window_for_batches()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    DELETE FROM scoreboard_window w
    WHERE EXISTS (SELECT 1 FROM deleted_batches d
                  WHERE d.batch_start_epoch >= w.end_epoch - w.uptime_days * 86400::bigint);
    RETURN NULL;
END;
$function$;

DROP TRIGGER IF EXISTS trg_points_summary_delete_forgets_window ON points_summary;
CREATE TRIGGER trg_points_summary_delete_forgets_window
AFTER DELETE ON points_summary
REFERENCING OLD TABLE AS deleted_points
FOR EACH STATEMENT
EXECUTE FUNCTION fn_forget_scoreboard_window_for_points();

DROP TRIGGER IF EXISTS trg_bot_logs_delete_forgets_window ON bot_logs;
CREATE TRIGGER trg_bot_logs_delete_forgets_window
AFTER DELETE ON bot_logs
REFERENCING OLD TABLE AS deleted_batches
FOR EACH STATEMENT
EXECUTE FUNCTION fn_forget_scoreboard_window_for_batches();

-- TRUNCATE has no rows to look at: it always forgets.
CREATE TRIGGER trg_points_summary_truncate_forgets_window
AFTER TRUNCATE ON points_summary
FOR EACH STATEMENT
EXECUTE FUNCTION fn_forget_scoreboard_window();

CREATE TRIGGER trg_bot_logs_truncate_forgets_window
AFTER TRUNCATE ON bot_logs
FOR EACH STATEMENT
EXECUTE FUNCTION fn_forget_scoreboard_window();
