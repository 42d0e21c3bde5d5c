-- Counts for the safety committee, kept as reports come and cases move,
-- so that a summary over years reads a few thousand rows, never every
-- report. Each row counts the reports received on one day that share
-- one value of one dimension:
--   event_type, category, harm ('not_recorded' when absent), location
--   ('' when not given): one row per report each, at filing;
--   triage_days, close_days, rca_days: days from receipt to triage, from
--   receipt to close, from triage to a completed RCA (a histogram);
--   rca_on_time: 'on_time' or 'late' against the RCA's due date;
--   action_strength, action_status: per corrective action;
--   action_case, strong_case: cases with any action, and with at least
--   one stronger or intermediate action.
-- Nothing here says more than the reports table does.

CREATE TABLE summary_counts (
	dimension	TEXT NOT NULL,
	day		TEXT NOT NULL,
	value		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (dimension, day, value)
) WITHOUT ROWID;

CREATE INDEX reports_received ON reports(received);

CREATE TRIGGER summary_report AFTER INSERT ON reports
BEGIN
	INSERT INTO summary_counts VALUES ('event_type', NEW.received,
		NEW.event_type, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts VALUES ('category', NEW.received,
		NEW.category, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts VALUES ('harm', NEW.received,
		coalesce(NEW.harm, 'not_recorded'), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts VALUES ('location', NEW.received,
		coalesce(NEW.location, ''), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER summary_triage AFTER INSERT ON triage
BEGIN
	INSERT INTO summary_counts SELECT 'triage_days', r.received,
		CAST(julianday(substr(NEW.at, 1, 10)) - julianday(r.received)
		AS INTEGER), 1
		FROM reports r WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER summary_close AFTER UPDATE OF state ON reports
WHEN NEW.state = 'closed' AND OLD.state != 'closed'
BEGIN
	INSERT INTO summary_counts VALUES ('close_days', NEW.received,
		CAST(julianday(NEW.closed_on) - julianday(NEW.received)
		AS INTEGER), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- An RCA counts once it is complete, and no longer if it is reopened.
CREATE TRIGGER summary_rca_done AFTER UPDATE OF completed ON rca
WHEN OLD.completed IS NULL AND NEW.completed IS NOT NULL
BEGIN
	INSERT INTO summary_counts SELECT 'rca_days', r.received,
		CAST(julianday(NEW.completed) - julianday(substr(t.at, 1, 10))
		AS INTEGER), 1
		FROM reports r JOIN triage t ON t.report_id = r.id
		WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts SELECT 'rca_on_time', r.received,
		iif(r.rca_due IS NULL OR NEW.completed <= r.rca_due,
		'on_time', 'late'), 1
		FROM reports r WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER summary_rca_first AFTER INSERT ON rca
WHEN NEW.completed IS NOT NULL
BEGIN
	INSERT INTO summary_counts SELECT 'rca_days', r.received,
		CAST(julianday(NEW.completed) - julianday(substr(t.at, 1, 10))
		AS INTEGER), 1
		FROM reports r JOIN triage t ON t.report_id = r.id
		WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts SELECT 'rca_on_time', r.received,
		iif(r.rca_due IS NULL OR NEW.completed <= r.rca_due,
		'on_time', 'late'), 1
		FROM reports r WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER summary_rca_reopened AFTER UPDATE OF completed ON rca
WHEN OLD.completed IS NOT NULL AND NEW.completed IS NULL
BEGIN
	UPDATE summary_counts SET n = n - 1
		WHERE dimension = 'rca_days'
		AND day = (SELECT received FROM reports WHERE id = NEW.report_id)
		AND value = (SELECT CAST(julianday(OLD.completed) -
			julianday(substr(t.at, 1, 10)) AS INTEGER)
			FROM triage t WHERE t.report_id = NEW.report_id);
	UPDATE summary_counts SET n = n - 1
		WHERE dimension = 'rca_on_time'
		AND day = (SELECT received FROM reports WHERE id = NEW.report_id)
		AND value = (SELECT iif(r.rca_due IS NULL OR
			OLD.completed <= r.rca_due, 'on_time', 'late')
			FROM reports r WHERE r.id = NEW.report_id);
END;

CREATE TRIGGER summary_action AFTER INSERT ON actions
BEGIN
	INSERT INTO summary_counts SELECT 'action_case', r.received, '1', 1
		FROM reports r WHERE r.id = NEW.report_id
		AND NOT EXISTS (SELECT 1 FROM actions a
			WHERE a.report_id = NEW.report_id AND a.id != NEW.id)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts SELECT 'strong_case', r.received, '1', 1
		FROM reports r WHERE r.id = NEW.report_id
		AND NEW.strength IN ('stronger', 'intermediate')
		AND NOT EXISTS (SELECT 1 FROM actions a
			WHERE a.report_id = NEW.report_id AND a.id != NEW.id
			AND a.strength IN ('stronger', 'intermediate'))
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts SELECT 'action_strength', r.received,
		NEW.strength, 1
		FROM reports r WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO summary_counts SELECT 'action_status', r.received,
		NEW.status, 1
		FROM reports r WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER summary_action_status AFTER UPDATE OF status ON actions
WHEN NEW.status != OLD.status
BEGIN
	UPDATE summary_counts SET n = n - 1
		WHERE dimension = 'action_status' AND value = OLD.status
		AND day = (SELECT received FROM reports
			WHERE id = NEW.report_id);
	INSERT INTO summary_counts SELECT 'action_status', r.received,
		NEW.status, 1
		FROM reports r WHERE r.id = NEW.report_id
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- What was there before these counts were kept.
INSERT INTO summary_counts
	SELECT 'event_type', received, event_type, count(*) FROM reports
	GROUP BY received, event_type;
INSERT INTO summary_counts
	SELECT 'category', received, category, count(*) FROM reports
	GROUP BY received, category;
INSERT INTO summary_counts
	SELECT 'harm', received, coalesce(harm, 'not_recorded'), count(*)
	FROM reports GROUP BY received, coalesce(harm, 'not_recorded');
INSERT INTO summary_counts
	SELECT 'location', received, coalesce(location, ''), count(*)
	FROM reports GROUP BY received, coalesce(location, '');
INSERT INTO summary_counts
	SELECT 'triage_days', r.received, CAST(julianday(substr(t.at, 1, 10)) -
	julianday(r.received) AS INTEGER) AS d, count(*)
	FROM reports r JOIN triage t ON t.report_id = r.id
	GROUP BY r.received, d;
INSERT INTO summary_counts
	SELECT 'close_days', received, CAST(julianday(closed_on) -
	julianday(received) AS INTEGER) AS d, count(*)
	FROM reports WHERE state = 'closed' AND closed_on IS NOT NULL
	GROUP BY received, d;
INSERT INTO summary_counts
	SELECT 'rca_days', r.received, CAST(julianday(c.completed) -
	julianday(substr(t.at, 1, 10)) AS INTEGER) AS d, count(*)
	FROM reports r JOIN rca c ON c.report_id = r.id
	JOIN triage t ON t.report_id = r.id
	WHERE c.completed IS NOT NULL GROUP BY r.received, d;
INSERT INTO summary_counts
	SELECT 'rca_on_time', r.received, iif(r.rca_due IS NULL OR
	c.completed <= r.rca_due, 'on_time', 'late') AS v, count(*)
	FROM reports r JOIN rca c ON c.report_id = r.id
	WHERE c.completed IS NOT NULL GROUP BY r.received, v;
INSERT INTO summary_counts
	SELECT 'action_strength', r.received, a.strength, count(*)
	FROM actions a JOIN reports r ON r.id = a.report_id
	GROUP BY r.received, a.strength;
INSERT INTO summary_counts
	SELECT 'action_status', r.received, a.status, count(*)
	FROM actions a JOIN reports r ON r.id = a.report_id
	GROUP BY r.received, a.status;
INSERT INTO summary_counts
	SELECT 'action_case', r.received, '1', count(DISTINCT r.id)
	FROM actions a JOIN reports r ON r.id = a.report_id
	GROUP BY r.received;
INSERT INTO summary_counts
	SELECT 'strong_case', r.received, '1', count(DISTINCT r.id)
	FROM actions a JOIN reports r ON r.id = a.report_id
	WHERE a.strength IN ('stronger', 'intermediate')
	GROUP BY r.received;
