-- Named statements, one per "-- name: NAME" marker. The build turns this
-- file into an indexed table (STMT_NAME) that the store prepares once per
-- connection. Parameters are bound by position.

-- name: TAXONOMY_ALL
SELECT enumeration, code, label, ord FROM taxonomy
ORDER BY enumeration, ord, code;

-- A new case has two deadlines pending, triage and feedback: its
-- next_due and escalate_due (sql/005_deadlines.sql) are the earlier.
-- name: REPORT_INSERT
INSERT INTO reports (id, receipt_hash, state, received, event_type,
	category, harm, merp_category, occurred_at, location, description,
	immediate_actions, reporter_role, triage_due, feedback_due, next_due,
	escalate_due)
VALUES (?1, ?2, 'new', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
	min(?13, ?14), min(?13, ?14));

-- name: FACTOR_INSERT
INSERT INTO report_factors (report_id, factor) VALUES (?1, ?2);

-- name: FOLLOWUP_BY_RECEIPT
SELECT id, state, received, outcome FROM reports WHERE receipt_hash = ?1;

-- name: CLOCK_SET
UPDATE temp.clock SET today = ?1;

-- Ids are lower-case hex and '-', all below 'g': a prefix's range.
-- name: REPORT_RESOLVE
SELECT id FROM reports WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2;

-- name: ACTION_RESOLVE
SELECT id FROM actions WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2;

-- The whole case as one JSON object (GET /v1/reports/{id}). due_items
-- is asked for ?1, not r.id: correlated with a row, it is read whole.
-- Of its messages, a page: the latest ?2 numbered below ?3.
-- name: CASE_GET
SELECT json_object(
	'id', r.id, 'state', r.state, 'received', r.received,
	'report', json_object('event_type', r.event_type,
		'category', r.category, 'harm', r.harm,
		'merp_category', r.merp_category,
		'occurred_at', r.occurred_at, 'location', r.location,
		'description', r.description,
		'immediate_actions', r.immediate_actions,
		'contributing_factors', json((SELECT json_group_array(factor)
			FROM (SELECT factor FROM report_factors
			WHERE report_id = r.id ORDER BY factor))),
		'reporter_role', r.reporter_role),
	'sac_score', r.sac_score,
	'rca_required', json(iif(r.rca_required, 'true', 'false')),
	'triage', json((SELECT json_object('severity', t.severity,
		'probability', t.probability,
		'sentinel', json(iif(t.sentinel, 'true', 'false')),
		'blameworthy', json(iif(t.blameworthy, 'true', 'false')),
		'note', t.note, 'sac_score', t.sac_score, 'at', t.at,
		'by', t.by) FROM triage t WHERE t.report_id = r.id)),
	'rca', json((SELECT json_object('team', json(c.team),
		'timeline', json(c.timeline), 'causes', json(c.causes),
		'complete', json(iif(c.complete, 'true', 'false')),
		'started', c.started, 'completed', c.completed)
		FROM rca c WHERE c.report_id = r.id)),
	'actions', json((SELECT json_group_array(json_object('id', a.id,
		'description', a.description, 'strength', a.strength,
		'owner', a.owner, 'measure', a.measure, 'target', a.target,
		'measure_by', a.measure_by, 'due', a.due, 'status', a.status,
		'note', a.note, 'reason', a.reason, 'created', a.created,
		'overdue', json(iif(a.status = 'open' AND a.due <
			(SELECT today FROM temp.clock), 'true', 'false'))))
		FROM (SELECT * FROM actions WHERE report_id = r.id
		ORDER BY seq) a)),
	'messages', json((SELECT json_group_array(json_object('n', m.seq,
		'from', m.sender, 'sent', m.sent, 'text', m.body))
		FROM (SELECT * FROM (SELECT * FROM messages
		WHERE report_id = r.id AND seq < ?3 ORDER BY seq DESC
		LIMIT ?2) ORDER BY seq) m)),
	'messages_total', (SELECT count(*) FROM messages
		WHERE report_id = r.id),
	'outcome', r.outcome, 'rationale', r.rationale, 'closed', r.closed_on,
	'due', json((SELECT json_group_object(what, due) FROM due_items
		WHERE report_id = ?1)),
	'overdue', json((SELECT json_group_array(what) FROM overdue_items
		WHERE report_id = ?1)),
	'audit', json((SELECT json_group_array(json_object('seq', u.seq,
		'at', u.at, 'role', u.role, 'actor', u.actor,
		'change', json(u.change)))
		FROM (SELECT * FROM audit WHERE report_id = r.id
		ORDER BY seq) u)))
