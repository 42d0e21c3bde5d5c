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
 * Every connection aerd makes to its database is opened here, with the
 * settings of its kind: the writer (store.c), the checkpointer's
 * (store-ckpt.c), and the read-only ones of an export (store-export.c),
 * a backup (store-backup.c) and the check after an unclean stop
 * (store-check.c). Nothing else opens the file.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"
#include "store-int.h"

/* The writer's, in order: journal_mode must come first (see below). */
static const char *const pragmas[] = {
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = FULL",	/* a 201 means the report is on disk */
	"PRAGMA foreign_keys = ON",
	"PRAGMA secure_delete = ON",
	/* A filing's savepoint journal and sorts stay in memory: no file in
	 * /var/tmp, and no old page content of the tables in one. */
	"PRAGMA temp_store = MEMORY",
	/* 4 MiB of pages (default 2): the upper levels of every index of a
	 * large database stay in memory, within aerd's memory target. */
	"PRAGMA cache_size = -4096",
	/* The checkpointer (store-ckpt.c) folds the WAL in, off the loop;
	 * no checkpoint runs inside a COMMIT. */
	"PRAGMA wal_autocheckpoint = 0",
};

static const struct kind {
	int	 flags;		/* sqlite3_open_v2's */
	int	 busy_ms;	/* how long it waits for another's lock */
	int	 writer;	/* created private, with the pragmas above */
	int	 migrate;	/* migrate it first */
	int	 read_schema;	/* read something at once */
	int	 check;		/* quick_check it before the migrations */
} kinds[] = {
	[STORE_DB_START] = { SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_EXRESCODE, STORE_BUSY_MS, 1, 1, 0, 1 },
	/* After a clean stop (store-mark.c): the file is as aerd closed
	 * it, and reading all of it would only keep reports waiting. */
	[STORE_DB_CLEAN] = { SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_EXRESCODE, STORE_BUSY_MS, 1, 1, 0, 0 },
	[STORE_DB_WRITER] = { SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_EXRESCODE, STORE_BUSY_MS, 1, 0, 0, 0 },
	/* It never waits: it tries again (store-ckpt.c). A connection that
	 * has read nothing does not know the database is in WAL mode, and
	 * its checkpoints would do nothing. */
	[STORE_DB_CKPT] = { SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
	    0, 0, 0, 1 },
	/* An export's reads run on the event loop: as short a wait as the
	 * writer's. */
	[STORE_DB_READER] = { SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	    STORE_BUSY_MS, 0, 0, 0 },
	/* A backup's, and the check's after an unclean stop
	 * (store-check.c): each runs on a thread of its own, which may
	 * wait longer. */
	[STORE_DB_COPY] = { SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	    5000, 0, 0, 0 },
};

/*
 * The database file is created by hand with mode 0600 before SQLite
 * opens it: SQLite gives the -wal and -shm files the same mode, so no
 * state is ever readable by others. A file that already exists keeps
 * its owner's and group's bits (0640 at most, for a service group) and
 * loses the others', and so do a -wal and -shm left beside it.
 */
static int
tighten(const char *path, int fd, char *err, size_t errlen)
{
	struct stat	sb;

	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s is not a regular file", path);
		return -1;
	}
	if ((sb.st_mode & 0137) == 0)
		return 0;
	if (fchmod(fd, sb.st_mode & 0640) == -1) {
		snprintf(err, errlen, "cannot make %s private: %s", path,
		    strerror(errno));
		return -1;
	}
	log_warnx("%s was readable by others; its mode is now %04o", path,
	    (unsigned)(sb.st_mode & 0640));
	return 0;
}

static int
create_private(const char *path, char *err, size_t errlen)
{
	static const char	*const sfx[] = { "-wal", "-shm" };
	char			 side[4096];
	size_t			 i;
	int			 fd, rc;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	rc = tighten(path, fd, err, errlen);
	close(fd);
	for (i = 0; rc == 0 && i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if ((size_t)snprintf(side, sizeof(side), "%s%s", path,
		    sfx[i]) >= sizeof(side))
			continue;
		if ((fd = open(side, O_RDWR | O_CLOEXEC | O_NOFOLLOW)) == -1)
			continue;
		rc = tighten(side, fd, err, errlen);
		close(fd);
	}
	return rc;
}

/*
 * PRAGMA quick_check, or integrity_check (full), of the whole file; 0,
 * or -1 with err saying what is wrong. What SQLite reports names pages
 * and tables, never what a row holds.
 */
