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
 * The release: what reporters wrote since the last one moves out of the
 * inbox (sql/010_inbox.sql) into the case tables, reports first and
 * then answers, each group in an order drawn from the operating
 * system's random source, all in one transaction. A stop at any point
 * leaves either the whole batch waiting or the whole batch released:
 * nothing lost, nothing twice. The summary's rollups and a case's
 * deadlines are written as each report lands, inside that transaction;
 * an answer's audit entry carries the release's time, never the time
 * it was written.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"
#include "store-int.h"

struct ids {
	char	**v;
	size_t	  n, cap;
};

static void
ids_free(struct ids *ids)
{
	size_t	i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	memset(ids, 0, sizeof(*ids));
}

/* The ids a statement yields, in its order. */
static int
ids_of(struct store *st, enum sql_stmt which, long long cutoff,
    long long horizon, const char *report, struct ids *ids)
{
	sqlite3_stmt	*s;
	char		**v;
	int		  rc;

	s = report != NULL ? store_stmt(st, which, "lls", cutoff, horizon,
	    report) : store_stmt(st, which, "ll", cutoff, horizon);
	if (s == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ids->n == ids->cap) {
			ids->cap = ids->cap ? ids->cap * 2 : 64;
			if ((v = reallocarray(ids->v, ids->cap,
			    sizeof(*v))) == NULL)
				break;
			ids->v = v;
		}
		if ((ids->v[ids->n] = strdup((const char *)
		    sqlite3_column_text(s, 0))) == NULL)
			break;
		ids->n++;
	}
	store_done(s);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* The same, in an order drawn from the operating system. */
static int
shuffled(struct store *st, enum sql_stmt which, long long cutoff,
    long long horizon, struct ids *ids)
{
	if (ids_of(st, which, cutoff, horizon, NULL, ids) == STORE_ERROR)
		return STORE_ERROR;
	return random_shuffle(ids->v, ids->n) == -1 ? STORE_ERROR : STORE_OK;
}

/* One waiting report into the case tables, as filed. */
static int
release_report(struct store *st, const char *id)
{
	sqlite3_stmt	*s;
	const char	*c[14];
	int		 i, rc;

	if ((s = store_stmt(st, STMT_INBOX_REPORT_GET, "s", id)) == NULL)
		return STORE_ERROR;
	if (sqlite3_step(s) != SQLITE_ROW ||
	    sqlite3_column_bytes(s, 1) != RECEIPT_HASH_LEN) {
		store_done(s);
		return STORE_ERROR;
	}
	for (i = 0; i < 14; i++)
		c[i] = (const char *)sqlite3_column_text(s, i);
	rc = store_exec(st, STMT_REPORT_INSERT, "sbssssssssssss", c[0],
	    sqlite3_column_blob(s, 1), c[2], c[3], c[4], c[5], c[6], c[7],
	    c[8], c[9], c[10], c[11], c[12], c[13]);
	store_done(s);
	if (rc != 1 ||
	    store_exec(st, STMT_INBOX_FACTORS_RELEASE, "s", id) == -1 ||
	    store_exec(st, STMT_INBOX_REPORT_DELETE, "s", id) != 1)
		return STORE_ERROR;
	return STORE_OK;
}

/* One waiting answer into its case's messages, audited at the release. */
static int
release_reply(struct store *st, const char *id, const char *at)
{
	struct who		 w = { .at = at, .role = "reporter" };
	sqlite3_stmt		*s;
	char			 report[ID_LEN];
	int			 rc;

	if ((s = store_stmt(st, STMT_INBOX_REPLY_GET, "s", id)) == NULL)
		return STORE_ERROR;
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_done(s);
		return STORE_ERROR;
	}
	snprintf(report, sizeof(report), "%s", sqlite3_column_text(s, 0));
	rc = store_exec(st, STMT_MESSAGE_INSERT, "ssss", report, "reporter",
	    (const char *)sqlite3_column_text(s, 1),
	    (const char *)sqlite3_column_text(s, 2));
	if (rc == 1 && store_audit_append(st, report, &w,
	    (const char *)sqlite3_column_text(s, 3)) == STORE_ERROR)
		rc = -1;
	store_done(s);
	if (rc != 1 || store_exec(st, STMT_INBOX_REPLY_DELETE, "s", id) != 1)
		return STORE_ERROR;
	return STORE_OK;
}