FROM reports r WHERE r.id = ?1;

-- The reviewer's queue, a page at a time: ?1 to ?4 the states listed
-- (NULL for none), ?5 1 for overdue cases only, ?6 to ?10 the key of the
-- last case of the page before (0, 0, '', '', '' for the first), ?11 the
-- most rows, ?12 a category, ?13 a harm, ?14 the first day received
-- (NULL: any), ?15 today (bound, so that it bounds a range of the index).
-- Overdue first (next deadline before today), then the most harmful
-- (the rank of sql/011_queue_harm.sql, 0 to 6), then by the next
-- deadline, then oldest first. Each state's page is read from
-- reports_queue_harm in order, in 14 parts: for each rank, the range of
-- next_due before today (overdue) and the range from today on. The 56
-- parts are merged, and only the page's cases are looked at further.
-- The filters skip rows as the index is read. Besides the case, each
-- row gives its key.
-- name: QUEUE
WITH page AS (
	SELECT * FROM (SELECT id, 0 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?1 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?2 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?3 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 0 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') < ?15 AND ?6 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (0, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 0 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 0
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 0, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 1 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 1
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 1, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 2 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 2
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 2, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 3 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 3
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 3, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 4 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 4
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 4, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 5 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 5
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 5, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	UNION ALL
	SELECT * FROM (SELECT id, 1 AS o, 6 AS k,
		ifnull(next_due, 'none') AS d, received
		FROM reports INDEXED BY reports_queue_harm
		WHERE state = ?4 AND min(CASE harm WHEN 'death' THEN 0 WHEN 'severe' THEN 1
			WHEN 'moderate' THEN 2 WHEN 'mild' THEN 3
			WHEN 'unknown' THEN 4 WHEN 'none' THEN 5 ELSE 6 END,
		    CASE sac_score WHEN 3 THEN 1 WHEN 2 THEN 2 WHEN 1 THEN 3
			ELSE 6 END) = 6
		AND ifnull(next_due, 'none') >= ?15 AND ?5 = 0 AND (?12 IS NULL OR category = ?12)
		AND (?13 IS NULL OR harm = ?13) AND (?14 IS NULL OR received >= ?14)
		AND (1, 6, d, received, id) > (?6, ?7, ?8, ?9, ?10)
		ORDER BY 4, 5, 1 LIMIT ?11)
	ORDER BY 2, 3, 4, 5, 1 LIMIT ?11)
SELECT json_object('id', r.id, 'state', r.state, 'received', r.received,
	'age_days', CAST(julianday((SELECT today FROM temp.clock)) -
		julianday(r.received) AS INTEGER),
	'event_type', r.event_type, 'category', r.category, 'harm', r.harm,
	'sac_score', r.sac_score, 'next_due', r.next_due,
	'location', r.location,
	'description', substr(r.description, 1, 200)),
	p.o, p.k, p.d, p.received, p.id
FROM page p JOIN reports r ON r.id = p.id
ORDER BY p.o, p.k, p.d, p.received, p.id;

-- What a queue's case has pending: ?1 its id. (Bound, not correlated
-- with a row: a correlated due_items would be read whole for each.)
-- The third column is 1 when the reporter wrote last: a reply that no
-- reviewer has answered yet.
-- name: QUEUE_DUE
SELECT (SELECT iif(what LIKE 'action:%', 'action', what) FROM due_items
		WHERE report_id = ?1 ORDER BY due LIMIT 1),
	(SELECT json_group_array(DISTINCT iif(what LIKE 'action:%', 'action',
		what)) FROM overdue_items WHERE report_id = ?1),
	ifnull((SELECT sender = 'reporter' FROM messages WHERE report_id = ?1
		ORDER BY seq DESC LIMIT 1), 0);

-- What the workflow's plans know of a case (struct case_facts): its
-- state, triage, RCA and deadlines, whether a reviewer has written to
-- the reporter, and one row for each status and strength of its actions
-- with their number (one row of NULLs there when it has none).
-- name: CASE_FACTS
SELECT r.state, r.sac_score, r.rca_required, t.sentinel, t.blameworthy,
	c.report_id IS NOT NULL, c.complete,
	EXISTS (SELECT 1 FROM messages m WHERE m.report_id = ?1
		AND m.sender = 'reviewer'),
	r.rca_start_due, r.rca_due, a.status, a.strength, a.n
