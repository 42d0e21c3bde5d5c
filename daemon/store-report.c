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
 * The reporter's side of the store: reports filed into the inbox in
 * batches that commit together (filing.c groups them), answers to
 * reviewers likewise into the inbox, and the follow-up a receipt opens,
 * which shows the reporter what waits as well as what was released
 * (store-release.c moves the inbox into the case tables). Filing writes
 * no audit entry and nothing that says who filed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "aerd.h"
#include "store-int.h"

/* A report into the inbox, to wait for f->release_at. */
int
store_inbox_add(struct store *st, const struct filing *f,
    const struct report_in *r)
{
	json_t	*list;
	char	*factors;
	size_t	 i;
	int	 rc;

	if ((list = json_array()) == NULL)
		return STORE_ERROR;
	for (i = 0; i < r->nfactors; i++)
		json_array_append_new(list, json_string(r->factors[i]));
	factors = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	if (factors == NULL)
		return STORE_ERROR;
	rc = store_exec(st, STMT_INBOX_REPORT_INSERT, "sbslssssssssssss",
	    f->id, f->receipt_hash, f->received, f->release_at,
	    r->event_type, r->category, r->harm, r->merp_category,
	    r->occurred_at, r->location, r->description, r->immediate_actions,
	    r->reporter_role, factors, f->triage_due, f->feedback_due);
	free(factors);
	return rc == 1 ? STORE_OK : STORE_ERROR;
}

/*
 * Adds a report to the batch of reports being filed together, opening
 * the batch's transaction if it is not open: one savepoint per report,
 * so one that fails leaves the others. Nothing is durable until
 * store_file_commit().
 */
int
store_file(struct store *st, const struct filing *f, const struct report_in *r,
    char *err, size_t errlen)
{
	if (!st->batch) {
		if (store_exec(st, STMT_BEGIN, "") == -1)
			goto fail;
		st->batch = 1;
	}
	if (store_exec(st, STMT_FILING_SAVEPOINT, "") == -1)
		goto fail;
	if (store_inbox_add(st, f, r) == STORE_ERROR)
		goto undo;
	if (store_exec(st, STMT_FILING_RELEASE, "") == -1)
		goto undo;
	return STORE_OK;

undo:
	snprintf(err, errlen, "cannot store the report: %s",
	    sqlite3_errmsg(st->db));
	store_exec(st, STMT_FILING_UNDO, "");
	store_exec(st, STMT_FILING_RELEASE, "");
	return STORE_ERROR;
fail:
	snprintf(err, errlen, "cannot store the report: %s",
	    sqlite3_errmsg(st->db));
	return STORE_ERROR;
}

/*
 * Commits the batch: on STORE_OK every report in it is on disk
 * (synchronous=FULL); on STORE_ERROR none is.
 */
int
store_file_commit(struct store *st, char *err, size_t errlen)
{
	if (!st->batch)
		return STORE_OK;
	st->batch = 0;
	if (store_commit(st) == STORE_ERROR) {
		snprintf(err, errlen, "cannot store the reports: %s",
		    sqlite3_errmsg(st->db));
		store_rollback(st);
		return STORE_ERROR;
	}
	/* The WAL, which keeps commits in order, is folded in and emptied
	 * soon after (store-ckpt.c, the checkpointer); the replies need
	 * not wait for it. */
	return STORE_OK;
}

/*
 * A reporter's answer to a reviewer, into the inbox until the release
 * at release_at; durable on return.
 */
int
store_reply(struct store *st, const char *id, const char *report_id,
    const char *day, const char *text, const char *change,
    long long release_at, char *err, size_t errlen)
{
	int	rc;

	if (store_begin(st) == STORE_ERROR)
		goto fail;
	rc = store_exec(st, STMT_INBOX_REPLY_INSERT, "ssslss", id, report_id,
	    day, release_at, text, change) == 1 ? STORE_OK : STORE_ERROR;
	if (store_end(st, rc) == STORE_OK)
		return STORE_OK;
fail:
	snprintf(err, errlen, "cannot store the answer: %s",
	    sqlite3_errmsg(st->db));
	return STORE_ERROR;
}

/* Who commits an open batch when another write needs the store. */
void
store_set_flush(struct store *st, void (*flush)(void *), void *arg)
{
	st->flush = flush;
	st->flush_arg = arg;
}

/* A text column as JSON; null when NULL or not UTF-8 (only tampering
 * could put such text there). */
static json_t *
column_json(sqlite3_stmt *s, int i)
{
	json_t	*v;

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return json_null();
	v = json_stringn((const char *)sqlite3_column_text(s, i),
	    (size_t)sqlite3_column_bytes(s, i));
	return v ? v : json_null();
}

