-- Indexes the reference lacks and a production database needs: the coordinator looks up
-- producers by key, a batch's points and shortlist by batch id, and the newest batch by
-- its end epoch, on tables that grow by thousands of rows a day.
CREATE INDEX IF NOT EXISTS idx_nodes_block_producer_key ON nodes (block_producer_key);
CREATE INDEX IF NOT EXISTS idx_points_bot_log_id ON points (bot_log_id);
CREATE INDEX IF NOT EXISTS idx_points_node_id ON points (node_id);
CREATE INDEX IF NOT EXISTS idx_bot_logs_batch_end_epoch ON bot_logs (batch_end_epoch);
CREATE INDEX IF NOT EXISTS idx_bot_logs_batch_start_epoch ON bot_logs (batch_start_epoch);
CREATE INDEX IF NOT EXISTS idx_bot_logs_statehash_bot_log_id ON bot_logs_statehash (bot_log_id);
CREATE INDEX IF NOT EXISTS idx_submissions_submitted_at ON submissions (submitted_at);