FROM reports r
LEFT JOIN triage t ON t.report_id = r.id
LEFT JOIN rca c ON c.report_id = r.id
LEFT JOIN (SELECT status, strength, count(*) AS n FROM actions
	WHERE report_id = ?1 GROUP BY 1, 2) a ON 1
WHERE r.id = ?1;

-- A case moved as its plan decided, with the RCA's deadlines the plan
-- gave it: ?1 id, ?2 the new state, ?3 the state it must still be in,
-- ?4 rca_start_due, ?5 rca_due. No row changed: it moved meanwhile.
-- name: CASE_MOVE
UPDATE reports SET state = ?2, rca_start_due = ?4, rca_due = ?5
WHERE id = ?1 AND state = ?3;

-- A case's deadlines, kept by the store around each write to it
-- (sql/009_case_deadlines.sql): before the write, what the case has
-- pending leaves due_counts (CASE_DUE_TAKE); after it, what it has
-- pending then is counted (CASE_DUE_PUT), and its next deadline and the
-- earliest not yet escalated are set (CASE_DUE_SET). ?1 is its id; the
-- views are asked for ?1, never correlated with a row.
-- name: CASE_DUE_TAKE
UPDATE due_counts SET n = due_counts.n - p.pending
FROM (SELECT kind, due, count(*) AS pending FROM case_counted
	WHERE report_id = ?1 GROUP BY 1, 2) p
WHERE due_counts.received = (SELECT received FROM reports WHERE id = ?1)
AND due_counts.kind = p.kind AND due_counts.due = p.due;

-- name: CASE_DUE_PUT
INSERT INTO due_counts (received, kind, due, n)
SELECT (SELECT received FROM reports WHERE id = ?1), kind, due, count(*)
FROM case_counted WHERE report_id = ?1 GROUP BY 2, 3
ON CONFLICT DO UPDATE SET n = n + excluded.n;

-- name: CASE_DUE_SET
UPDATE reports SET
	next_due = (SELECT min(due) FROM case_due WHERE report_id = ?1),
	escalate_due = (SELECT min(d.due) FROM case_due d
		WHERE d.report_id = ?1 AND NOT EXISTS (SELECT 1
		FROM escalations e WHERE e.report_id = ?1 AND e.what = d.what))
WHERE id = ?1;

-- A triage, or its correction (a retriage replaces it; the audit keeps
-- the score it replaced).
-- name: TRIAGE_INSERT
INSERT INTO triage (report_id, severity, probability, sentinel, blameworthy,
	note, sac_score, at, by)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT (report_id) DO UPDATE SET severity = excluded.severity,
	probability = excluded.probability, sentinel = excluded.sentinel,
	blameworthy = excluded.blameworthy, note = excluded.note,
	sac_score = excluded.sac_score, at = excluded.at, by = excluded.by;

-- name: REPORT_TRIAGED
UPDATE reports SET sac_score = ?2, rca_required = ?3 WHERE id = ?1;

-- name: RCA_PUT
INSERT INTO rca (report_id, team, timeline, causes, complete, started,
	completed)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, iif(?5, ?6, NULL))
ON CONFLICT (report_id) DO UPDATE SET team = excluded.team,
	timeline = excluded.timeline, causes = excluded.causes,
	complete = excluded.complete,
	completed = iif(excluded.complete, coalesce(rca.completed,
		excluded.started), NULL);

-- name: ACTION_INSERT
INSERT INTO actions (id, report_id, seq, description, strength, owner,
	measure, target, measure_by, due, created)
VALUES (?1, ?2, (SELECT count(*) + 1 FROM actions WHERE report_id = ?2),
	?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);

-- name: ACTION_GET
SELECT report_id, status FROM actions WHERE id = ?1;

-- ?1 id, ?2 new status, ?3 note, ?4 reason, ?5 today, ?6 old status.
-- name: ACTION_UPDATE
UPDATE actions SET status = ?2, note = coalesce(?3, note),
	reason = coalesce(?4, reason),
	done_on = iif(?2 = 'done' AND ?6 != 'done', ?5, done_on),
	verified_on = iif(?2 LIKE 'verified_%', ?5, verified_on)
