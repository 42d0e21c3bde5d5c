-- summary_counts by month, so that a summary over years sums a few rows
-- per month rather than every day's: a range is its whole months from
-- here and the days of its first and last month from summary_counts.
-- Kept from summary_counts itself, whose every change is an insert or a
-- change of n.

CREATE TABLE summary_months (
	dimension	TEXT NOT NULL,
	month		TEXT NOT NULL,	-- YYYY-MM
	value		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (dimension, month, value)
) WITHOUT ROWID;

INSERT INTO summary_months
	SELECT dimension, substr(day, 1, 7), value, sum(n) FROM summary_counts
	GROUP BY 1, 2, 3;

CREATE TRIGGER summary_months_insert AFTER INSERT ON summary_counts
BEGIN
	INSERT INTO summary_months VALUES (NEW.dimension,
		substr(NEW.day, 1, 7), NEW.value, NEW.n)
		ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER summary_months_update AFTER UPDATE OF n ON summary_counts
BEGIN
	UPDATE summary_months SET n = n + NEW.n - OLD.n
		WHERE dimension = NEW.dimension
		AND month = substr(NEW.day, 1, 7) AND value = NEW.value;
END;
