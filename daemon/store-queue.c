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
 * The reviewer's queue, a page at a time: each open state's cases read
 * from the reports_queue_harm index, overdue first, then the most
 * harmful, then by the next deadline; and what each of
 * the page's cases has pending, and whether a reply from the reporter
 * waits for an answer. The open states are the workflow's
 * (workflow_open_states).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aerd.h"
#include "store-int.h"

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
		    json_object_set_new(row, "overdue", overdue) == -1 ||
		    json_object_set_new(row, "reply_unanswered",
		    json_boolean(sqlite3_column_int(s, 2))) == -1)
			rc = SQLITE_ERROR;
	}
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * One page of the queue: the cases after the key q->after (the first
 * page when its fields are empty) as {"cases": [...], "next": KEY|null},
 * KEY ("PART_RANK_DUE_RECEIVED_ID") the last case's when the page is
 * full. Without q->state, the
 * workflow's open states; QUEUE reads up to four.
 */
#define QUEUE_STATES	4
int
store_queue(struct store *st, const struct queue_query *q, json_t **out)
{
	const char	*states[QUEUE_STATES] = { NULL, NULL, NULL, NULL };
	enum state	 open[STATE__COUNT];
	sqlite3_stmt	*s;
	json_t		*cases, *row, *next = NULL;
	json_error_t	 jerr;
	char		 key[QUEUE_KEY_LEN];
	size_t		 i, nopen;
	int		 n = 0, rc;

	*out = NULL;
	if (q->state != NULL)
		states[0] = q->state;
	else if ((nopen = workflow_open_states(open)) > QUEUE_STATES) {
		log_warnx("store: QUEUE reads %d states, not %zu",
		    QUEUE_STATES, nopen);
		return STORE_ERROR;
	} else
		for (i = 0; i < nopen; i++)
			states[i] = state_name(open[i]);
	if (store_set_clock(st, q->today) == -1 ||
	    (s = store_stmt(st, STMT_QUEUE, "ssssiiisssissss", states[0],
	    states[1], states[2], states[3], q->overdue_only, q->after_part,
	    q->after_rank, q->after_due, q->after_received, q->after_id,
	    q->limit, q->category, q->harm, q->since, q->today)) == NULL)
		return STORE_ERROR;
	cases = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row = json_loadb((const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0), 0, &jerr);
		if (row == NULL || json_array_append_new(cases, row) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
		if (++n == q->limit) {
			snprintf(key, sizeof(key), "%d_%d_%s_%s_%s",
			    sqlite3_column_int(s, 1), sqlite3_column_int(s, 2),
			    sqlite3_column_text(s, 3), sqlite3_column_text(s, 4),
			    sqlite3_column_text(s, 5));
			next = json_string(key);
		}
	}
	store_done(s);
	for (i = 0; rc == SQLITE_DONE && i < (size_t)n; i++)
		if (queue_due(st, json_array_get(cases, i)) == -1)
			rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		json_decref(cases);
		json_decref(next);
		return STORE_ERROR;
	}
	*out = json_pack("{s:o, s:o}", "cases", cases, "next",
	    next ? next : json_null());
	return *out ? STORE_OK : STORE_ERROR;
}
