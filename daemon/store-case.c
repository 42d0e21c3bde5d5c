/*
 * The store's side of the review workflow. Reads come back as JSON built
 * by SQLite from the statements in sql/statements.sql; every write is one
 * transaction that also appends its audit entry. A write whose expected
 * state no longer holds changes nothing and returns 1.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aerd.h"
#include "store-int.h"

/* 1 row changed: 0; none: 1 (the expected state did not hold); -1. */
static int
one(int changed)
{
	return changed == 1 ? 0 : changed == 0 ? 1 : -1;
}

/* Ends the transaction: commits when rc is 0, else rolls back. */
static int
end(struct store *st, int rc)
{
	if (rc == 0 && store_commit(st) == -1)
		rc = -1;
	if (rc != 0)
		store_rollback(st);
	return rc;
}

#define STEP(x)	do { int rc_ = (x); if (rc_ != 0) return end(st, rc_); } while (0)

int
store_audit_append(struct store *st, const char *report_id,
    const struct who *w, const char *change)
{
	struct audit_entry	 e;
	sqlite3_stmt		*s;
	unsigned char		 prev[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
	long long		 seq = 0;
	int			 rc;

	memset(prev, 0, sizeof(prev));
	if ((s = store_stmt(st, STMT_AUDIT_LAST, "")) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		seq = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == AUDIT_HASH_LEN)
			memcpy(prev, sqlite3_column_blob(s, 1), AUDIT_HASH_LEN);
	}
	store_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	e.seq = seq + 1;
	e.report_id = report_id;
	e.at = w->at;
	e.role = w->role;
	e.actor = w->actor;
	e.change = change;
	if (audit_hash(prev, &e, hash) == -1)
		return -1;
	return one(store_exec(st, STMT_AUDIT_INSERT, "lsssssbb", e.seq,
	    report_id, w->at, w->role, w->actor, change, prev, hash)) == 0 ?
	    0 : -1;
}

