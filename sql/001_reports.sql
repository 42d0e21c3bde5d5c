-- The first schema: filed reports, the messages exchanged with their
-- reporter, and the taxonomy every enumeration is checked against.
--
-- Anonymity: nothing here names or locates a reporter. Ids are random
-- UUIDs and every table is WITHOUT ROWID, so neither a key nor the order
-- of storage follows the order of filing. "received" is a day, not a time.

CREATE TABLE taxonomy (
	enumeration	TEXT NOT NULL,
	code		TEXT NOT NULL,
	label		TEXT NOT NULL,
	ord		INTEGER NOT NULL,
	PRIMARY KEY (enumeration, code)
) WITHOUT ROWID;

CREATE TABLE reports (
	id			TEXT PRIMARY KEY,
	receipt_hash		BLOB NOT NULL UNIQUE,
	state			TEXT NOT NULL DEFAULT 'new',
	received		TEXT NOT NULL,
	event_type		TEXT NOT NULL,
	category		TEXT NOT NULL,
	harm			TEXT,
	merp_category		TEXT,
	occurred_at		TEXT NOT NULL,
	location		TEXT,
	description		TEXT NOT NULL,
	immediate_actions	TEXT,
	reporter_role		TEXT,
	outcome			TEXT
) WITHOUT ROWID;

CREATE TABLE report_factors (
	report_id	TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	factor		TEXT NOT NULL,
	PRIMARY KEY (report_id, factor)
) WITHOUT ROWID;

-- Messages between reviewers and the reporter. "seq" orders a report's
-- messages among themselves only; "sent" is a day, like "received".
CREATE TABLE messages (
	report_id	TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	seq		INTEGER NOT NULL,
	sender		TEXT NOT NULL CHECK (sender IN ('reviewer', 'reporter')),
	sent		TEXT NOT NULL,
	body		TEXT NOT NULL,
	PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
