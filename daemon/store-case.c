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

/* What a queue's case has pending, added to its row. */
static int
queue_due(struct store *st, json_t *row)
{
	sqlite3_stmt	*s;
	json_t		*what, *overdue;
	json_error_t	 jerr;
	int		 rc;

	if ((s = store_stmt(st, STMT_QUEUE_DUE, "s", json_string_value(
	    json_object_get(row, "id")))) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		what = sqlite3_column_type(s, 0) == SQLITE_NULL ? json_null() :
		    json_string((const char *)sqlite3_column_text(s, 0));
		overdue = json_loadb((const char *)sqlite3_column_text(s, 1),
		    (size_t)sqlite3_column_bytes(s, 1), 0, &jerr);
		if (json_object_set_new(row, "next_due_what", what) == -1 ||
		    overdue == NULL ||
		    json_object_set_new(row, "overdue", overdue) == -1)
			rc = SQLITE_ERROR;
	}
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * One page of the queue: the cases after the key q->after (the first
 * page when its fields are empty) as {"cases": [...], "next": KEY|null},
 * KEY the last case's when the page is full.
 */
int
store_queue(struct store *st, const struct queue_query *q, json_t **out)
{
	static const char *const open[] = { "new", "triaged",
	    "investigating", "actions" };
	const char	*states[4] = { NULL, NULL, NULL, NULL };
	sqlite3_stmt	*s;
	json_t		*cases, *row, *next = NULL;
	json_error_t	 jerr;
	char		 key[QUEUE_KEY_LEN];
	int		 i, n = 0, rc;

	*out = NULL;
	for (i = 0; i < 4; i++)
		states[i] = q->state != NULL ? (i == 0 ? q->state : NULL) :
		    open[i];
	if (store_set_clock(st, q->today) == -1 ||
	    (s = store_stmt(st, STMT_QUEUE, "ssssisssi", states[0], states[1],
	    states[2], states[3], q->overdue_only, q->after_due,
	    q->after_received, q->after_id, q->limit)) == NULL)
		return -1;
	cases = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row = json_loadb((const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0), 0, &jerr);
		if (row == NULL || json_array_append_new(cases, row) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
		if (++n == q->limit) {
			snprintf(key, sizeof(key), "%s_%s_%s",
			    sqlite3_column_text(s, 1), sqlite3_column_text(s, 2),
			    sqlite3_column_text(s, 3));
			next = json_string(key);
		}
	}
	store_done(s);
	for (i = 0; rc == SQLITE_DONE && i < n; i++)
		if (queue_due(st, json_array_get(cases, (size_t)i)) == -1)
			rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		json_decref(cases);
		json_decref(next);
		return -1;
	}
	*out = json_pack("{s:o, s:o}", "cases", cases, "next",
	    next ? next : json_null());
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
