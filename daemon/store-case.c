/*
 * Copyright (c) 2026 The aer authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHORS DISCLAIM ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * The store's side of the review workflow. Reads come back as JSON built
 * by SQLite from the statements in sql/statements.sql, or as the facts
 * the workflow's plans work from. Every write does what a plan decided,
 * in one transaction with its audit entry and the case's deadlines; a
 * write whose case is no longer in the state its plan started from
 * changes nothing and returns STORE_MOVED.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "aerd.h"
#include "store-int.h"

/* The first column of the first row, parsed as JSON; STORE_NOT_FOUND
 * when no row. */
static int
json_row(struct store *st, sqlite3_stmt *s, json_t **out)
{
	json_error_t	 jerr;
	int		 rc;

	*out = NULL;
	if (s == NULL)
		return STORE_ERROR;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = json_loadb((const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0), 0, &jerr);
	store_done(s);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	if (*out == NULL)
		log_warnx("store: %s", rc == SQLITE_ROW ? jerr.text :
		    sqlite3_errmsg(st->db));
	return *out ? STORE_OK : STORE_ERROR;
}

/* The whole case, as GET /v1/reports/{id} shows it. */
int
store_case(struct store *st, const char *id, const char *today,
    const struct msg_page *pg, json_t **out)
{
	*out = NULL;
	if (store_set_clock(st, today) == -1)
		return STORE_ERROR;
	return json_row(st, store_stmt(st, STMT_CASE_GET, "sll", id,
	    (long long)pg->limit, pg->before > 0 ? pg->before : LLONG_MAX),
	    out);
}

static void
day_column(sqlite3_stmt *s, int i, char out[DAY_LEN])
{
	snprintf(out, DAY_LEN, "%s", sqlite3_column_type(s, i) == SQLITE_NULL ?
	    "" : (const char *)sqlite3_column_text(s, i));
}

/*
 * What the plans know of a case, from CASE_FACTS: the case's columns on
 * every row, and on each its actions of one status and strength.
 * Leaves today and the deadlines to the caller.
 */
int
store_case_facts(struct store *st, const char *id, struct case_facts *f)
{
	enum action_status	 a;
	sqlite3_stmt		*s;
	const char		*strength;
	size_t			 n;
	int			 rc, rows = 0;

	memset(f, 0, sizeof(*f));
	if ((s = store_stmt(st, STMT_CASE_FACTS, "s", id)) == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (rows++ == 0) {
			if (state_parse((const char *)sqlite3_column_text(s,
			    0), &f->state) == -1) {
				rc = SQLITE_CORRUPT;
				break;
			}
			f->sac = sqlite3_column_int(s, 1);
			f->rca_required = sqlite3_column_int(s, 2);
			f->sentinel = sqlite3_column_int(s, 3);
			f->blameworthy = sqlite3_column_int(s, 4);
			f->has_rca = sqlite3_column_int(s, 5);
			f->rca_complete = sqlite3_column_int(s, 6);
			f->feedback_given = sqlite3_column_int(s, 7);
			day_column(s, 8, f->rca_start_due);
			day_column(s, 9, f->rca_due);
		}
		if (sqlite3_column_type(s, 10) == SQLITE_NULL)
			continue;
		if (action_status_parse((const char *)sqlite3_column_text(s,
		    10), &a) == -1)
			continue;	/* as the close rules always did */
		n = (size_t)sqlite3_column_int64(s, 12);
		strength = (const char *)sqlite3_column_text(s, 11);
		f->actions[a] += n;
		if (strength != NULL && strcmp(strength, "weaker") == 0)
			f->weaker[a] += n;
	}
	store_done(s);
	if (rc == SQLITE_CORRUPT)
		log_warnx("store: case %s has a state aerd does not know", id);
	if (rc != SQLITE_DONE)
		return STORE_ERROR;
	return rows == 0 ? STORE_NOT_FOUND : STORE_OK;
}

/* One row changed: STORE_OK; none: the case moved meanwhile. */
static int
moved(int changed)
{
	return changed == 1 ? STORE_OK : changed == 0 ? STORE_MOVED :
	    STORE_ERROR;
}

/*
 * Opens a write to a case: what it has pending leaves due_counts, to be
 * counted again as it stands when the write is done (case_done).
 */
static int
case_begin(struct store *st, const char *id)
{
	if (store_begin(st) == -1)
		return STORE_ERROR;
	if (store_exec(st, STMT_CASE_DUE_TAKE, "s", id) == -1) {
		store_rollback(st);
		return STORE_ERROR;
	}
	return STORE_OK;
}

/* The case's deadlines as it now stands: in due_counts, next_due and
 * escalate_due. Also for escalation (store-admin.c). */
int
store_case_due(struct store *st, const char *id)
{
	if (store_exec(st, STMT_CASE_DUE_SET, "s", id) != 1)
		return STORE_ERROR;
	return STORE_OK;
}

/* Ends a write to a case: its deadlines, its audit entry, and commit;
 * or, rc not STORE_OK, roll back. */