/* Rows of (n, from, sent, text) onto list, numbered from first on if
 * first > 0, else by their own n. */
static int
messages(struct store *st, sqlite3_stmt *s, long long first, json_t *list)
{
	int	rc;

	if (s == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:o, s:o, s:o}",
		    "n", (json_int_t)(first > 0 ? first++ :
		    sqlite3_column_int64(s, 0)), "from", column_json(s, 1),
		    "sent", column_json(s, 2), "text", column_json(s, 3)));
	store_done(s);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/*
 * A page of what the reporter sees: the released messages, numbered by
 * their seq (1, 2, ...), then the answers still waiting, numbered on
 * from there; and messages_total, how many in all.
 */
static int
followup_page(struct store *st, json_t *o, const struct msg_page *pg)
{
	const char	*id = json_string_value(json_object_get(o, "id"));
	sqlite3_stmt	*s;
	json_t		*list = json_object_get(o, "messages");
	long long	 released, waiting, total, hi, lo, wlo;
	int		 rc;

	if ((s = store_stmt(st, STMT_MESSAGES_COUNT, "s", id)) == NULL)
		return STORE_ERROR;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		released = sqlite3_column_int64(s, 0);
		waiting = sqlite3_column_int64(s, 1);
	}
	store_done(s);
	if (rc != SQLITE_ROW)
		return STORE_ERROR;
	total = released + waiting;
	hi = pg->before > 0 && pg->before - 1 < total ? pg->before - 1 : total;
	lo = hi - pg->limit + 1 > 1 ? hi - pg->limit + 1 : 1;
	json_object_set_new(o, "messages_total", json_integer(total));
	if (hi < lo)
		return STORE_OK;
	if (lo <= released && messages(st, store_stmt(st,
	    STMT_MESSAGES_FOR_REPORT, "sll", id, (hi < released ? hi :
	    released) + 1, (hi < released ? hi : released) - lo + 1), 0,
	    list) == STORE_ERROR)
		return STORE_ERROR;
	if (hi <= released)
		return STORE_OK;
	wlo = lo > released ? lo : released + 1;
	return messages(st, store_stmt(st, STMT_INBOX_REPLIES_FOR_REPORT,
	    "sll", id, wlo - released - 1, hi - wlo + 1), wlo, list);
}

/*
 * The report a receipt opens, as {"id", "state", "received", "outcome",
 * "messages"}, or STORE_NOT_FOUND when no report matches.
 */
int
store_followup(struct store *st, const unsigned char hash[RECEIPT_HASH_LEN],
    const struct msg_page *pg, json_t **out, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	json_t		*o, *list;
	int		 rc;

	*out = NULL;
	if ((s = store_stmt(st, STMT_FOLLOWUP_BY_RECEIPT, "b", hash)) == NULL)
		goto fail;
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		/* Not released yet: the reporter sees it all the same. */
		store_done(s);
		if ((s = store_stmt(st, STMT_INBOX_FOLLOWUP_BY_RECEIPT, "b",
		    hash)) == NULL)
			goto fail;
		rc = sqlite3_step(s);
	}
	if (rc == SQLITE_DONE) {
		store_done(s);
		return STORE_NOT_FOUND;
	}
	if (rc != SQLITE_ROW) {
		store_done(s);
		goto fail;
	}
	list = json_array();
	o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", column_json(s, 0),
	    "state", column_json(s, 1), "received", column_json(s, 2),
	    "outcome", column_json(s, 3), "messages", list);
	store_done(s);
	if (o == NULL || followup_page(st, o, pg) == STORE_ERROR) {
		json_decref(o);
		goto fail;
	}
	*out = o;
	return STORE_OK;

fail:
	snprintf(err, errlen, "cannot read the report: %s",
	    sqlite3_errmsg(st->db));
	return STORE_ERROR;
}

/* How many messages the report has had on day: released (either side's),
 * the reporter's among those, and the reporter's still waiting. */
int
store_messages_on(struct store *st, const char *report_id, const char *day,
    struct day_messages *n)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_MESSAGES_ON_DAY, "ss", report_id,
	    day)) == NULL)
		return STORE_ERROR;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n->released = sqlite3_column_int(s, 0);
		n->released_reporter = sqlite3_column_int(s, 1);
		n->waiting = sqlite3_column_int(s, 2);
	}
	store_done(s);
	return rc == SQLITE_ROW ? STORE_OK : STORE_ERROR;
}
