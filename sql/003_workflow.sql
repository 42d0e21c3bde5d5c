-- The review workflow: triage, root-cause analysis, corrective actions,
-- deadlines and their escalation, the audit trail, and bearer tokens.

ALTER TABLE reports ADD COLUMN sac_score INTEGER;
ALTER TABLE reports ADD COLUMN rca_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN triage_due TEXT;
ALTER TABLE reports ADD COLUMN rca_start_due TEXT;
ALTER TABLE reports ADD COLUMN rca_due TEXT;
ALTER TABLE reports ADD COLUMN feedback_due TEXT;
ALTER TABLE reports ADD COLUMN rationale TEXT;
ALTER TABLE reports ADD COLUMN closed_on TEXT;
UPDATE reports SET triage_due = date(received, '+7 days'),
	feedback_due = date(received, '+3 months');
CREATE INDEX reports_state ON reports(state);

CREATE TABLE triage (
	report_id	TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
	severity	TEXT NOT NULL,
	probability	TEXT NOT NULL,
	sentinel	INTEGER NOT NULL,
	blameworthy	INTEGER NOT NULL,
	note		TEXT,
	sac_score	INTEGER NOT NULL,
	at		TEXT NOT NULL,
	by		TEXT NOT NULL
) WITHOUT ROWID;

-- team, timeline and causes are JSON arrays, validated by aerd.
CREATE TABLE rca (
	report_id	TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
	team		TEXT NOT NULL,
	timeline	TEXT NOT NULL,
	causes		TEXT NOT NULL,
	complete	INTEGER NOT NULL DEFAULT 0,
	started		TEXT NOT NULL,
	completed	TEXT
) WITHOUT ROWID;

CREATE TABLE actions (
	id		TEXT PRIMARY KEY,
	report_id	TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	seq		INTEGER NOT NULL,
	description	TEXT NOT NULL,
	strength	TEXT NOT NULL,
	owner		TEXT NOT NULL,
	measure		TEXT NOT NULL,
	target		TEXT NOT NULL,
	measure_by	TEXT NOT NULL,
	due		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'open',
	note		TEXT,
	reason		TEXT,
	created		TEXT NOT NULL,
	done_on		TEXT,
	verified_on	TEXT
) WITHOUT ROWID;
CREATE INDEX actions_report ON actions(report_id);

-- Each overdue item is escalated once: "what" is triage, rca_start, rca,
-- feedback or action:<id>.
CREATE TABLE escalations (
	report_id	TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	what		TEXT NOT NULL,
	due		TEXT NOT NULL,
	escalated	TEXT NOT NULL,
	PRIMARY KEY (report_id, what)
) WITHOUT ROWID;

-- The audit trail: append-only, each entry carrying the SHA-256 of the
-- one before (see daemon/audit.c). Filing a report is not audited, so the
-- trail never records the order in which reports came.
CREATE TABLE audit (
	seq		INTEGER PRIMARY KEY,
	report_id	TEXT,
	at		TEXT NOT NULL,
	role		TEXT NOT NULL,
	actor		TEXT,
	change		TEXT NOT NULL,
	prev_hash	BLOB NOT NULL,
	hash		BLOB NOT NULL
);
CREATE INDEX audit_report ON audit(report_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Bearer tokens for TCP callers; only the SHA-256 of a token is kept.
CREATE TABLE tokens (
	id		TEXT PRIMARY KEY,
	name		TEXT NOT NULL,
	role		TEXT NOT NULL,
	token_hash	BLOB NOT NULL UNIQUE,
	created		TEXT NOT NULL,
	revoked		INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
