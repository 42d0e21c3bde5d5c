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
 * Schema migrations: sql/NNN_name.sql, embedded at build time, applied in
 * order at start, one transaction each, with PRAGMA user_version set
 * inside the same transaction. A database newer than this binary is
 * refused rather than guessed at.
 */
#include "config.h"

#include <stdio.h>

#include <sqlite3.h>

#include "aerd.h"
#include "sql-gen.h"

int
migrate_version(sqlite3 *db, int *version, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "cannot read the schema version: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		snprintf(err, errlen, "cannot read the schema version: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

static int
apply(sqlite3 *db, const struct sql_migration *m, char *err, size_t errlen)
{
	char	 pragma[64];
	char	*msg = NULL;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(db, m->sql, NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
	    m->version);
	if (sqlite3_exec(db, pragma, NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	return 0;

fail:
	snprintf(err, errlen, "migration %s failed: %s", m->name,
	    msg != NULL ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * Refuses a database newer than the migrations, before anything touches
 * it. Returns its version, or -1.
 */
int
migrate_check(sqlite3 *db, const struct sql_migration *m, int count,
    char *err, size_t errlen)
{
	int	version, latest;

	if (migrate_version(db, &version, err, errlen) == -1)
		return -1;
	latest = count > 0 ? m[count - 1].version : 0;
	if (version > latest) {
		snprintf(err, errlen, "the database has schema version %d, "
		    "newer than this aerd knows (%d); use a newer aerd",
		    version, latest);
		return -1;
	}
	return version;
}

int
migrate(sqlite3 *db, const struct sql_migration *m, int count, char *err,
    size_t errlen)
{
	int	version, i;

	if ((version = migrate_check(db, m, count, err, errlen)) == -1)
		return -1;
	for (i = 0; i < count; i++) {
		if (m[i].version <= version)
			continue;
		if (apply(db, &m[i], err, errlen) == -1)
			return -1;
	}
	return 0;
}
