-- The inbox: what reporters write waits here, durable, until the next
-- release moves it into the case tables in a shuffled order, all of it
-- in one transaction (daemon/store-release.c). Until then only the
-- reporter's own follow-up reads it: not the queue, a case, the
-- summary, an export or the audit chain, so no one watching them can
-- see when a report arrives. release_at is the time of the release an
-- item waits for (a time every item filed in the same window shares),
-- never the time it was written.

CREATE TABLE inbox_reports (
	id			TEXT PRIMARY KEY,
	receipt_hash		BLOB NOT NULL UNIQUE,
	received		TEXT NOT NULL,	-- a day, like reports.received
	release_at		INTEGER NOT NULL,
	event_type		TEXT NOT NULL,
	category		TEXT NOT NULL,
	harm			TEXT,
	merp_category		TEXT,
	occurred_at		TEXT NOT NULL,
	location		TEXT,
	description		TEXT NOT NULL,
	immediate_actions	TEXT,
	reporter_role		TEXT,
	factors			TEXT NOT NULL,	-- a JSON array of codes
	triage_due		TEXT NOT NULL,
	feedback_due		TEXT NOT NULL
) WITHOUT ROWID;

-- A reporter's answer to a reviewer; n orders one report's waiting
-- answers among themselves, as messages.seq does.
CREATE TABLE inbox_replies (
	id		TEXT PRIMARY KEY,	-- random, for this row only
	report_id	TEXT NOT NULL,
	n		INTEGER NOT NULL,
	sent		TEXT NOT NULL,		-- a day
	release_at	INTEGER NOT NULL,
	body		TEXT NOT NULL,
	change		TEXT NOT NULL		-- its audit entry's, from its plan
) WITHOUT ROWID;
CREATE INDEX inbox_replies_report ON inbox_replies(report_id, n);

-- Reports filed before this migration sit in the file in the order
-- they came. aerd rebuilds the whole file once (VACUUM, which copies
-- every table and index in key order: random ids, not filing order)
-- when it finds this table, then drops it (store-db.c).
CREATE TABLE rewrite_pending (why TEXT);
INSERT INTO rewrite_pending VALUES ('filing order');
