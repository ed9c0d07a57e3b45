-- A database as the reference coordinator leaves it after its create_tables.sql: the same
-- tables, columns, types, indexes, trigger and cleanup function, and no Flyway history.
-- Written independently of sql/V1__reference_schema.sql (plain CREATE, no IF NOT EXISTS),
-- so that a slip in the migration shows up as a difference.

CREATE TABLE bot_logs (
    id SERIAL PRIMARY KEY,
    processing_time DOUBLE PRECISION,
    files_processed INT,
    file_timestamps TIMESTAMPTZ(6),
    batch_start_epoch BIGINT,
    batch_end_epoch BIGINT
);

CREATE TABLE statehash (
    id SERIAL PRIMARY KEY,
    value TEXT
);
CREATE UNIQUE INDEX uq_state_hash ON statehash USING btree (value);

CREATE TABLE bot_logs_statehash (
    id SERIAL PRIMARY KEY,
    parent_statehash_id INT,
    statehash_id INT,
    weight INT NOT NULL,
    bot_log_id INT,
    CONSTRAINT fk_parent_statehash FOREIGN KEY (parent_statehash_id) REFERENCES statehash (id),
    CONSTRAINT fk_statehash FOREIGN KEY (statehash_id) REFERENCES statehash (id),
    CONSTRAINT fk_bot_log FOREIGN KEY (bot_log_id) REFERENCES bot_logs (id)
);

CREATE TABLE nodes (
    id SERIAL PRIMARY KEY,
    block_producer_key TEXT,
    updated_at TIMESTAMPTZ(6),
    score INT,
    score_percent NUMERIC(5, 2),
    discord_id TEXT,
    email_id TEXT,
    application_status BOOLEAN
);

CREATE TABLE points (
    id SERIAL PRIMARY KEY,
    file_name TEXT,
    file_timestamps TIMESTAMPTZ(6),
    blockchain_epoch BIGINT,
    blockchain_height BIGINT,
    amount INT,
    created_at TIMESTAMPTZ(6),
    node_id INT,
    bot_log_id INT,
    statehash_id INT,
    CONSTRAINT fk_nodes FOREIGN KEY (node_id) REFERENCES nodes (id),
    CONSTRAINT fk_bot_log FOREIGN KEY (bot_log_id) REFERENCES bot_logs (id),
    CONSTRAINT fk_statehashes FOREIGN KEY (statehash_id) REFERENCES statehash (id)
);

CREATE TABLE score_history (
    id SERIAL PRIMARY KEY,
    node_id INT,
    score_at TIMESTAMP(6),
    score INT,
    score_percent NUMERIC(5, 2),
    CONSTRAINT fk_nodes FOREIGN KEY (node_id) REFERENCES nodes (id)
);
CREATE UNIQUE INDEX uq_sh_node_score_at ON score_history USING btree (node_id, score_at);

CREATE TABLE submissions (
    id SERIAL PRIMARY KEY,
    submitted_at_date DATE NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    submitter TEXT NOT NULL,
    created_at TIMESTAMP,
    block_hash TEXT,
    remote_addr TEXT,
    peer_id TEXT,
    snark_work BYTEA,
    graphql_control_port INT,
    built_with_commit_sha TEXT,
    state_hash TEXT,
    parent TEXT,
    height INTEGER,
    slot INTEGER,
    validation_error TEXT,
    verified BOOLEAN
);
CREATE UNIQUE INDEX uq_submissions_submitter_date ON submissions USING btree (submitter, submitted_at);
CREATE INDEX idx_submissions_submitter_date ON submissions (submitter, submitted_at_date);
CREATE INDEX idx_submissions_submitter_datetime ON submissions (submitter, submitted_at DESC);

CREATE TABLE points_summary (
    bot_log_id INT NOT NULL,
    node_id INT NOT NULL
);
CREATE UNIQUE INDEX uq_ps_bot_log_node ON points_summary USING btree (bot_log_id, node_id);

-- Every point also marks its (batch, producer) in points_summary, once.
CREATE FUNCTION fn_update_point_summary() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    INSERT INTO points_summary (bot_log_id, node_id) VALUES (NEW.bot_log_id, NEW.node_id)
    ON CONFLICT (bot_log_id, node_id) DO NOTHING;
    RETURN NEW;
END;
$body$;

CREATE TRIGGER trg_after_insert_points AFTER INSERT ON points
FOR EACH ROW EXECUTE FUNCTION fn_update_point_summary();

-- Removes batches (and what hangs off them) and submissions older than days_ago days,
-- then state hashes nothing refers to; each count is reported as a NOTICE.
CREATE FUNCTION cleanup_old_data(days_ago INTEGER) RETURNS void LANGUAGE plpgsql AS $body$
DECLARE
    cutoff_epoch BIGINT := EXTRACT(EPOCH FROM (NOW() - days_ago * INTERVAL '1 day'))::BIGINT;
    cutoff_date DATE := (NOW() - days_ago * INTERVAL '1 day')::DATE;
    n INT;
BEGIN
    DELETE FROM points_summary WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < cutoff_epoch);
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Deleted % rows from points_summary', n;
    DELETE FROM points WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < cutoff_epoch);
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Deleted % rows from points', n;
    DELETE FROM bot_logs_statehash WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < cutoff_epoch);
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Deleted % rows from bot_logs_statehash', n;
    DELETE FROM bot_logs WHERE batch_start_epoch < cutoff_epoch;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Deleted % rows from bot_logs', n;
    DELETE FROM submissions WHERE submitted_at_date < cutoff_date;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Deleted % rows from submissions', n;
    DELETE FROM statehash
    WHERE id NOT IN (SELECT statehash_id FROM bot_logs_statehash)
      AND id NOT IN (SELECT parent_statehash_id FROM bot_logs_statehash)
      AND id NOT IN (SELECT statehash_id FROM points);
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Deleted % rows from statehash', n;
END;
$body$;
