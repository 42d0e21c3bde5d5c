-- due_counts by the month and the year of receipt, so that the overdue
-- counts of a long range sum a few rows per month or year and due day
-- rather than one per day received: a range reads them as the summary's
-- counts read summary_counts (sql/007_summary_years.sql). Kept from
-- due_counts, whose every change is an insert or a change of n.

CREATE TABLE due_months (
	month		TEXT NOT NULL,	-- YYYY-MM received
	kind		TEXT NOT NULL,
	due		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (month, kind, due)
) WITHOUT ROWID;

CREATE TABLE due_years (
	year		TEXT NOT NULL,	-- YYYY received
	kind		TEXT NOT NULL,
	due		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (year, kind, due)
) WITHOUT ROWID;

INSERT INTO due_months
	SELECT substr(received, 1, 7), kind, due, sum(n) FROM due_counts
	GROUP BY 1, 2, 3;
INSERT INTO due_years
	SELECT substr(received, 1, 4), kind, due, sum(n) FROM due_counts
	GROUP BY 1, 2, 3;

CREATE TRIGGER due_counts_insert AFTER INSERT ON due_counts
BEGIN
	INSERT INTO due_months VALUES (substr(NEW.received, 1, 7), NEW.kind,
		NEW.due, NEW.n)
		ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO due_years VALUES (substr(NEW.received, 1, 4), NEW.kind,
		NEW.due, NEW.n)
		ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER due_counts_update AFTER UPDATE OF n ON due_counts
BEGIN
	UPDATE due_months SET n = n + NEW.n - OLD.n
		WHERE month = substr(NEW.received, 1, 7) AND kind = NEW.kind
		AND due = NEW.due;
	UPDATE due_years SET n = n + NEW.n - OLD.n
		WHERE year = substr(NEW.received, 1, 4) AND kind = NEW.kind
		AND due = NEW.due;
END;