WHERE id = ?1 AND status = ?6;

-- name: MESSAGE_INSERT
INSERT INTO messages (report_id, seq, sender, sent, body)
VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM messages
	WHERE report_id = ?1), ?2, ?3, ?4);

-- Written before the case moves to closed: the close_days count
-- (sql/004_summary.sql) reads closed_on as the state changes.
-- name: REPORT_OUTCOME
UPDATE reports SET outcome = ?2, rationale = ?3, closed_on = ?4
WHERE id = ?1;

-- name: AUDIT_LAST
SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1;

-- name: AUDIT_INSERT
INSERT INTO audit (seq, report_id, at, role, actor, change, prev_hash, hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);

-- name: AUDIT_ALL
SELECT seq, report_id, at, role, actor, change, prev_hash, hash
FROM audit ORDER BY seq;

-- Cases with something overdue not yet escalated, by their earliest
-- such deadline (reports_escalate), then the items of each.
-- name: ESCALATE_CASES
SELECT id, state FROM reports
WHERE escalate_due < (SELECT today FROM temp.clock)
ORDER BY escalate_due, id
LIMIT 100;

-- name: ESCALATE_ITEMS
SELECT o.what, o.due FROM overdue_items o
WHERE o.report_id = ?1 AND NOT EXISTS (SELECT 1 FROM escalations e
	WHERE e.report_id = ?1 AND e.what = o.what)
ORDER BY o.due, o.what;

-- name: ESCALATION_INSERT
INSERT INTO escalations (report_id, what, due, escalated)
VALUES (?1, ?2, ?3, ?4);

-- name: TOKEN_INSERT
INSERT INTO tokens (id, name, role, token_hash, created)
VALUES (?1, ?2, ?3, ?4, ?5);

-- name: TOKEN_LIST
SELECT json_object('tokens', json((SELECT json_group_array(json_object(
	'id', id, 'name', name, 'role', role, 'created', created,
	'revoked', json(iif(revoked, 'true', 'false'))))
	FROM (SELECT * FROM tokens ORDER BY created, name))));

-- name: TOKEN_RESOLVE
SELECT id FROM tokens WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2;

-- name: TOKEN_REVOKE
UPDATE tokens SET revoked = 1 WHERE id = ?1;

-- name: TOKEN_BY_HASH
SELECT name, role FROM tokens WHERE token_hash = ?1 AND NOT revoked;

-- A page of a report's messages: the latest ?3 numbered below ?2.
-- name: MESSAGES_FOR_REPORT
SELECT seq, sender, sent, body FROM (SELECT * FROM messages
	WHERE report_id = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3)
ORDER BY seq;

-- How many messages a report has, and its answers still waiting.
-- name: MESSAGES_COUNT
SELECT (SELECT count(*) FROM messages WHERE report_id = ?1),
	(SELECT count(*) FROM inbox_replies WHERE report_id = ?1);

