-- Objects of each connection (TEMP), created every time aerd opens the
-- database. temp.clock holds the day aerd considers today, set before a
-- query that asks what is due or overdue.

CREATE TEMP TABLE clock (today TEXT NOT NULL);
INSERT INTO temp.clock VALUES ('1970-01-01');

-- Every deadline still pending on an open case (sql/005_deadlines.sql).
CREATE TEMP VIEW due_items AS
SELECT report_id, what, due FROM main.case_due;

CREATE TEMP VIEW overdue_items AS
SELECT d.report_id, d.what, d.due FROM due_items d, temp.clock c
	WHERE d.due < c.today;
