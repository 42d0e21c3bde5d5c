/*
 * The store: aerd's one SQLite connection, its pragmas, and the named
 * statements from sql/statements.sql, each prepared once and reset after
 * use. The store speaks SQL and nothing else: no HTTP, no rules.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "aerd.h"
#include "sql-gen.h"

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmt[STMT__COUNT];
};

static const char *const pragmas[] = {
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = FULL",	/* a 201 means the report is on disk */
	"PRAGMA foreign_keys = ON",
	"PRAGMA secure_delete = ON",
	"PRAGMA trusted_schema = OFF",
	"PRAGMA busy_timeout = 5000",
};

static sqlite3_stmt *
stmt(struct store *st, enum sql_stmt which)
{
	if (st->stmt[which] == NULL &&
	    sqlite3_prepare_v3(st->db, sql_statements[which], -1,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[which], NULL) != SQLITE_OK) {
		log_warnx("store: cannot prepare %s: %s",
		    sql_statement_names[which], sqlite3_errmsg(st->db));
		return NULL;
	}
	return st->stmt[which];
}

static void
done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static int
exec_simple(struct store *st, enum sql_stmt which)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = stmt(st, which)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	done(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The database file is created by hand with mode 0600 before SQLite
 * opens it: SQLite gives the -wal and -shm files the same mode, so no
 * state is ever readable by others.
 */
static int
create_private(const char *path, char *err, size_t errlen)
{
	int	fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int
store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	struct store	*st;
	sqlite3_stmt	*s;
	size_t		 i;

	*out = NULL;
	if (create_private(path, err, errlen) == -1)
		return -1;
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	/* A database newer than this aerd is refused before it is touched. */
	if (migrate_check(st->db, sql_migrations, sql_migrations_count, err,
	    errlen) == -1)
		goto fail;
	for (i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++) {
		if (sqlite3_prepare_v2(st->db, pragmas[i], -1, &s, NULL) !=
		    SQLITE_OK) {
			snprintf(err, errlen, "%s is not an aer database: %s",
			    path, sqlite3_errmsg(st->db));
			goto fail;
		}
		if (sqlite3_step(s) == SQLITE_ROW && i == 0 &&
		    strcmp((const char *)sqlite3_column_text(s, 0), "wal")) {
			sqlite3_finalize(s);
			snprintf(err, errlen, "%s cannot use write-ahead "
			    "logging", path);
			goto fail;
		}
		if (sqlite3_finalize(s) != SQLITE_OK) {
			snprintf(err, errlen, "%s is not an aer database: %s",
			    path, sqlite3_errmsg(st->db));
			goto fail;
		}
	}
	if (migrate(st->db, sql_migrations, sql_migrations_count, err,
	    errlen) == -1)
		goto fail;
	*out = st;
	return 0;

fail:
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	int	i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st);
}

int
store_load_taxonomy(struct store *st, struct taxonomy *tx, char *err,
    size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = stmt(st, STMT_TAXONOMY_ALL)) == NULL) {
		snprintf(err, errlen, "cannot read the taxonomy");
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (taxonomy_add(tx, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3)) == -1) {
			done(s);
			snprintf(err, errlen, "cannot load the taxonomy");
			return -1;
		}
	}
	done(s);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "cannot read the taxonomy: %s",
		    sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Inserts a report and its factors in one transaction, durable on return. */
int
store_insert_report(struct store *st, const char *id,
    const unsigned char hash[RECEIPT_HASH_LEN], const char *received,
    const struct report_in *r, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	size_t		 i;

	if (exec_simple(st, STMT_BEGIN) == -1)
		goto fail;
	if ((s = stmt(st, STMT_REPORT_INSERT)) == NULL)
		goto fail;
	bind_text(s, 1, id);
	sqlite3_bind_blob(s, 2, hash, RECEIPT_HASH_LEN, SQLITE_STATIC);
	bind_text(s, 3, received);
	bind_text(s, 4, r->event_type);
	bind_text(s, 5, r->category);
	bind_text(s, 6, r->harm);
	bind_text(s, 7, r->merp_category);
	bind_text(s, 8, r->occurred_at);
	bind_text(s, 9, r->location);
	bind_text(s, 10, r->description);
	bind_text(s, 11, r->immediate_actions);
	bind_text(s, 12, r->reporter_role);
	if (sqlite3_step(s) != SQLITE_DONE) {
		done(s);
		goto fail;
	}
	done(s);
	if ((s = stmt(st, STMT_FACTOR_INSERT)) == NULL)
		goto fail;
	for (i = 0; i < r->nfactors; i++) {
		bind_text(s, 1, id);
		bind_text(s, 2, r->factors[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			done(s);
			goto fail;
		}
		done(s);
	}
	if (exec_simple(st, STMT_COMMIT) == -1)
		goto fail;
	return 0;

fail:
	snprintf(err, errlen, "cannot store the report: %s",
	    sqlite3_errmsg(st->db));
	if (!sqlite3_get_autocommit(st->db))
		exec_simple(st, STMT_ROLLBACK);
	return -1;
}

static json_t *
column_json(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return json_null();
	return json_stringn((const char *)sqlite3_column_text(s, i),
	    (size_t)sqlite3_column_bytes(s, i));
}

static int
messages(struct store *st, const char *id, json_t *list)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = stmt(st, STMT_MESSAGES_FOR_REPORT)) == NULL)
		return -1;
	bind_text(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:o, s:o, s:o}",
		    "from", column_json(s, 1), "sent", column_json(s, 2),
		    "text", column_json(s, 3)));
	done(s);
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
	if ((s = stmt(st, STMT_FOLLOWUP_BY_RECEIPT)) == NULL)
		goto fail;
	sqlite3_bind_blob(s, 1, hash, RECEIPT_HASH_LEN, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		done(s);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		done(s);
		goto fail;
	}
	list = json_array();
	o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", column_json(s, 0),
	    "state", column_json(s, 1), "received", column_json(s, 2),
	    "outcome", column_json(s, 3), "messages", list);
	done(s);
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
