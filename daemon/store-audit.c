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
 * The audit chain in the store: each change to a case or a token appends
 * an entry in the same transaction (store_audit_append), whose hash
 * covers the entry before it (audit.c); store_audit_verify walks the
 * chain to show where, if anywhere, it was broken.
 */
#include "config.h"

#include <string.h>

#include "aerd.h"
#include "store-int.h"

/* Appends an entry to the chain, inside the caller's transaction. */
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
		return STORE_ERROR;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		seq = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == AUDIT_HASH_LEN)
			memcpy(prev, sqlite3_column_blob(s, 1), AUDIT_HASH_LEN);
	}
	store_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return STORE_ERROR;
	e.seq = seq + 1;
	e.report_id = report_id;
	e.at = w->at;
	e.role = w->role;
	e.actor = w->actor;
	e.change = change;
	if (audit_hash(prev, &e, hash) == -1)
		return STORE_ERROR;
	return store_exec(st, STMT_AUDIT_INSERT, "lsssssbb", e.seq, report_id,
	    w->at, w->role, w->actor, change, prev, hash) == 1 ? STORE_OK :
	    STORE_ERROR;
}

static const char *
column(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/*
 * Walks the audit chain. Sets c->bad_seq to 0 when it holds, or to the
 * first entry where it breaks, with c->problem: "removed" (a gap before
 * it), "altered" (its hash does not match its content), or "reordered"
 * (its link does not match the entry before it). Gives the head of the
 * chain, and the hash of entry c->at_seq when asked for one, so that a
 * head recorded elsewhere can show entries cut from the end, or a chain
 * recomputed after a change.
 */
int
store_audit_verify(struct store *st, struct audit_check *c)
{
	struct audit_entry	 e;
	sqlite3_stmt		*s;
	unsigned char		 prev[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
	long long		 last = 0, at_seq = c->at_seq;
	int			 rc;

	memset(c, 0, sizeof(*c));
	c->at_seq = at_seq;
	memset(prev, 0, sizeof(prev));
	if ((s = store_stmt(st, STMT_AUDIT_ALL, "")) == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->entries++;
		if (c->bad_seq != 0)
			continue;
		e.seq = sqlite3_column_int64(s, 0);
		e.report_id = column(s, 1);
		e.at = column(s, 2);
		e.role = column(s, 3);
		e.actor = column(s, 4);
		e.change = column(s, 5);
		if (e.seq != last + 1)
			c->problem = "removed";
		else if (sqlite3_column_bytes(s, 6) != AUDIT_HASH_LEN ||
		    memcmp(sqlite3_column_blob(s, 6), prev, AUDIT_HASH_LEN))
			c->problem = "reordered";
		else if (e.at == NULL || e.role == NULL || e.change == NULL ||
		    audit_hash(prev, &e, hash) == -1 ||
		    sqlite3_column_bytes(s, 7) != AUDIT_HASH_LEN ||
		    memcmp(sqlite3_column_blob(s, 7), hash, AUDIT_HASH_LEN))
			c->problem = "altered";
		if (c->problem != NULL) {
			c->bad_seq = e.seq;
			continue;
		}
		memcpy(prev, hash, AUDIT_HASH_LEN);
		last = e.seq;
		if (e.seq == c->at_seq) {
			c->at_found = 1;
			memcpy(c->at, hash, AUDIT_HASH_LEN);
		}
	}
	store_done(s);
	c->head_seq = last;
	memcpy(c->head, prev, AUDIT_HASH_LEN);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}
