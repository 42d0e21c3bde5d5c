-- The deadlines kept with each case (sql/005_deadlines.sql) are kept by
-- the store, not by a trigger on each table and event: every write to a
-- case takes what the case had pending out of due_counts first
-- (CASE_DUE_TAKE in sql/statements.sql) and, once written, counts what
-- it has pending now and sets its next_due and escalate_due
-- (CASE_DUE_PUT, CASE_DUE_SET), in the same transaction. What is pending
-- is still case_due, the one definition; due_months and due_years still
-- follow due_counts (sql/008_due_months.sql).

-- The triggers an earlier sql/005 made (a database created since has
-- none).
DROP TRIGGER IF EXISTS due_report;
DROP TRIGGER IF EXISTS due_rca_insert;
DROP TRIGGER IF EXISTS due_rca_update;
DROP TRIGGER IF EXISTS due_rca_delete;
DROP TRIGGER IF EXISTS due_message;
DROP TRIGGER IF EXISTS due_message_delete;
DROP TRIGGER IF EXISTS due_action;
DROP TRIGGER IF EXISTS due_action_update;
DROP TRIGGER IF EXISTS due_action_delete;
DROP TRIGGER IF EXISTS due_escalated;
DROP TRIGGER IF EXISTS due_counts_report;
DROP TRIGGER IF EXISTS due_counts_rca_insert;
DROP TRIGGER IF EXISTS due_counts_rca_update;
DROP TRIGGER IF EXISTS due_counts_rca_delete;
DROP TRIGGER IF EXISTS due_counts_action;
DROP TRIGGER IF EXISTS due_counts_action_update;
DROP TRIGGER IF EXISTS due_counts_action_delete;

-- What due_counts counts of a case: its RCA while pending ('none' for
-- one without a due day) and each open action while the case is in
-- actions.
CREATE VIEW case_counted AS
SELECT report_id, iif(what = 'rca', 'rca', 'action') AS kind,
	ifnull(due, 'none') AS due
FROM case_due WHERE what = 'rca' OR what LIKE 'action:%';

-- Everything counted again from the cases, rather than trusted: the
-- rollups first, which the inserts into due_counts fill again.
DELETE FROM due_months;
DELETE FROM due_years;
DELETE FROM due_counts;
INSERT INTO due_counts
	SELECT r.received, c.kind, c.due, count(*)
	FROM case_counted c JOIN reports r ON r.id = c.report_id
	GROUP BY 1, 2, 3
	ON CONFLICT DO UPDATE SET n = excluded.n;

-- And each case's next deadline, and its earliest not yet escalated, in
-- one pass over case_due (a subquery correlated with each row would
-- read the whole view for each case).
UPDATE reports SET next_due = NULL, escalate_due = NULL
WHERE next_due IS NOT NULL OR escalate_due IS NOT NULL;
UPDATE reports SET next_due = d.next_due, escalate_due = d.escalate_due
FROM (SELECT c.report_id, min(c.due) AS next_due,
	min(iif(EXISTS (SELECT 1 FROM escalations e
		WHERE e.report_id = c.report_id AND e.what = c.what),
		NULL, c.due)) AS escalate_due
	FROM case_due c GROUP BY c.report_id) d
WHERE reports.id = d.report_id;
