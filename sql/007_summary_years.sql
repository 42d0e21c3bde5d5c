-- summary_months by year, so that a summary over ten years sums a few
-- rows per year and value rather than every month's: a range is its whole
-- years from here, the other whole months from summary_months, and the
-- days of its first and last month from summary_counts. The day
-- histograms (close_days above all) have hundreds of values a month, so
-- it is they that a long range reads. Kept from summary_months as that
-- is kept from summary_counts.

CREATE TABLE summary_years (
	dimension	TEXT NOT NULL,
	year		TEXT NOT NULL,	-- YYYY
	value		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (dimension, year, value)
) WITHOUT ROWID;

INSERT INTO summary_years
	SELECT dimension, substr(month, 1, 4), value, sum(n)
	FROM summary_months GROUP BY 1, 2, 3;

CREATE TRIGGER summary_years_insert AFTER INSERT ON summary_months
BEGIN
	INSERT INTO summary_years VALUES (NEW.dimension,
		substr(NEW.month, 1, 4), NEW.value, NEW.n)
		ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER summary_years_update AFTER UPDATE OF n ON summary_months
BEGIN
	UPDATE summary_years SET n = n + NEW.n - OLD.n
		WHERE dimension = NEW.dimension
		AND year = substr(NEW.month, 1, 4) AND value = NEW.value;
END;
