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
-- The triggers below keep all three; REPORT_INSERT sets the columns of
-- a report as it is filed (new: its triage and feedback deadlines).

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

-- A case's two columns, again from case_due: the body of every trigger
-- that changes what a case has pending.
CREATE TRIGGER due_report AFTER UPDATE OF state, triage_due, rca_start_due,
	rca_due, feedback_due ON reports
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.id AND NOT EXISTS (SELECT 1
			FROM escalations e WHERE e.report_id = NEW.id
			AND e.what = d.what))
		WHERE id = NEW.id;
END;

CREATE TRIGGER due_rca_insert AFTER INSERT ON rca
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = NEW.report_id AND e.what = d.what))
		WHERE id = NEW.report_id;
END;

CREATE TRIGGER due_rca_update AFTER UPDATE OF complete ON rca
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = NEW.report_id AND e.what = d.what))
		WHERE id = NEW.report_id;
END;

CREATE TRIGGER due_rca_delete AFTER DELETE ON rca
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = OLD.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = OLD.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = OLD.report_id AND e.what = d.what))
		WHERE id = OLD.report_id;
END;

CREATE TRIGGER due_message AFTER INSERT ON messages
WHEN NEW.sender = 'reviewer'
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = NEW.report_id AND e.what = d.what))
		WHERE id = NEW.report_id;
END;

CREATE TRIGGER due_message_delete AFTER DELETE ON messages
WHEN OLD.sender = 'reviewer'
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = OLD.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = OLD.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = OLD.report_id AND e.what = d.what))
		WHERE id = OLD.report_id;
END;

CREATE TRIGGER due_action AFTER INSERT ON actions
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = NEW.report_id AND e.what = d.what))
		WHERE id = NEW.report_id;
END;

CREATE TRIGGER due_action_update AFTER UPDATE OF status, due ON actions
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = NEW.report_id AND e.what = d.what))
		WHERE id = NEW.report_id;
END;

CREATE TRIGGER due_action_delete AFTER DELETE ON actions
BEGIN
	UPDATE reports SET
		next_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = OLD.report_id),
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = OLD.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = OLD.report_id AND e.what = d.what))
		WHERE id = OLD.report_id;
END;

CREATE TRIGGER due_escalated AFTER INSERT ON escalations
BEGIN
	UPDATE reports SET
		escalate_due = (SELECT min(d.due) FROM case_due d
			WHERE d.report_id = NEW.report_id AND NOT EXISTS (
			SELECT 1 FROM escalations e
			WHERE e.report_id = NEW.report_id AND e.what = d.what))
		WHERE id = NEW.report_id;
END;

