-- points_summary filled once per INSERT statement instead of once per row: the same rows
-- for any writer (the reference coordinator included), but a batch's thousands of points
-- no longer run thousands of trigger calls, each with its own INSERT ... ON CONFLICT.
CREATE OR REPLACE FUNCTION fn_update_point_summary_per_statement()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    INSERT INTO points_summary (bot_log_id, node_id)
    SELECT DISTINCT bot_log_id, node_id FROM new_points
    ON CONFLICT (bot_log_id, node_id) DO NOTHING;
    RETURN NULL;
END;
$function$;

DROP TRIGGER IF EXISTS trg_after_insert_points ON points;
CREATE TRIGGER trg_after_insert_points
AFTER INSERT ON points
REFERENCING NEW TABLE AS new_points
FOR EACH STATEMENT
EXECUTE FUNCTION fn_update_point_summary_per_statement();