int
store_resolve(struct store *st, enum resolve_kind kind, const char *prefix,
    char id[ID_LEN])
{
	static const enum sql_stmt which[] = { STMT_REPORT_RESOLVE,
	    STMT_ACTION_RESOLVE, STMT_TOKEN_RESOLVE };
	sqlite3_stmt	*s;
	int		 rc, n = 0;

	if ((s = store_stmt(st, which[kind], "s", prefix)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(id, ID_LEN, "%s", sqlite3_column_text(s, 0));
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		return -1;
	return n == 0 ? 1 : n == 1 ? 0 : 2;
}

/* The first column of the first row, parsed as JSON; 1 when no row. */
static int
json_row(struct store *st, sqlite3_stmt *s, json_t **out)
{
	json_error_t	 jerr;
	int		 rc;

	*out = NULL;
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = json_loadb((const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0), 0, &jerr);
	store_done(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (*out == NULL)
		log_warnx("store: %s", rc == SQLITE_ROW ? jerr.text :
		    sqlite3_errmsg(st->db));
	return *out ? 0 : -1;
}

int
store_case(struct store *st, const char *id, const char *today, json_t **out)
{
	*out = NULL;
	if (store_set_clock(st, today) == -1)
		return -1;
	return json_row(st, store_stmt(st, STMT_CASE_GET, "s", id), out);
}

int
store_queue(struct store *st, const char *today, const char *state,
    int overdue_only, int limit, json_t **out)
{
	sqlite3_stmt	*s;
	json_t		*cases, *row;
	json_error_t	 jerr;
	int		 rc;

	*out = NULL;
	if (store_set_clock(st, today) == -1 ||
	    (s = store_stmt(st, STMT_QUEUE, "sii", state, overdue_only,
	    limit)) == NULL)
		return -1;
	cases = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row = json_loadb((const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0), 0, &jerr);
		if (row == NULL || json_array_append_new(cases, row) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		json_decref(cases);
		return -1;
	}
	*out = json_pack("{s:o}", "cases", cases);
	return *out ? 0 : -1;
}

int
store_report_state(struct store *st, const char *id, enum state *state,
    int *rca_required)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_REPORT_STATE, "s", id)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (state_parse((const char *)sqlite3_column_text(s, 0),
		    state) == -1)
			rc = SQLITE_CORRUPT;
		*rca_required = sqlite3_column_int(s, 1);
	}
	store_done(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

static int
move(struct store *st, const char *id, enum state from, enum state to)
{
	if (from == to)
		return 0;
	return one(store_exec(st, STMT_REPORT_SET_STATE, "sss", id,
	    state_name(to), state_name(from)));
}

int
store_triage(struct store *st, const char *id, const struct triage_in *t,
    enum state from, enum state to, const struct who *w, const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	STEP(move(st, id, from, to));
	STEP(one(store_exec(st, STMT_TRIAGE_INSERT, "sssiisiss", id,
	    t->severity, t->probability, t->sentinel, t->blameworthy, t->note,
	    t->sac, w->at, w->actor)));
	STEP(one(store_exec(st, STMT_REPORT_TRIAGED, "siiss", id, t->sac,
	    t->rca_required, t->rca_start_due, t->rca_due)));
	STEP(store_audit_append(st, id, w, change));
	return end(st, 0);
}

int
store_rca(struct store *st, const char *id, const struct rca_in *r,
    enum state from, enum state to, const struct who *w, const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	STEP(move(st, id, from, to));
	if (r->rca_due != NULL)
		STEP(one(store_exec(st, STMT_REPORT_RCA_DUE, "sss", id,
		    r->rca_start_due, r->rca_due)));
	STEP(one(store_exec(st, STMT_RCA_PUT, "ssssis", id, r->team,
	    r->timeline, r->causes, r->complete, r->today)));
	STEP(store_audit_append(st, id, w, change));
	return end(st, 0);
}

int
store_action_add(struct store *st, const char *action_id,
    const char *report_id, const struct action_in *a, const char *today,
    enum state from, enum state to, const struct who *w, const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	STEP(move(st, report_id, from, to));
	STEP(one(store_exec(st, STMT_ACTION_INSERT, "ssssssssss", action_id,
	    report_id, a->description, a->strength, a->owner, a->measure,
	    a->target, a->measure_by, a->due, today)));
	STEP(store_audit_append(st, report_id, w, change));
	return end(st, 0);
}

int
store_action_get(struct store *st, const char *action_id,
    char report_id[ID_LEN], enum action_status *status)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_ACTION_GET, "s", action_id)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(report_id, ID_LEN, "%s", sqlite3_column_text(s, 0));
		if (action_status_parse((const char *)sqlite3_column_text(s,
		    1), status) == -1)
			rc = SQLITE_CORRUPT;
	}
	store_done(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_action_update(struct store *st, const char *action_id,
    const char *report_id, enum action_status from, enum action_status to,
    const char *note, const char *reason, const char *today,
    const struct who *w, const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	STEP(one(store_exec(st, STMT_ACTION_UPDATE, "ssssss", action_id,
	    action_status_name(to), note, reason, today,
	    action_status_name(from))));
	STEP(store_audit_append(st, report_id, w, change));
	return end(st, 0);
}

int
store_message(struct store *st, const char *report_id, const char *sender,
    const char *day, const char *text, const struct who *w,
    const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	STEP(one(store_exec(st, STMT_MESSAGE_INSERT, "ssss", report_id,
	    sender, day, text)));
	STEP(store_audit_append(st, report_id, w, change));
	return end(st, 0);
}

int
store_close_case(struct store *st, const char *id, enum state from,
    const char *outcome, const char *rationale, const char *today,
    const struct who *w, const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	STEP(one(store_exec(st, STMT_REPORT_CLOSE, "sssss", id, outcome,
	    rationale, today, state_name(from))));
	STEP(store_audit_append(st, id, w, change));
	return end(st, 0);
}
