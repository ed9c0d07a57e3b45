-- An interrupted rescore continues only with the score window it started with: batches
-- already rescored with another UPTIME_DAYS_FOR_SCORE would otherwise keep the old window's
-- history. NULL (a mark written before this column): the window is not known, any matches.
ALTER TABLE rescore_progress ADD COLUMN IF NOT EXISTS uptime_days INT;
