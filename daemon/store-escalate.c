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
 * Escalation in the store: the deadlines past due and not yet escalated
 * (escalate.c tells someone of each), and the mark, audited, that each
 * has been, so that it is told once.
 */
#include "config.h"

#include "aerd.h"
#include "store-int.h"

static json_t *
text(sqlite3_stmt *s, int i)
{
	return json_string((const char *)sqlite3_column_text(s, i));
}

/* The overdue items of one case not yet escalated, appended to list. */
static int
case_escalations(struct store *st, const char *id, const char *state,
    json_t *list)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_ESCALATE_ITEMS, "s", id)) == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:s}",
		    "report_id", id, "what", text(s, 0), "due", text(s, 1),
		    "state", state));
	store_done(s);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/*
 * Overdue items not yet escalated: [{"report_id", "what", "due",
 * "state"}], of the 100 cases whose earliest such item is the oldest.
 * Cases come from reports_escalate, so a pass reads only cases with
 * something to escalate.
 */
int
store_escalations(struct store *st, const char *today, json_t **out)
{
	sqlite3_stmt	*s;
	json_t		*cases, *list, *c;
	size_t		 i;
	int		 rc;

	*out = NULL;
	if (store_set_clock(st, today) == STORE_ERROR ||
	    (s = store_stmt(st, STMT_ESCALATE_CASES, "")) == NULL)
		return STORE_ERROR;
	cases = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(cases, json_pack("[o, o]", text(s, 0),
		    text(s, 1)));
	store_done(s);
	list = json_array();
	json_array_foreach(cases, i, c) {
		if (rc != SQLITE_DONE)
			break;
		if (case_escalations(st, json_string_value(json_array_get(c,
		    0)), json_string_value(json_array_get(c, 1)), list) ==
		    STORE_ERROR)
			rc = SQLITE_ERROR;
	}
	json_decref(cases);
	if (rc != SQLITE_DONE) {
		json_decref(list);
		return STORE_ERROR;
	}
	*out = list;
	return STORE_OK;
}

/* Marks one item escalated, once: STORE_MOVED if it already was. */
int
store_escalate(struct store *st, const char *report_id, const char *what,
    const char *due, const char *today, const struct who *w,
    const char *change)
{
	int	rc;

	if (store_begin(st) == STORE_ERROR)
		return STORE_ERROR;
	rc = store_exec(st, STMT_ESCALATION_INSERT, "ssss", report_id, what,
	    due, today);
	if (rc != 1)
		return store_end(st, rc == -1 ? STORE_ERROR : STORE_MOVED);
	if (store_audit_append(st, report_id, w, change) == STORE_ERROR ||
	    store_case_due(st, report_id) != STORE_OK)
		return store_end(st, STORE_ERROR);
	return store_end(st, STORE_OK);
}