-- The messages a report has had on day ?2, for the limits a day: those
-- released (either side's), the reporter's among them, and the
-- reporter's still waiting in the inbox.
-- name: MESSAGES_ON_DAY
SELECT (SELECT count(*) FROM messages WHERE report_id = ?1 AND sent = ?2),
	(SELECT count(*) FROM messages
		WHERE report_id = ?1 AND sent = ?2 AND sender = 'reporter'),
	(SELECT count(*) FROM inbox_replies
		WHERE report_id = ?1 AND sent = ?2);

-- name: BEGIN
BEGIN IMMEDIATE;

-- name: COMMIT
COMMIT;

-- name: ROLLBACK
ROLLBACK;

-- The committee's counts for received days ?1 to ?2, every dimension,
-- from the fewest rows: whole years from summary_years
-- (sql/007_summary_years.sql), the other whole months from
-- summary_months (sql/006_summary_months.sql), the other days from
-- summary_counts. So a range of any length reads at most 2 x 11 months
-- and 2 x 30 days besides its years. In b: a, the first day of the
-- first whole month; z, the day after the last whole month; ya and yz,
-- the same for whole years. The dimensions are named so that each is a
-- range of the primary key.
-- name: SUMMARY_COUNTS
WITH dims(d) AS (VALUES ('event_type'), ('category'), ('harm'),
	('location'), ('triage_days'), ('close_days'), ('rca_days'),
	('rca_on_time'), ('action_strength'), ('action_status'),
	('action_case'), ('strong_case')),
m(a, z) AS (SELECT date(?1, '-1 day', 'start of month', '+1 month'),
	date(?2, '+1 day', 'start of month')),
b(a, z, ya, yz) AS (SELECT a, z,
	date(a, '-1 day', 'start of year', '+1 year'),
	date(z, 'start of year') FROM m)
SELECT dimension, value, sum(n) FROM (
	SELECT dimension, value, n FROM summary_counts
	WHERE dimension IN dims AND day >= ?1
	AND day < (SELECT min(a, date(?2, '+1 day')) FROM b)
	UNION ALL
	SELECT dimension, value, n FROM summary_counts
	WHERE dimension IN dims AND day >= (SELECT max(?1, a, z) FROM b)
	AND day <= ?2
	UNION ALL
	SELECT dimension, value, n FROM summary_months
	WHERE dimension IN dims
	AND month >= (SELECT substr(a, 1, 7) FROM b)
	AND month < (SELECT substr(min(z, ya), 1, 7) FROM b)
	UNION ALL
	SELECT dimension, value, n FROM summary_months
	WHERE dimension IN dims
	AND month >= (SELECT substr(max(ya, yz), 1, 7) FROM b)
	AND month < (SELECT substr(z, 1, 7) FROM b)
	UNION ALL
	SELECT dimension, value, n FROM summary_years
	WHERE dimension IN dims
	AND year >= (SELECT substr(ya, 1, 4) FROM b)
	AND year < (SELECT substr(yz, 1, 4) FROM b))
GROUP BY dimension, value
HAVING sum(n) > 0;

-- name: SUMMARY_MONTHS
SELECT month, sum(n) FROM (
	SELECT substr(day, 1, 7) AS month, n FROM summary_counts
	WHERE dimension = 'event_type'
	AND day BETWEEN ?1 AND min(?2, substr(?1, 1, 7) || '-31')
	UNION ALL
	SELECT substr(day, 1, 7), n FROM summary_counts
	WHERE dimension = 'event_type' AND substr(?1, 1, 7) < substr(?2, 1, 7)
	AND day BETWEEN substr(?2, 1, 7) || '-01' AND ?2
	UNION ALL
	SELECT month, n FROM summary_months
	WHERE dimension = 'event_type'
	AND month > substr(?1, 1, 7) AND month < substr(?2, 1, 7))
GROUP BY 1;

-- Overdue RCAs and actions of cases received from ?1 to ?2 (temp.clock
-- holds today), from their counts (sql/005_deadlines.sql) and their
-- rollups by month and year received (sql/008_due_months.sql), the
-- range cut as SUMMARY_COUNTS cuts it.
-- name: SUMMARY_OVERDUE
WITH m(a, z) AS (SELECT date(?1, '-1 day', 'start of month', '+1 month'),
	date(?2, '+1 day', 'start of month')),
b(a, z, ya, yz, today) AS (SELECT a, z,
	date(a, '-1 day', 'start of year', '+1 year'),
	date(z, 'start of year'), (SELECT today FROM temp.clock) FROM m)
SELECT kind, sum(n) FROM (
	SELECT kind, n FROM due_counts WHERE received >= ?1
	AND received < (SELECT min(a, date(?2, '+1 day')) FROM b)
	AND due < (SELECT today FROM b)
	UNION ALL
	SELECT kind, n FROM due_counts
	WHERE received >= (SELECT max(?1, a, z) FROM b) AND received <= ?2
	AND due < (SELECT today FROM b)
	UNION ALL
	SELECT kind, n FROM due_months
	WHERE month >= (SELECT substr(a, 1, 7) FROM b)
	AND month < (SELECT substr(min(z, ya), 1, 7) FROM b)
	AND due < (SELECT today FROM b)
	UNION ALL
	SELECT kind, n FROM due_months
	WHERE month >= (SELECT substr(max(ya, yz), 1, 7) FROM b)
	AND month < (SELECT substr(z, 1, 7) FROM b)
	AND due < (SELECT today FROM b)
	UNION ALL
	SELECT kind, n FROM due_years
	WHERE year >= (SELECT substr(ya, 1, 4) FROM b)
	AND year < (SELECT substr(yz, 1, 4) FROM b)
	AND due < (SELECT today FROM b))
GROUP BY kind
HAVING sum(n) > 0;

-- The committee's counts month by month, the months of days ?1 to ?2, for
-- the tables each month publishes on its own (daemon/summary-months.c):
-- summary_months as it is, a range of its primary key per dimension.
-- name: SUMMARY_BY_MONTH
WITH dims(d) AS (VALUES ('event_type'), ('category'), ('harm'),
	('location'), ('triage_days'), ('close_days'), ('rca_days'),
	('rca_on_time'), ('action_strength'), ('action_status'),
	('action_case'), ('strong_case'))
SELECT month, dimension, value, n FROM summary_months
WHERE dimension IN dims
AND month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7) AND n > 0;

