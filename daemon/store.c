/*
 * The store: aerd's one writing connection (opened by store-db.c), and
 * the named statements from sql/statements.sql, each prepared once and
 * reset after use. The store speaks SQL and nothing else: no HTTP, no
 * rules.
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
		return -1;
	return store_exec(st, STMT_BEGIN, "") == -1 ? -1 : 0;
}

/* Commits; the checkpointer then folds the commit in, off the loop. */
int
store_commit(struct store *st)
{
	if (store_exec(st, STMT_COMMIT, "") == -1)
		return -1;
	store_ckpt_kick(st);
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		store_exec(st, STMT_ROLLBACK, "");
}

int
store_set_clock(struct store *st, const char *today)
{
	return store_exec(st, STMT_CLOCK_SET, "s", today) == 1 ? 0 : -1;
}

/*
 * Opens the store. check: refuse a damaged database (PRAGMA quick_check,
 * which reads the whole file) and migrate it; aerd does so once at
 * start, then opens it again without (store_reopen) after daemon().
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
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (taxonomy_add(tx, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3)) == -1) {
			store_done(s);
			snprintf(err, errlen, "cannot load the taxonomy");
			return -1;
		}
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "cannot read the taxonomy: %s",
		    sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
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
	size_t	i;

	if (!st->batch) {
		if (store_exec(st, STMT_BEGIN, "") == -1)
			goto fail;
		st->batch = 1;
	}
	if (store_exec(st, STMT_FILING_SAVEPOINT, "") == -1)
		goto fail;
	if (store_exec(st, STMT_REPORT_INSERT, "sbssssssssssss", f->id,
	    f->receipt_hash, f->received, r->event_type, r->category, r->harm,
	    r->merp_category, r->occurred_at, r->location, r->description,
	    r->immediate_actions, r->reporter_role, f->triage_due,
	    f->feedback_due) != 1)
		goto undo;
	for (i = 0; i < r->nfactors; i++)
		if (store_exec(st, STMT_FACTOR_INSERT, "ss", f->id,
		    r->factors[i]) != 1)
			goto undo;
	if (store_exec(st, STMT_FILING_RELEASE, "") == -1)
		goto undo;
	return 0;

undo:
	snprintf(err, errlen, "cannot store the report: %s",
	    sqlite3_errmsg(st->db));
	store_exec(st, STMT_FILING_UNDO, "");
	store_exec(st, STMT_FILING_RELEASE, "");
	return -1;
fail:
	snprintf(err, errlen, "cannot store the report: %s",
	    sqlite3_errmsg(st->db));
	return -1;
}

/*
 * Commits the batch: on return 0 every report in it is on disk
 * (synchronous=FULL); on -1 none is.
 */
int
store_file_commit(struct store *st, char *err, size_t errlen)
{
	if (!st->batch)
		return 0;
	st->batch = 0;
	if (store_commit(st) == -1) {
		snprintf(err, errlen, "cannot store the reports: %s",
		    sqlite3_errmsg(st->db));
		store_rollback(st);
		return -1;
	}
	/* The WAL, which keeps commits in order, is folded in and emptied
	 * soon after (store-admin.c, the checkpointer); the replies need
	 * not wait for it. */
	return 0;
}

/* One report, durable on return. */
int
store_insert_report(struct store *st, const struct filing *f,
    const struct report_in *r, char *err, size_t errlen)
{
	if (store_file(st, f, r, err, errlen) == -1) {
		store_file_commit(st, err, errlen);
		return -1;
	}
	return store_file_commit(st, err, errlen);
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

static int
messages(struct store *st, const char *id, json_t *list)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_MESSAGES_FOR_REPORT, "s", id)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:o, s:o, s:o}",
		    "from", column_json(s, 1), "sent", column_json(s, 2),
		    "text", column_json(s, 3)));
	store_done(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The report a receipt opens, as {"id", "state", "received", "outcome",
 * "messages"}. Returns 0, 1 when no report matches, or -1.
 */
int
store_followup(struct store *st, const unsigned char hash[RECEIPT_HASH_LEN],
    json_t **out, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	json_t		*o, *list;
	int		 rc;

	*out = NULL;
	if ((s = store_stmt(st, STMT_FOLLOWUP_BY_RECEIPT, "b", hash)) == NULL)
		goto fail;
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		store_done(s);
		return 1;
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
	if (o == NULL || messages(st, json_string_value(json_object_get(o,
	    "id")), list) == -1) {
		json_decref(o);
		goto fail;
	}
	*out = o;
	return 0;

fail:
	snprintf(err, errlen, "cannot read the report: %s",
	    sqlite3_errmsg(st->db));
	return -1;
}
