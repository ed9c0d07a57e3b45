-- Where the scoreboard in nodes stands: the window it was last computed for. The next
-- batch then adds the batches entering the window and subtracts those leaving it, instead
-- of recounting up to 90 days of points. Any delete of points or batches (cleanup, rescore,
-- a manual fix) forgets it, and the next batch recounts the whole window once.
CREATE TABLE IF NOT EXISTS scoreboard_window (
    only_row    BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    end_epoch   BIGINT NOT NULL,
    uptime_days INT NOT NULL,
    surveys     BIGINT NOT NULL
);

CREATE OR REPLACE FUNCTION fn_forget_scoreboard_window()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    DELETE FROM scoreboard_window;
    RETURN NULL;
END;
$function$;

CREATE OR REPLACE TRIGGER trg_points_summary_delete_forgets_window
AFTER DELETE OR TRUNCATE ON points_summary
FOR EACH STATEMENT
EXECUTE FUNCTION fn_forget_scoreboard_window();

CREATE OR REPLACE TRIGGER trg_bot_logs_delete_forgets_window
AFTER DELETE OR TRUNCATE ON bot_logs
FOR EACH STATEMENT
EXECUTE FUNCTION fn_forget_scoreboard_window();

-- score_percent as SPEC §7 defines it: truncated, never rounded, in exact decimals.
CREATE OR REPLACE FUNCTION uptime_percent(score BIGINT, surveys BIGINT)
RETURNS NUMERIC
LANGUAGE sql
IMMUTABLE
AS $function$
    SELECT CASE WHEN surveys = 0 THEN 0 ELSE trunc(score::numeric * 100 / surveys, 2) END
$function$;

-- The history of one batch end is replaced as a whole by rescore (and read so by dashboards).
CREATE INDEX IF NOT EXISTS idx_score_history_score_at ON score_history (score_at);

-- How far an unfinished rescore got: running the same rescore again continues after it.
CREATE TABLE IF NOT EXISTS rescore_progress (
    only_row       BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    from_epoch     BIGINT NOT NULL,
    to_epoch       BIGINT NOT NULL,
    done_end_epoch BIGINT NOT NULL
);