-- Overdue RCAs and actions of cases received in the months of days ?1
-- to ?2, month by month (temp.clock holds today).
-- name: SUMMARY_OVERDUE_BY_MONTH
SELECT month, kind, sum(n) FROM due_months
WHERE month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)
AND due < (SELECT today FROM temp.clock)
GROUP BY month, kind
HAVING sum(n) > 0;

-- One row per report received from ?1 to ?2, oldest first, for a
-- reviewer's export (the committee's is the summary's tables). Columns
-- are named in daemon/store-export.c; the last, the day received, is not
-- sent: an export reads in pieces, the next after (?1, ?3), the last
-- (received, id) read, so ?3 is '' at first (reports_received holds the
-- id, the key, after the day: no sort).
-- name: EXPORT_ROWS
SELECT r.id, r.received, r.state,
	r.event_type, r.category, r.harm, r.merp_category,
	substr(r.occurred_at, 1, 10),
	(SELECT group_concat(factor, ';') FROM (SELECT factor
		FROM report_factors f WHERE f.report_id = r.id ORDER BY factor)),
	r.sac_score, r.rca_required,
	(SELECT substr(t.at, 1, 10) FROM triage t WHERE t.report_id = r.id),
	(SELECT c.completed FROM rca c WHERE c.report_id = r.id),
	(SELECT count(*) FROM actions a WHERE a.report_id = r.id),
	(SELECT count(*) FROM actions a WHERE a.report_id = r.id
		AND a.strength = 'stronger'),
	(SELECT count(*) FROM actions a WHERE a.report_id = r.id
		AND a.strength = 'intermediate'),
	(SELECT count(*) FROM actions a WHERE a.report_id = r.id
		AND a.strength = 'weaker'),
	(SELECT count(*) FROM actions a WHERE a.report_id = r.id
		AND a.status = 'verified_effective'),
	r.closed_on, r.reporter_role, r.location, r.description,
	r.immediate_actions, r.outcome,
	r.received
FROM reports r WHERE (r.received, r.id) > (?1, ?3) AND r.received <= ?2
ORDER BY r.received, r.id;

-- The FHIR export's rows (daemon/fhir.c), read as EXPORT_ROWS's are:
-- each code with its taxonomy label, and a case's contributing factors
-- (the reporter's, the RCA's causes) and actions each as a JSON array.
-- No receipt, reporter role or audit entry: nothing for a reviewer to
-- send out of the hospital that could name who reported.
-- name: EXPORT_FHIR_ROWS
SELECT r.id, r.received, r.state,
	r.event_type, (SELECT label FROM taxonomy
		WHERE enumeration = 'event_type' AND code = r.event_type),
	r.category, (SELECT label FROM taxonomy
		WHERE enumeration = 'category' AND code = r.category),
	r.harm, (SELECT label FROM taxonomy
		WHERE enumeration = 'harm' AND code = r.harm),
	r.merp_category, (SELECT label FROM taxonomy
		WHERE enumeration = 'merp_category' AND code = r.merp_category),
	r.occurred_at, r.location, r.sac_score,
	(SELECT json_group_array(json_object('code', factor, 'label', label))
		FROM (SELECT f.factor, (SELECT label FROM taxonomy
			WHERE enumeration = 'contributing_factor'
			AND code = f.factor) AS label
		FROM report_factors f WHERE f.report_id = r.id
		ORDER BY f.factor)),
	(SELECT json_group_array(json_object('code', factor, 'label', label,
		'text', statement))
		FROM (SELECT json_extract(j.value, '$.factor') AS factor,
			(SELECT label FROM taxonomy
			WHERE enumeration = 'contributing_factor' AND
			code = json_extract(j.value, '$.factor')) AS label,
			json_extract(j.value, '$.statement') AS statement
		FROM rca c, json_each(c.causes) j WHERE c.report_id = r.id
		ORDER BY j.key)),
	(SELECT json_group_array(json_object('code', strength, 'label', label,
		'status', status, 'text', description))
		FROM (SELECT a.strength, (SELECT label FROM taxonomy
			WHERE enumeration = 'action_strength'
			AND code = a.strength) AS label, a.status, a.description
		FROM actions a WHERE a.report_id = r.id ORDER BY a.seq)),
	r.description, r.immediate_actions, r.outcome,
	r.received