static int
case_done(struct store *st, const char *id, const struct plan *p,
    const struct who *w, int rc)
{
	if (rc == STORE_OK && (store_exec(st, STMT_CASE_DUE_PUT, "s",
	    id) == -1 || store_case_due(st, id) != STORE_OK ||
	    store_audit_append(st, id, w, p->change) == -1))
		rc = STORE_ERROR;
	return store_end(st, rc);
}

/* The move the plan decided, and the RCA's deadlines it set. */
static int
case_move(struct store *st, const char *id, const struct plan *p)
{
	return moved(store_exec(st, STMT_CASE_MOVE, "sssss", id,
	    state_name(p->to), state_name(p->from),
	    p->rca_start_due[0] ? p->rca_start_due : NULL,
	    p->rca_due[0] ? p->rca_due : NULL));
}

/* 1 row changed: STORE_OK; anything else is a failure. */
static int
wrote(int changed)
{
	return changed == 1 ? STORE_OK : STORE_ERROR;
}

int
store_triage(struct store *st, const char *id, const struct triage_in *t,
    const struct plan *p, const struct who *w)
{
	int	rc;

	if (case_begin(st, id) != STORE_OK)
		return STORE_ERROR;
	if ((rc = case_move(st, id, p)) == STORE_OK)
		rc = wrote(store_exec(st, STMT_TRIAGE_INSERT, "sssiisiss", id,
		    t->severity, t->probability, t->sentinel, t->blameworthy,
		    t->note, p->sac, w->at, w->actor));
	if (rc == STORE_OK)
		rc = wrote(store_exec(st, STMT_REPORT_TRIAGED, "sii", id,
		    p->sac, p->rca_required));
	return case_done(st, id, p, w, rc);
}

int
store_rca(struct store *st, const char *id, const struct rca_in *r,
    const char *today, const struct plan *p, const struct who *w)
{
	int	rc;

	if (case_begin(st, id) != STORE_OK)
		return STORE_ERROR;
	if ((rc = case_move(st, id, p)) == STORE_OK)
		rc = wrote(store_exec(st, STMT_RCA_PUT, "ssssis", id, r->team,
		    r->timeline, r->causes, r->complete, today));
	return case_done(st, id, p, w, rc);
}

int
store_action_add(struct store *st, const char *report_id,
    const struct action_in *a, const char *today, const struct plan *p,
    const struct who *w)
{
	int	rc;

	if (case_begin(st, report_id) != STORE_OK)
		return STORE_ERROR;
	if ((rc = case_move(st, report_id, p)) == STORE_OK)
		rc = wrote(store_exec(st, STMT_ACTION_INSERT, "ssssssssss",
		    a->id, report_id, a->description, a->strength, a->owner,
		    a->measure, a->target, a->measure_by, a->due, today));
	return case_done(st, report_id, p, w, rc);
}

int
store_action_get(struct store *st, const char *action_id,
    char report_id[ID_LEN], enum action_status *status)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_ACTION_GET, "s", action_id)) == NULL)
		return STORE_ERROR;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(report_id, ID_LEN, "%s", sqlite3_column_text(s, 0));
		if (action_status_parse((const char *)sqlite3_column_text(s,
		    1), status) == -1)
			rc = SQLITE_CORRUPT;
	}
	store_done(s);
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
	    STORE_NOT_FOUND : STORE_ERROR;
}

/* The action's move, from the status its plan started from. */
int
store_action_update(struct store *st, const char *report_id,
    const struct action_patch *a, const char *today, const struct plan *p,
    const struct who *w)
{
	int	rc;

	if (case_begin(st, report_id) != STORE_OK)
		return STORE_ERROR;
	if ((rc = case_move(st, report_id, p)) == STORE_OK)
		rc = moved(store_exec(st, STMT_ACTION_UPDATE, "ssssss", a->id,
		    action_status_name(p->action_to), a->note, a->reason,
		    today, action_status_name(p->action_from)));
	return case_done(st, report_id, p, w, rc);
}

int
store_message(struct store *st, const char *report_id, const char *sender,
    const char *day, const char *text, const struct plan *p,
    const struct who *w)
{
	int	rc;

	if (case_begin(st, report_id) != STORE_OK)
		return STORE_ERROR;
	if ((rc = case_move(st, report_id, p)) == STORE_OK)
		rc = wrote(store_exec(st, STMT_MESSAGE_INSERT, "ssss",
		    report_id, sender, day, text));
	return case_done(st, report_id, p, w, rc);
}

/* The outcome goes in before the move: the count of days to close reads
 * closed_on as the state changes (sql/004_summary.sql). */
int
store_close_case(struct store *st, const char *id, const struct close_in *c,
    const char *today, const struct plan *p, const struct who *w)
{
	int	rc;

	if (case_begin(st, id) != STORE_OK)
		return STORE_ERROR;
	if ((rc = wrote(store_exec(st, STMT_REPORT_OUTCOME, "ssss", id,
	    c->outcome, c->rationale, today))) == STORE_OK)
		rc = case_move(st, id, p);
	return case_done(st, id, p, w, rc);
}
