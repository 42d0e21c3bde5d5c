-- Deadlines kept with each case, so that the reviewer's queue, the
-- escalation pass and the summary's overdue counts read an index, never
-- every open case:
--   reports.next_due: the earliest pending deadline of a case (NULL when
--   none), the queue's order; reports_queue orders each state by it;
--   reports.escalate_due: the earliest pending deadline not yet escalated,
--   the escalation pass's;
--   due_counts: pending RCAs and actions (the summary's overdue counts)
--   per day received, kind and due day, so that what is overdue for a
--   range of days received is a sum over the rows due before today.
-- The store keeps all three as it writes a case (sql/009, which also
-- fills them in for the cases there were before); REPORT_INSERT sets
-- the columns of a report as it is filed (new: its triage and feedback
-- deadlines).

-- Every deadline still pending on an open case ("what" is triage,
-- rca_start, rca, feedback or action:<id>). session.sql's due_items is
-- this view; overdue_items those of its rows before today.
CREATE VIEW case_due AS
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

ALTER TABLE reports ADD COLUMN next_due TEXT;
ALTER TABLE reports ADD COLUMN escalate_due TEXT;

-- The queue's order within a state: next deadline (none last), then
-- oldest first. It replaces reports_state, its prefix.
DROP INDEX reports_state;
CREATE INDEX reports_queue ON reports(state, ifnull(next_due, 'none'),
	received, id);
CREATE INDEX reports_escalate ON reports(escalate_due)
	WHERE escalate_due IS NOT NULL;

-- kind is 'rca' or 'action'; due is 'none' for an RCA without a due date.
CREATE TABLE due_counts (
	received	TEXT NOT NULL,
	kind		TEXT NOT NULL,
	due		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (received, kind, due)
) WITHOUT ROWID;