FROM reports r WHERE (r.received, r.id) > (?1, ?3) AND r.received <= ?2
ORDER BY r.received, r.id;

-- Reports filed together share one transaction (group commit); each is
-- its own savepoint, so one that fails leaves the others.
-- name: FILING_SAVEPOINT
SAVEPOINT filing;

-- name: FILING_RELEASE
RELEASE filing;

-- name: FILING_UNDO
ROLLBACK TO filing;

-- The inbox (sql/010_inbox.sql): a report filed, waiting for a release.
-- name: INBOX_REPORT_INSERT
INSERT INTO inbox_reports (id, receipt_hash, received, release_at,
	event_type, category, harm, merp_category, occurred_at, location,
	description, immediate_actions, reporter_role, factors, triage_due,
	feedback_due)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
	?16);

-- name: INBOX_REPLY_INSERT
INSERT INTO inbox_replies (id, report_id, n, sent, release_at, body, change)
VALUES (?1, ?2, (SELECT coalesce(max(n), 0) + 1 FROM inbox_replies
	WHERE report_id = ?2), ?3, ?4, ?5, ?6);

-- name: INBOX_FOLLOWUP_BY_RECEIPT
SELECT id, 'new', received, NULL FROM inbox_reports WHERE receipt_hash = ?1;

-- A report's answers still waiting, after those released: ?3 of them
-- from the ?2-th (0 the first).
-- name: INBOX_REPLIES_FOR_REPORT
SELECT n, 'reporter', sent, body FROM inbox_replies WHERE report_id = ?1
ORDER BY n LIMIT ?3 OFFSET ?2;

-- What a release at ?1 takes: every item waiting for it or an earlier
-- one (a release missed while aerd was stopped comes at its start), and
-- any that waits for a time past ?2, further off than any release could
-- be, which only a clock that was wrong can have set.
-- name: INBOX_DUE_REPORTS
SELECT id FROM inbox_reports WHERE release_at <= ?1 OR release_at > ?2;

-- The reports with answers due, each answered report once: an answer
-- goes only with its report or after it.
-- name: INBOX_DUE_REPLY_REPORTS
SELECT DISTINCT r.report_id FROM inbox_replies r
WHERE (r.release_at <= ?1 OR r.release_at > ?2)
AND (EXISTS (SELECT 1 FROM reports WHERE id = r.report_id)
	OR EXISTS (SELECT 1 FROM inbox_reports i WHERE i.id = r.report_id
		AND (i.release_at <= ?1 OR i.release_at > ?2)));

-- One report's due answers, in the order they were written.
-- name: INBOX_DUE_REPLIES
SELECT id FROM inbox_replies
WHERE report_id = ?3 AND (release_at <= ?1 OR release_at > ?2) ORDER BY n;

-- name: INBOX_REPORT_GET
SELECT id, receipt_hash, received, event_type, category, harm,
	merp_category, occurred_at, location, description, immediate_actions,
	reporter_role, triage_due, feedback_due
FROM inbox_reports WHERE id = ?1;

-- name: INBOX_FACTORS_RELEASE
INSERT INTO report_factors (report_id, factor)
SELECT i.id, j.value FROM inbox_reports i, json_each(i.factors) j
WHERE i.id = ?1;

-- name: INBOX_REPORT_DELETE
DELETE FROM inbox_reports WHERE id = ?1;

-- name: INBOX_REPLY_GET
SELECT report_id, sent, body, change FROM inbox_replies WHERE id = ?1;

-- name: INBOX_REPLY_DELETE
DELETE FROM inbox_replies WHERE id = ?1;