int
store_db_check(sqlite3 *db, const char *path, int full, char *err,
    size_t errlen)
{
	sqlite3_stmt	*s;
	const char	*result;
	char		*nl;
	int		 rc = -1;

	if (sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(1)" :
	    "PRAGMA quick_check(1)", -1, &s,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s cannot be checked: %s", path,
		    sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (result = (const char *)sqlite3_column_text(s, 0)) != NULL) {
		if (strcmp(result, "ok") == 0)
			rc = 0;
		else
			snprintf(err, errlen, "%s is damaged (%s); restore it "
			    "from a backup, as aerd(8) describes", path, result);
	} else
		snprintf(err, errlen, "%s is damaged (%s); restore it from a "
		    "backup, as aerd(8) describes", path, sqlite3_errmsg(db));
	sqlite3_finalize(s);
	/* SQLite's verdict may run over lines: one line, for the log. */
	for (nl = err; rc == -1 && (nl = strchr(nl, '\n')) != NULL; )
		*nl = ' ';
	return rc;
}

static int
set_pragmas(sqlite3 *db, const char *path, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	size_t		 i;

	for (i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++) {
		if (sqlite3_prepare_v2(db, pragmas[i], -1, &s, NULL) !=
		    SQLITE_OK) {
			snprintf(err, errlen, "%s is not an aer database: %s",
			    path, sqlite3_errmsg(db));
			return -1;
		}
		if (sqlite3_step(s) == SQLITE_ROW && i == 0 &&
		    strcmp((const char *)sqlite3_column_text(s, 0), "wal")) {
			sqlite3_finalize(s);
			snprintf(err, errlen, "%s cannot use write-ahead "
			    "logging", path);
			return -1;
		}
		if (sqlite3_finalize(s) != SQLITE_OK) {
			snprintf(err, errlen, "%s is not an aer database: %s",
			    path, sqlite3_errmsg(db));
			return -1;
		}
	}
	return 0;
}

/*
 * Reports filed before the inbox (sql/010_inbox.sql) sit in the file's
 * b-trees in the order they came. VACUUM rebuilds every table and index
 * in key order, random ids and not filing order, and frees the old
 * pages (secure_delete zeroes them); only then is the mark dropped, so
 * a stop between the two means one more VACUUM, never none.
 */
static int
rewrite(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 pending;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema "
	    "WHERE type = 'table' AND name = 'rewrite_pending'", -1, &s,
	    NULL) != SQLITE_OK)
		goto fail;
	pending = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!pending)
		return 0;
	log_info("rewriting the database once, so that it keeps no order "
	    "of filing");
	/* The rebuilt copy in a file, not in memory: it is as large as
	 * the database. */
	if (sqlite3_exec(db, "PRAGMA temp_store = FILE; VACUUM; "
	    "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "DROP TABLE rewrite_pending", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "cannot rewrite the database: %s",
	    sqlite3_errmsg(db));
	return -1;
}

/* The writer: a database newer than this aerd is refused before it is
 * touched, and so is a damaged one; then the pragmas, the migrations
 * and the session's TEMP objects. */
static int
writer(sqlite3 *db, const char *path, const struct kind *k, char *err,
    size_t errlen)
{
	if (migrate_check(db, sql_migrations, sql_migrations_count, err,
	    errlen) == -1 || (k->check && store_db_check(db, path, 0, err,
	    errlen) == -1) || set_pragmas(db, path, err, errlen) == -1)
		return -1;
	if (k->migrate && (migrate(db, sql_migrations, sql_migrations_count, err,
	    errlen) == -1 || rewrite(db, err, errlen) == -1))
		return -1;
	if (sqlite3_exec(db, sql_session, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot prepare the session: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/*
 * Opens a connection of the kind given to the database at path, or
 * says why it cannot. Every kind is defensive (no writing the schema
 * by hand) and trusts nothing in the schema.
 */
int
store_db_open(const char *path, enum store_db which, sqlite3 **out,
    char *err, size_t errlen)
{
	const struct kind	*k = &kinds[which];
	sqlite3			*db = NULL;

	*out = NULL;
	if (k->writer && create_private(path, err, errlen) == -1)
		return STORE_ERROR;
	if (sqlite3_open_v2(path, &db, k->flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    db ? sqlite3_errmsg(db) : "out of memory");
		goto fail;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_busy_timeout(db, k->busy_ms);
	if (k->writer && writer(db, path, k, err, errlen) == -1)
		goto fail;
	if (k->read_schema && sqlite3_exec(db, "SELECT count(*) FROM "
	    "sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    sqlite3_errmsg(db));
		goto fail;
	}
	*out = db;
	return STORE_OK;

fail:
	sqlite3_close(db);
	return STORE_ERROR;
}

/*
 * aerd --check: PRAGMA integrity_check of the whole file, read only, so
 * that it may run beside a serving aerd. STORE_OK, or STORE_ERROR with
 * err saying what is wrong.
 */
int
store_db_verify(const char *path, char *err, size_t errlen)
{
	sqlite3	*db;
	int	 rc;

	if (access(path, F_OK) == -1) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		return STORE_ERROR;
	}
	if (store_db_open(path, STORE_DB_COPY, &db, err, errlen) != STORE_OK)
		return STORE_ERROR;
	rc = store_db_check(db, path, 1, err, errlen) == 0 ? STORE_OK :
	    STORE_ERROR;
	sqlite3_close(db);
	return rc;
}
