-- Objects of each connection (TEMP), created every time aerd opens the
-- database. temp.clock holds the day aerd considers today, set before a
-- query that asks what is due or overdue.

CREATE TEMP TABLE clock (today TEXT NOT NULL);
INSERT INTO temp.clock VALUES ('1970-01-01');

-- Every deadline still pending on an open case.
CREATE TEMP VIEW due_items AS
SELECT r.id AS report_id, 'triage' AS what, r.triage_due AS due
	FROM reports r WHERE r.state = 'new'
UNION ALL
SELECT r.id, 'rca_start', r.rca_start_due
	FROM reports r WHERE r.state = 'investigating'
	AND NOT EXISTS (SELECT 1 FROM rca WHERE rca.report_id = r.id)
UNION ALL
SELECT r.id, 'rca', r.rca_due
	FROM reports r WHERE r.state = 'investigating'
	AND NOT EXISTS (SELECT 1 FROM rca WHERE rca.report_id = r.id
		AND rca.complete)
UNION ALL
SELECT r.id, 'feedback', r.feedback_due
	FROM reports r WHERE r.state IN ('new', 'triaged', 'investigating',
		'actions')
	AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.report_id = r.id
		AND m.sender = 'reviewer')
UNION ALL
SELECT a.report_id, 'action:' || a.id, a.due
	FROM actions a JOIN reports r ON r.id = a.report_id
	WHERE a.status = 'open' AND r.state = 'actions';

CREATE TEMP VIEW overdue_items AS
SELECT d.report_id, d.what, d.due FROM due_items d, temp.clock c
	WHERE d.due < c.today;