-- The columns of the open cases there were before: due_report
-- computes them, case by case, as for any change of state. (A scalar
-- subquery over case_due correlated with the row would read the whole
-- view for each case; with one case's id it reads that case only.)
UPDATE reports SET state = state
	WHERE state IN ('new', 'triaged', 'investigating', 'actions');

-- due_counts: each change takes away what was pending before it and
-- adds what is pending after. An RCA is pending while its case is
-- investigating and it is not complete; an action while it is open and
-- its case is in actions.
CREATE TRIGGER due_counts_report AFTER UPDATE OF state, rca_due ON reports
BEGIN
	UPDATE due_counts SET n = n - 1
		WHERE received = OLD.received AND kind = 'rca'
		AND due = ifnull(OLD.rca_due, 'none')
		AND OLD.state = 'investigating'
		AND NOT EXISTS (SELECT 1 FROM rca c
			WHERE c.report_id = NEW.id AND c.complete);
	INSERT INTO due_counts SELECT NEW.received, 'rca',
		ifnull(NEW.rca_due, 'none'), 1
		WHERE NEW.state = 'investigating'
		AND NOT EXISTS (SELECT 1 FROM rca c
			WHERE c.report_id = NEW.id AND c.complete)
		ON CONFLICT DO UPDATE SET n = n + 1;
	UPDATE due_counts SET n = n - (SELECT count(*) FROM actions a
		WHERE a.report_id = NEW.id AND a.status = 'open'
		AND a.due = due_counts.due)
		WHERE OLD.state = 'actions' AND NEW.state != 'actions'
		AND received = OLD.received AND kind = 'action'
		AND due IN (SELECT a.due FROM actions a
			WHERE a.report_id = NEW.id AND a.status = 'open');
	INSERT INTO due_counts SELECT NEW.received, 'action', a.due, count(*)
		FROM actions a WHERE a.report_id = NEW.id
		AND a.status = 'open'
		AND NEW.state = 'actions' AND OLD.state != 'actions'
		GROUP BY a.due
		ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER due_counts_rca_insert AFTER INSERT ON rca
WHEN NEW.complete
BEGIN
	UPDATE due_counts SET n = n - 1
		WHERE kind = 'rca' AND (received, due) = (SELECT r.received,
			ifnull(r.rca_due, 'none') FROM reports r
			WHERE r.id = NEW.report_id AND r.state = 'investigating');
END;

CREATE TRIGGER due_counts_rca_update AFTER UPDATE OF complete ON rca
WHEN (OLD.complete != 0) != (NEW.complete != 0)
BEGIN
	UPDATE due_counts SET n = n + iif(NEW.complete, -1, 1)
		WHERE kind = 'rca' AND (received, due) = (SELECT r.received,
			ifnull(r.rca_due, 'none') FROM reports r
			WHERE r.id = NEW.report_id AND r.state = 'investigating');
END;

CREATE TRIGGER due_counts_rca_delete AFTER DELETE ON rca
WHEN OLD.complete
BEGIN
	INSERT INTO due_counts SELECT r.received, 'rca',
		ifnull(r.rca_due, 'none'), 1
		FROM reports r
		WHERE r.id = OLD.report_id AND r.state = 'investigating'
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER due_counts_action AFTER INSERT ON actions
WHEN NEW.status = 'open'
BEGIN
	INSERT INTO due_counts SELECT r.received, 'action', NEW.due, 1
		FROM reports r
		WHERE r.id = NEW.report_id AND r.state = 'actions'
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER due_counts_action_update AFTER UPDATE OF status, due
	ON actions
WHEN OLD.status = 'open' OR NEW.status = 'open'
BEGIN
	UPDATE due_counts SET n = n - 1
		WHERE OLD.status = 'open' AND kind = 'action'
		AND due = OLD.due AND received = (SELECT r.received
			FROM reports r
			WHERE r.id = OLD.report_id AND r.state = 'actions');
	INSERT INTO due_counts SELECT r.received, 'action', NEW.due, 1
		FROM reports r
		WHERE NEW.status = 'open'
		AND r.id = NEW.report_id AND r.state = 'actions'
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER due_counts_action_delete AFTER DELETE ON actions
WHEN OLD.status = 'open'
BEGIN
	UPDATE due_counts SET n = n - 1
		WHERE kind = 'action' AND due = OLD.due
		AND received = (SELECT r.received FROM reports r
			WHERE r.id = OLD.report_id AND r.state = 'actions');
END;

-- What was pending before these were kept.
INSERT INTO due_counts
	SELECT r.received, 'rca', ifnull(r.rca_due, 'none'), count(*)
	FROM reports r WHERE r.state = 'investigating'
	AND NOT EXISTS (SELECT 1 FROM rca c WHERE c.report_id = r.id
		AND c.complete)
	GROUP BY 1, 3
	ON CONFLICT DO UPDATE SET n = excluded.n;
INSERT INTO due_counts
	SELECT r.received, 'action', a.due, count(*)
	FROM actions a JOIN reports r ON r.id = a.report_id
	WHERE a.status = 'open' AND r.state = 'actions'
	GROUP BY 1, 3
	ON CONFLICT DO UPDATE SET n = excluded.n;
