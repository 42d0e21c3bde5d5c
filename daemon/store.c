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
 * The store: aerd's one writing connection (opened by store-db.c), the
 * named statements from sql/statements.sql, each prepared once and reset
 * after use, and the transactions the files above it write in. The store
 * speaks SQL and nothing else: no HTTP, no rules.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "aerd.h"
#include "store-int.h"

static int
bindv(sqlite3_stmt *s, const char *fmt, va_list ap)
{
	const char	*text;
	int		 i, rc = SQLITE_OK;

	for (i = 1; *fmt != '\0' && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 's':
			text = va_arg(ap, const char *);
			rc = text ? sqlite3_bind_text(s, i, text, -1,
			    SQLITE_STATIC) : sqlite3_bind_null(s, i);
			break;
		case 'i':
			rc = sqlite3_bind_int(s, i, va_arg(ap, int));
			break;
		case 'l':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, long long));
			break;
		case 'b':
			rc = sqlite3_bind_blob(s, i, va_arg(ap,
			    const unsigned char *), RECEIPT_HASH_LEN,
			    SQLITE_STATIC);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
	}
	return rc == SQLITE_OK ? 0 : -1;
}

/* The named statement, prepared once, with fmt's arguments bound. */
sqlite3_stmt *
store_stmt(struct store *st, enum sql_stmt which, const char *fmt, ...)
{
	sqlite3_stmt	*s;
	va_list		 ap;
	int		 rc;

	if (st->stmt[which] == NULL &&
	    sqlite3_prepare_v3(st->db, sql_statements[which], -1,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[which], NULL) != SQLITE_OK) {
		log_warnx("store: cannot prepare %s: %s",
		    sql_statement_names[which], sqlite3_errmsg(st->db));
		return NULL;
	}
	s = st->stmt[which];
	va_start(ap, fmt);
	rc = bindv(s, fmt, ap);
	va_end(ap);
	if (rc == -1) {
		store_done(s);
		return NULL;
	}
	return s;
}

void
store_done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* Runs a statement that returns no rows; the rows it changed, or -1. */
int
store_exec(struct store *st, enum sql_stmt which, const char *fmt, ...)
{
	sqlite3_stmt	*s;
	va_list		 ap;
	int		 rc;

	if ((s = store_stmt(st, which, "")) == NULL)
		return -1;
	va_start(ap, fmt);
	rc = bindv(s, fmt, ap);
	va_end(ap);
	if (rc == 0)
		rc = sqlite3_step(s) == SQLITE_DONE ?
		    sqlite3_changes(st->db) : -1;
	if (rc == -1)
		log_warnx("store: %s: %s", sql_statement_names[which],
		    sqlite3_errmsg(st->db));
	store_done(s);
	return rc;
}

/* A write of its own: reports being filed together are committed first. */
int
store_begin(struct store *st)
{
	if (st->batch && st->flush != NULL)
		st->flush(st->flush_arg);
	if (st->batch)
		return STORE_ERROR;
	return store_exec(st, STMT_BEGIN, "") == -1 ? STORE_ERROR : STORE_OK;
}

/* Commits; the checkpointer then folds the commit in, off the loop. */
int
store_commit(struct store *st)
{
	if (store_exec(st, STMT_COMMIT, "") == -1)
		return STORE_ERROR;
	store_ckpt_kick(st);
	return STORE_OK;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		store_exec(st, STMT_ROLLBACK, "");
}

/* Ends a write begun by store_begin: commits it when rc is STORE_OK,
 * else rolls it back. Returns rc, or STORE_ERROR if the commit failed. */
int
store_end(struct store *st, int rc)
{
	if (rc == STORE_OK && store_commit(st) == STORE_ERROR)
		rc = STORE_ERROR;
	if (rc != STORE_OK)
		store_rollback(st);
	return rc;
}

int
store_set_clock(struct store *st, const char *today)
{
	return store_exec(st, STMT_CLOCK_SET, "s", today) == 1 ? STORE_OK :
	    STORE_ERROR;
}

/*
 * Opens the store. STORE_DB_START also refuses a damaged database (PRAGMA
 * quick_check, which reads the whole file) and migrates it; aerd does so
 * once at start, then opens it again without (store_reopen) after
 * daemon().
 */
static int
open_store(const char *path, enum store_db kind, struct store **out,
    char *err, size_t errlen)
{
	struct store	*st;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL ||
	    (st->path = strdup(path)) == NULL) {
		free(st);
		snprintf(err, errlen, "out of memory");
		return STORE_ERROR;
	}
	if (store_db_open(path, kind, &st->db, err, errlen) == STORE_ERROR) {
		store_close(st);
		return STORE_ERROR;
	}
	*out = st;
	return STORE_OK;
}

int
store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	return open_store(path, STORE_DB_START, out, err, errlen);
}

/* The same after a clean stop (store-mark.c): migrated, not checked. */
int
store_open_clean(const char *path, struct store **out, char *err,
    size_t errlen)
{
	return open_store(path, STORE_DB_CLEAN, out, err, errlen);
}

int
store_verify(const char *path, char *err, size_t errlen)
{
	return store_db_verify(path, err, errlen);
}

/* The store again, in the same process, once store_open has checked and
 * migrated it: a newer database is still refused. */
int
store_reopen(const char *path, struct store **out, char *err, size_t errlen)
{
	return open_store(path, STORE_DB_WRITER, out, err, errlen);
}

void
store_close(struct store *st)
{
	int	i;

	if (st == NULL)
		return;
	store_ckpt_stop(st);
	for (i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int
store_load_taxonomy(struct store *st, struct taxonomy *tx, char *err,
    size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_TAXONOMY_ALL, "")) == NULL) {
		snprintf(err, errlen, "cannot read the taxonomy");
		return STORE_ERROR;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (taxonomy_add(tx, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3)) == -1) {
			store_done(s);
			snprintf(err, errlen, "cannot load the taxonomy");
			return STORE_ERROR;
		}
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "cannot read the taxonomy: %s",
		    sqlite3_errmsg(st->db));
		return STORE_ERROR;
	}
	return STORE_OK;
}

/*
 * The one report, action or token whose id starts with prefix: STORE_OK
 * with its id, STORE_NOT_FOUND, or STORE_AMBIGUOUS when more than one.
 */
int
store_resolve(struct store *st, enum resolve_kind kind, const char *prefix,
    char id[ID_LEN])
{
	static const enum sql_stmt which[] = { STMT_REPORT_RESOLVE,
	    STMT_ACTION_RESOLVE, STMT_TOKEN_RESOLVE };
	sqlite3_stmt	*s;
	int		 rc, n = 0;

	if ((s = store_stmt(st, which[kind], "s", prefix)) == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(id, ID_LEN, "%s", sqlite3_column_text(s, 0));
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		return STORE_ERROR;
	return n == 0 ? STORE_NOT_FOUND : n == 1 ? STORE_OK : STORE_AMBIGUOUS;
}