/*
 * One answered report's due answers, in the order they were written: the
 * order among reports is drawn at random, the order of one reporter's
 * answers is theirs.
 */
static int
release_replies(struct store *st, const char *report, long long cutoff,
    long long horizon, const char *at, size_t *released)
{
	struct ids	replies = { 0 };
	size_t		i;
	int		rc;

	rc = ids_of(st, STMT_INBOX_DUE_REPLIES, cutoff, horizon, report,
	    &replies);
	for (i = 0; rc == STORE_OK && i < replies.n; i++)
		rc = release_reply(st, replies.v[i], at);
	*released += replies.n;
	ids_free(&replies);
	return rc;
}

/* Inside a transaction: everything due, reports first. */
static int
release_due(struct store *st, long long cutoff, long long horizon,
    const char *at, size_t *released)
{
	struct ids	reports = { 0 }, answered = { 0 };
	size_t		i;
	int		rc;

	rc = shuffled(st, STMT_INBOX_DUE_REPORTS, cutoff, horizon, &reports);
	if (rc == STORE_OK)
		rc = shuffled(st, STMT_INBOX_DUE_REPLY_REPORTS, cutoff,
		    horizon, &answered);
	for (i = 0; rc == STORE_OK && i < reports.n; i++)
		rc = release_report(st, reports.v[i]);
	*released = reports.n;
	for (i = 0; rc == STORE_OK && i < answered.n; i++)
		rc = release_replies(st, answered.v[i], cutoff, horizon, at,
		    released);
	ids_free(&reports);
	ids_free(&answered);
	return rc;
}

/*
 * Releases everything waiting for a release at or before cutoff (the
 * release's own time, epoch seconds), and anything waiting for a time
 * past horizon (further off than any release could be); at is the day
 * the answers' audit entries carry. Says in *released how many items went.
 */
int
store_release(struct store *st, long long cutoff, long long horizon,
    const char *at, size_t *released, char *err, size_t errlen)
{
	int	rc;

	*released = 0;
	if (store_begin(st) == STORE_ERROR)
		goto fail;
	if ((rc = release_due(st, cutoff, horizon, at, released)) !=
	    STORE_OK)
		snprintf(err, errlen, "cannot release the waiting reports: "
		    "%s", sqlite3_errmsg(st->db));
	if (store_end(st, rc) == STORE_OK)
		return STORE_OK;
	*released = 0;
	if (rc == STORE_OK)
		snprintf(err, errlen, "cannot release the waiting reports: "
		    "%s", sqlite3_errmsg(st->db));
	return STORE_ERROR;
fail:
	snprintf(err, errlen, "cannot release the waiting reports: %s",
	    sqlite3_errmsg(st->db));
	return STORE_ERROR;
}

/*
 * An urgent report: filed and released alone in one transaction, so
 * that reviewers see it at once. The reporter was told what that shows.
 */
int
store_file_urgent(struct store *st, const struct filing *f,
    const struct report_in *r, char *err, size_t errlen)
{
	int	rc;

	if (store_begin(st) == STORE_ERROR)
		goto fail;
	rc = store_inbox_add(st, f, r);
	if (rc == STORE_OK)
		rc = release_report(st, f->id);
	if (store_end(st, rc) == STORE_OK)
		return STORE_OK;
fail:
	snprintf(err, errlen, "cannot store the report: %s",
	    sqlite3_errmsg(st->db));
	return STORE_ERROR;
}
