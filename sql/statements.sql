-- Named statements, one per "-- name: NAME" marker. The build turns this
-- file into an indexed table (STMT_NAME) that the store prepares once per
-- connection. Parameters are bound by position.

-- name: TAXONOMY_ALL
SELECT enumeration, code, label, ord FROM taxonomy
ORDER BY enumeration, ord, code;

-- name: REPORT_INSERT
INSERT INTO reports (id, receipt_hash, state, received, event_type,
	category, harm, merp_category, occurred_at, location, description,
	immediate_actions, reporter_role)
VALUES (?1, ?2, 'new', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);

-- name: FACTOR_INSERT
INSERT INTO report_factors (report_id, factor) VALUES (?1, ?2);

-- name: FOLLOWUP_BY_RECEIPT
SELECT id, state, received, outcome FROM reports WHERE receipt_hash = ?1;

-- name: MESSAGES_FOR_REPORT
SELECT seq, sender, sent, body FROM messages WHERE report_id = ?1
ORDER BY seq;

-- name: BEGIN
BEGIN IMMEDIATE;

-- name: COMMIT
COMMIT;

-- name: ROLLBACK
ROLLBACK;
