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
 * migrate.c and store.c: numbered migrations recorded in PRAGMA
 * user_version, one transaction per step, a newer database refused; the
 * store opens in WAL mode, loads the taxonomy, files and finds reports.
 */
#include "config.h"

#include <check.h>

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "aerd.h"
#include "sql-gen.h"

/*
 * Each test case gets a directory from mkdtemp (the unchecked fixture,
 * run in this process, so it is removed even after a failed test), and
 * each test a directory of its own inside it (the checked fixture).
 */
static const struct msg_page	latest = { AER_MESSAGES_PAGE, 0 };
static char	base[64];
static char	dir[sizeof(base) + 16];
static char	dbpath[sizeof(dir) + 16];

static int
remove_entry(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
make_base(void)
{
	snprintf(base, sizeof(base), "/tmp/aer-check-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(base));
}

static void
remove_base(void)
{
	ck_assert_msg(nftw(base, remove_entry, 8, FTW_DEPTH | FTW_PHYS) == 0,
	    "cannot remove %s: %s", base, strerror(errno));
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "%s/t-XXXXXX", base);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(dbpath, sizeof(dbpath), "%s/aer.db", dir);
}

/* Removes the test's directory: the database and its -wal and -shm. */
static void
teardown(void)
{
	char		 path[sizeof(dir) + 256 + 2];
	DIR		*d;
	struct dirent	*de;

	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		ck_assert_msg(unlink(path) == 0, "unlink %s: %s", path,
		    strerror(errno));
	}
	closedir(d);
	ck_assert_msg(rmdir(dir) == 0, "rmdir %s: %s", dir, strerror(errno));
}

static int
last_version(void)
{
	ck_assert_int_gt(sql_migrations_count, 0);
	return sql_migrations[sql_migrations_count - 1].version;
}

static sqlite3 *
open_db(void)
{
	sqlite3	*db = NULL;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), SQLITE_OK);
	return db;
}

static void
exec(sqlite3 *db, const char *sql)
{
	char	*msg = NULL;
	int	 rc;

	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

/* The first column of the one row sql returns, as an integer. */
static int
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st = NULL;
	int		 v;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The same as text, copied; NULL for SQL NULL. The caller frees it. */
static char *
query_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt		*st = NULL;
	const unsigned char	*t;
	char			*v = NULL;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	if (t != NULL) {
		v = strdup((const char *)t);
		ck_assert_ptr_nonnull(v);
	}
	sqlite3_finalize(st);
	return v;
}

static void
assert_text(sqlite3 *db, const char *sql, const char *expect)
{
	char	*v = query_text(db, sql);

	ck_assert_pstr_eq(v, expect);
	free(v);
}

static int
table_exists(sqlite3 *db, const char *name)
{
	sqlite3_stmt	*st = NULL;
	int		 found;

	ck_assert_int_eq(sqlite3_prepare_v2(db,
	    "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
	    "AND name = ?1", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	found = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return found;
}

static int
user_version(sqlite3 *db)
{
	return query_int(db, "PRAGMA user_version");
}

static void
migrate_ok(sqlite3 *db, const struct sql_migration *m, int count)
{
	char	err[256] = "";

	ck_assert_msg(migrate(db, m, count, err, sizeof(err)) == 0,
	    "migrate: %s", err);
}

/* Counts of the seeded taxonomy in sql/002_taxonomy.sql. */
static void
assert_seeded(sqlite3 *db)
{
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'category'"), 11);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'event_type'"), 3);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'harm'"), 6);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'merp_category'"), 9);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'contributing_factor'"), 8);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'reporter_role'"), 6);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy"), 54);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy WHERE "
	    "enumeration = 'category' AND code = 'medication' AND ord = 5"), 1);
}

/* --- migrate --- */

START_TEST(test_version_of_new_database)
{
	sqlite3	*db = open_db();
	char	 err[256] = "";
	int	 v = -1;

	ck_assert_msg(migrate_version(db, &v, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_int_eq(v, 0);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_fresh)
{
	sqlite3	*db = open_db();
	char	 err[256] = "";
	int	 v = -1;

	migrate_ok(db, sql_migrations, sql_migrations_count);
	ck_assert_int_eq(user_version(db), last_version());
	ck_assert_int_eq(migrate_version(db, &v, err, sizeof(err)), 0);
	ck_assert_int_eq(v, last_version());

	ck_assert(table_exists(db, "reports"));
	ck_assert(table_exists(db, "report_factors"));
	ck_assert(table_exists(db, "messages"));
	ck_assert(table_exists(db, "taxonomy"));
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM reports"), 0);
	assert_seeded(db);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_again_is_noop)
{
	sqlite3	*db = open_db();

	migrate_ok(db, sql_migrations, sql_migrations_count);
	/* A facility's own category survives a restart. */
	exec(db, "INSERT INTO taxonomy (enumeration, code, label, ord) "
	    "VALUES ('category', 'burns', 'Burns', 12)");
	migrate_ok(db, sql_migrations, sql_migrations_count);
	migrate_ok(db, sql_migrations, sql_migrations_count);

	ck_assert_int_eq(user_version(db), last_version());
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy"), 55);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE enumeration = 'category'"), 12);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy "
	    "WHERE code = 'burns'"), 1);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_step_by_step)
{
	sqlite3	*db = open_db();

	if (sql_migrations_count < 2) {
		sqlite3_close(db);
		return;
	}
	migrate_ok(db, sql_migrations, 1);
	ck_assert_int_eq(user_version(db), sql_migrations[0].version);
	ck_assert(table_exists(db, "reports"));
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM taxonomy"), 0);

	migrate_ok(db, sql_migrations, sql_migrations_count);
	ck_assert_int_eq(user_version(db), last_version());
	assert_seeded(db);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_newer_refused)
{
	sqlite3	*db = open_db();
	char	 err[256] = "";
	int	 v = -1;

	exec(db, "PRAGMA user_version = 999");
	ck_assert_int_eq(migrate(db, sql_migrations, sql_migrations_count,
	    err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "999") != NULL, "err: \"%s\"", err);
	/* Nothing was applied, and the version is left alone. */
	ck_assert_int_eq(user_version(db), 999);
	ck_assert(!table_exists(db, "reports"));
	ck_assert(!table_exists(db, "taxonomy"));

	ck_assert_int_eq(migrate_version(db, &v, err, sizeof(err)), 0);
	ck_assert_int_eq(v, 999);
	sqlite3_close(db);
}
END_TEST

/* A migrated database from a newer binary, one step ahead. */
START_TEST(test_one_ahead_refused)
{
	sqlite3	*db = open_db();
	char	 err[256] = "";
	char	 sql[64];
	char	 ahead[16];

	migrate_ok(db, sql_migrations, sql_migrations_count);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    last_version() + 1);
	exec(db, sql);
	ck_assert_int_eq(migrate(db, sql_migrations, sql_migrations_count,
	    err, sizeof(err)), -1);
	snprintf(ahead, sizeof(ahead), "%d", last_version() + 1);
	ck_assert_msg(strstr(err, ahead) != NULL, "err: \"%s\"", err);
	ck_assert_int_eq(user_version(db), last_version() + 1);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_broken_step_is_atomic)
{
	static const struct sql_migration broken[] = {
		{ 1, "001_one", "CREATE TABLE one (x INTEGER);\n"
		    "INSERT INTO one VALUES (1);\n" },
		{ 2, "002_two", "CREATE TABLE two (y INTEGER);\n"
		    "INSERT INTO one VALUES (2);\n"
		    "THIS IS NOT SQL;\n" },
	};
	sqlite3	*db = open_db();
	char	 err[256] = "";

	ck_assert_int_eq(migrate(db, broken, 2, err, sizeof(err)), -1);
	ck_assert_msg(err[0] != '\0', "no error message");
	ck_assert_int_eq(user_version(db), 1);
	ck_assert(table_exists(db, "one"));
	ck_assert(!table_exists(db, "two"));
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM one"), 1);
	ck_assert_int_eq(query_int(db, "SELECT max(x) FROM one"), 1);
	/* No transaction is left open. */
	ck_assert(sqlite3_get_autocommit(db));
	sqlite3_close(db);
}
END_TEST

START_TEST(test_broken_first_step)
{
	static const struct sql_migration broken[] = {
		{ 1, "001_one", "CREATE TABLE one (x INTEGER);\n"
		    "INSERT INTO nowhere VALUES (1);\n" },
		{ 2, "002_two", "CREATE TABLE two (y INTEGER);\n" },
	};
	sqlite3	*db = open_db();
	char	 err[256] = "";

	ck_assert_int_eq(migrate(db, broken, 2, err, sizeof(err)), -1);
	ck_assert_msg(err[0] != '\0', "no error message");
	ck_assert_int_eq(user_version(db), 0);
	ck_assert(!table_exists(db, "one"));
	ck_assert(!table_exists(db, "two"));
	ck_assert(sqlite3_get_autocommit(db));
	sqlite3_close(db);
}
END_TEST

/* Steps at or below user_version are not run again. */
START_TEST(test_applied_steps_skipped)
{
	static const struct sql_migration steps[] = {
		{ 1, "001_one", "CREATE TABLE one (x INTEGER);\n" },
		{ 2, "002_two", "CREATE TABLE two (y INTEGER);\n" },
		{ 3, "003_three", "INSERT INTO two VALUES (3);\n" },
	};
	sqlite3	*db = open_db();

	migrate_ok(db, steps, 1);
	ck_assert_int_eq(user_version(db), 1);
	ck_assert(!table_exists(db, "two"));

	/* Re-running step 1 would fail: table one exists. */
	migrate_ok(db, steps, 3);
	ck_assert_int_eq(user_version(db), 3);
	ck_assert(table_exists(db, "two"));
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM two"), 1);

	migrate_ok(db, steps, 3);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM two"), 1);
	sqlite3_close(db);
}
END_TEST

/* --- store --- */

static struct store *
store_open_ok(void)
{
	struct store	*st = NULL;
	char		 err[256] = "";

	ck_assert_msg(store_open(dbpath, &st, err, sizeof(err)) == 0,
	    "store_open: %s", err);
	ck_assert_ptr_nonnull(st);
	return st;
}

static void
fill_hash(unsigned char hash[RECEIPT_HASH_LEN], unsigned char first)
{
	int	i;

	for (i = 0; i < RECEIPT_HASH_LEN; i++)
		hash[i] = (unsigned char)(first + i);
}

#define REPORT_ID	"3f1c2a9e-5b7d-4e2f-9a1b-0c2d4e6f8a10"
#define OTHER_ID	"9d8e7f60-1a2b-4c3d-8e9f-a0b1c2d3e4f5"
#define NEAR_ID		"3f1c0000-0000-4000-8000-000000000000"
#define TOKEN_ID	"7a7a0000-0000-4000-8000-000000000000"
#define DAY		"2026-11-23"

static void
example_report(struct report_in *r)
{
	memset(r, 0, sizeof(*r));
	r->event_type = "near_miss";
	r->category = "medication";
	r->harm = "none";
	r->merp_category = "B";
	r->occurred_at = "2026-11-20T14:30";
	r->location = "4 West";
	r->description =
	    "Insulin drawn up for the wrong patient; caught at bedside scan.";
	r->immediate_actions = "Dose discarded, charge nurse told.";
	r->reporter_role = "nurse";
	r->factors[0] = "communication";
	r->factors[1] = "fatigue_scheduling";
	r->nfactors = 2;
}

static int
insert(struct store *st, const char *id, const unsigned char *hash,
    const struct report_in *r, char *err, size_t errlen)
{
	struct filing	f;

	f.id = id;
	f.receipt_hash = hash;
	f.received = DAY;
	f.triage_due = "2026-11-30";
	f.feedback_due = "2027-02-23";
	f.release_at = 0;
	return store_file_urgent(st, &f, r, err, errlen);
}

static void
insert_ok(struct store *st, const char *id, const unsigned char *hash,
    const struct report_in *r)
{
	char	err[256] = "";

	ck_assert_msg(insert(st, id, hash, r, err, sizeof(err)) == 0,
	    "store_file_urgent: %s", err);
}

/* The followup of hash: asserts the id, state "new", day, no messages. */
static void
assert_followup(struct store *st, const unsigned char *hash, const char *id)
{
	json_t	*j = NULL, *m;
	char	 err[256] = "";

	ck_assert_msg(store_followup(st, hash, &latest, &j, err,
	    sizeof(err)) == 0,
	    "store_followup: %s", err);
	ck_assert(json_is_object(j));
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), id);
	ck_assert_str_eq(json_string_value(json_object_get(j, "state")), "new");
	ck_assert_str_eq(json_string_value(json_object_get(j, "received")),
	    DAY);
	m = json_object_get(j, "messages");
	ck_assert(json_is_array(m));
	ck_assert_uint_eq(json_array_size(m), 0);
	json_decref(j);
}

START_TEST(test_store_open_fresh)
{
	struct store	*st = store_open_ok();
	sqlite3		*db;

	ck_assert_int_eq(access(dbpath, F_OK), 0);
	db = open_db();
	assert_text(db, "PRAGMA journal_mode", "wal");
	ck_assert_int_eq(user_version(db), last_version());
	ck_assert(table_exists(db, "reports"));
	ck_assert(table_exists(db, "report_factors"));
	ck_assert(table_exists(db, "messages"));
	assert_seeded(db);
	sqlite3_close(db);
	store_close(st);
}
END_TEST

START_TEST(test_store_taxonomy)
{
	struct store	*st = store_open_ok();
	struct taxonomy	*tx = taxonomy_new();
	char		 err[256] = "";

	ck_assert_ptr_nonnull(tx);
	ck_assert_msg(store_load_taxonomy(st, tx, err, sizeof(err)) == 0,
	    "store_load_taxonomy: %s", err);
	ck_assert(taxonomy_has(tx, "category", "medication"));
	ck_assert(taxonomy_has(tx, "event_type", "near_miss"));
	ck_assert(taxonomy_has(tx, "contributing_factor",
	    "fatigue_scheduling"));
	ck_assert(taxonomy_has(tx, "merp_category", "I"));
	ck_assert(!taxonomy_has(tx, "category", "Medication"));
	ck_assert(!taxonomy_has(tx, "category", "near_miss"));
	ck_assert_uint_eq(taxonomy_count(tx, "category"), 11);
	ck_assert_uint_eq(taxonomy_count(tx, "harm"), 6);
	ck_assert_uint_eq(taxonomy_count(tx, "reporter_role"), 6);
	taxonomy_free(tx);
	store_close(st);
}
END_TEST

/* A facility's own codes in the taxonomy table are loaded too. */
START_TEST(test_store_local_taxonomy)
{
	struct store	*st = store_open_ok();
	struct taxonomy	*tx;
	sqlite3		*db;
	json_t		*j, *list, *e;
	char		 err[256] = "";

	store_close(st);
	db = open_db();
	exec(db, "INSERT INTO taxonomy (enumeration, code, label, ord) "
	    "VALUES ('category', 'burns', 'Burns', 12)");
	sqlite3_close(db);

	st = store_open_ok();
	tx = taxonomy_new();
	ck_assert_ptr_nonnull(tx);
	ck_assert_msg(store_load_taxonomy(st, tx, err, sizeof(err)) == 0,
	    "store_load_taxonomy: %s", err);
	ck_assert(taxonomy_has(tx, "category", "burns"));
	ck_assert_uint_eq(taxonomy_count(tx, "category"), 12);

	j = taxonomy_json(tx);
	list = json_object_get(j, "category");
	ck_assert_uint_eq(json_array_size(list), 12);
	e = json_array_get(list, 4);
	ck_assert_str_eq(json_string_value(json_object_get(e, "code")),
	    "medication");
	ck_assert_str_eq(json_string_value(json_object_get(e, "label")),
	    "Medication or other substance");
	ck_assert_int_eq(json_integer_value(json_object_get(e, "order")), 5);
	e = json_array_get(list, 11);
	ck_assert_str_eq(json_string_value(json_object_get(e, "code")),
	    "burns");
	json_decref(j);
	taxonomy_free(tx);
	store_close(st);
}
END_TEST

START_TEST(test_store_insert_followup)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	sqlite3			*db;

	example_report(&r);
	fill_hash(hash, 0);
	insert_ok(st, REPORT_ID, hash, &r);
	assert_followup(st, hash, REPORT_ID);

	/* What the database holds. */
	db = open_db();
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM reports"), 1);
	assert_text(db, "SELECT id FROM reports", REPORT_ID);
	assert_text(db, "SELECT hex(receipt_hash) FROM reports",
	    "000102030405060708090A0B0C0D0E0F"
	    "101112131415161718191A1B1C1D1E1F");
	assert_text(db, "SELECT state FROM reports", "new");
	assert_text(db, "SELECT received FROM reports", DAY);
	assert_text(db, "SELECT event_type FROM reports", "near_miss");
	assert_text(db, "SELECT category FROM reports", "medication");
	assert_text(db, "SELECT harm FROM reports", "none");
	assert_text(db, "SELECT merp_category FROM reports", "B");
	assert_text(db, "SELECT occurred_at FROM reports", "2026-11-20T14:30");
	assert_text(db, "SELECT location FROM reports", "4 West");
	assert_text(db, "SELECT description FROM reports",
	    "Insulin drawn up for the wrong patient; caught at bedside scan.");
	assert_text(db, "SELECT immediate_actions FROM reports",
	    "Dose discarded, charge nurse told.");
	assert_text(db, "SELECT reporter_role FROM reports", "nurse");
	assert_text(db, "SELECT outcome FROM reports", NULL);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM report_factors "
	    "WHERE report_id = '" REPORT_ID "'"), 2);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM report_factors "
	    "WHERE factor IN ('communication', 'fatigue_scheduling')"), 2);
	sqlite3_close(db);
	store_close(st);
}
END_TEST

START_TEST(test_store_insert_minimal)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	sqlite3			*db;

	memset(&r, 0, sizeof(r));
	r.event_type = "unsafe_condition";
	r.category = "fall";
	r.occurred_at = "2026-11-20";
	r.description = "Wet floor by the lift, no sign.";
	fill_hash(hash, 0x80);
	insert_ok(st, REPORT_ID, hash, &r);
	assert_followup(st, hash, REPORT_ID);

	db = open_db();
	ck_assert_int_eq(query_int(db, "SELECT harm IS NULL AND "
	    "merp_category IS NULL AND location IS NULL AND "
	    "immediate_actions IS NULL AND reporter_role IS NULL "
	    "FROM reports"), 1);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM report_factors"),
	    0);
	sqlite3_close(db);
	store_close(st);
}
END_TEST

START_TEST(test_store_followup_unknown)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	unsigned char		 other[RECEIPT_HASH_LEN];
	json_t			*sentinel, *j;
	char			 err[256] = "";

	fill_hash(other, 1);

	/* Nothing filed yet. */
	sentinel = json_object();
	j = sentinel;
	ck_assert_int_eq(store_followup(st, other, &latest, &j, err,
	    sizeof(err)), 1);
	ck_assert_ptr_null(j);

	example_report(&r);
	fill_hash(hash, 0);
	insert_ok(st, REPORT_ID, hash, &r);

	j = sentinel;
	ck_assert_int_eq(store_followup(st, other, &latest, &j, err,
	    sizeof(err)), 1);
	ck_assert_ptr_null(j);
	json_decref(sentinel);

	assert_followup(st, hash, REPORT_ID);
	store_close(st);
}
END_TEST

/* Two reports, each found by its own receipt and only by it. */
START_TEST(test_store_two_reports)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 a[RECEIPT_HASH_LEN], b[RECEIPT_HASH_LEN];
	sqlite3			*db;

	example_report(&r);
	fill_hash(a, 0);
	fill_hash(b, 0x40);
	insert_ok(st, REPORT_ID, a, &r);
	r.nfactors = 1;
	insert_ok(st, OTHER_ID, b, &r);
	assert_followup(st, a, REPORT_ID);
	assert_followup(st, b, OTHER_ID);

	db = open_db();
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM reports"), 2);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM report_factors "
	    "WHERE report_id = '" OTHER_ID "'"), 1);
	sqlite3_close(db);
	store_close(st);
}
END_TEST

/* A receipt hash opens one report: a second report with it is refused. */
START_TEST(test_store_duplicate_receipt)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	char			 err[256] = "";
	sqlite3			*db;

	example_report(&r);
	fill_hash(hash, 0);
	insert_ok(st, REPORT_ID, hash, &r);
	ck_assert_int_eq(insert(st, OTHER_ID, hash, &r, err, sizeof(err)), -1);
	ck_assert_msg(err[0] != '\0', "no error message");
	assert_followup(st, hash, REPORT_ID);

	/* The refused report left nothing behind, factors included. */
	db = open_db();
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM reports"), 1);
	ck_assert_int_eq(query_int(db, "SELECT count(*) FROM report_factors "
	    "WHERE report_id = '" OTHER_ID "'"), 0);
	sqlite3_close(db);

	/* And the store still works. */
	fill_hash(hash, 0x40);
	insert_ok(st, OTHER_ID, hash, &r);
	assert_followup(st, hash, OTHER_ID);
	store_close(st);
}
END_TEST

START_TEST(test_store_reopen)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	sqlite3			*db;

	example_report(&r);
	fill_hash(hash, 7);
	insert_ok(st, REPORT_ID, hash, &r);
	store_close(st);

	st = store_open_ok();
	assert_followup(st, hash, REPORT_ID);
	store_close(st);

	db = open_db();
	ck_assert_int_eq(user_version(db), last_version());
	assert_seeded(db);
	sqlite3_close(db);
}
END_TEST

/* An id prefix finds one report, none, or more than one. */
START_TEST(test_store_resolve)
{
	struct store		*st = store_open_ok();
	struct report_in	 r;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	char			 id[ID_LEN];

	example_report(&r);
	fill_hash(hash, 0);
	insert_ok(st, REPORT_ID, hash, &r);
	fill_hash(hash, 0x40);
	insert_ok(st, OTHER_ID, hash, &r);
	fill_hash(hash, 0x80);
	insert_ok(st, NEAR_ID, hash, &r);

	ck_assert_int_eq(store_resolve(st, RESOLVE_REPORT, "9d8e", id),
	    STORE_OK);
	ck_assert_str_eq(id, OTHER_ID);
	ck_assert_int_eq(store_resolve(st, RESOLVE_REPORT, "3f1c2a9e-5",
	    id), STORE_OK);
	ck_assert_str_eq(id, REPORT_ID);
	ck_assert_int_eq(store_resolve(st, RESOLVE_REPORT, "3f1c", id),
	    STORE_AMBIGUOUS);
	ck_assert_int_eq(store_resolve(st, RESOLVE_REPORT, "abcd", id),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_resolve(st, RESOLVE_ACTION, "3f1c", id),
	    STORE_NOT_FOUND);
	store_close(st);
}
END_TEST

/* A token opens its role until revoked; both changes are audited. */
START_TEST(test_store_tokens)
{
	struct store		*st = store_open_ok();
	struct who		 w = { "2026-11-23T10:00:00Z", "admin", "root" };
	struct audit_check	 c;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	unsigned char		 other[RECEIPT_HASH_LEN];
	enum role		 role = ROLE_ANY;
	json_t			*list = NULL;
	char			 name[64] = "", id[ID_LEN];

	fill_hash(hash, 3);
	fill_hash(other, 5);
	ck_assert_int_eq(store_token_add(st, TOKEN_ID, "ci", "reviewer", hash,
	    DAY, &w, "{\"action\":\"token_create\"}"), STORE_OK);
	ck_assert_int_eq(store_token_lookup(st, hash, name, sizeof(name),
	    &role), STORE_OK);
	ck_assert_str_eq(name, "ci");
	ck_assert_int_eq(role, ROLE_REVIEWER);
	ck_assert_int_eq(store_token_lookup(st, other, name, sizeof(name),
	    &role), STORE_NOT_FOUND);
	ck_assert_int_eq(store_resolve(st, RESOLVE_TOKEN, "7a7a", id),
	    STORE_OK);
	ck_assert_str_eq(id, TOKEN_ID);
	ck_assert_int_eq(store_token_list(st, &list), STORE_OK);
	ck_assert_uint_eq(json_array_size(json_object_get(list, "tokens")), 1);
	json_decref(list);

	ck_assert_int_eq(store_token_revoke(st, TOKEN_ID, &w,
	    "{\"action\":\"token_revoke\"}"), STORE_OK);
	ck_assert_int_eq(store_token_lookup(st, hash, name, sizeof(name),
	    &role), STORE_NOT_FOUND);

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(store_audit_verify(st, &c), STORE_OK);
	ck_assert_int_eq(c.entries, 2);
	ck_assert_int_eq(c.bad_seq, 0);
	ck_assert_int_eq(c.head_seq, 2);
	store_close(st);
}
END_TEST

START_TEST(test_store_not_a_database)
{
	struct store	*st = NULL;
	char		 err[256] = "";
	FILE		*f;
	int		 i;

	f = fopen(dbpath, "w");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 512; i++)
		ck_assert_int_ge(fputs("this is not a database\n", f), 0);
	ck_assert_int_eq(fclose(f), 0);

	ck_assert_int_eq(store_open(dbpath, &st, err, sizeof(err)), -1);
	ck_assert_msg(err[0] != '\0', "no error message");
}
END_TEST

START_TEST(test_store_newer_refused)
{
	struct store	*st = NULL;
	sqlite3		*db;
	char		 err[256] = "";

	db = open_db();
	exec(db, "PRAGMA user_version = 999");
	sqlite3_close(db);

	ck_assert_int_eq(store_open(dbpath, &st, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "999") != NULL, "err: \"%s\"", err);

	db = open_db();
	ck_assert_int_eq(user_version(db), 999);
	ck_assert(!table_exists(db, "reports"));
	sqlite3_close(db);
}
END_TEST

/* A refused database is left as it was: not even switched to WAL. */
START_TEST(test_store_newer_untouched)
{
	struct store	*st = NULL;
	sqlite3		*db;
	char		 err[256] = "", *mode;

	db = open_db();
	exec(db, "PRAGMA journal_mode = DELETE");
	exec(db, "PRAGMA user_version = 999");
	sqlite3_close(db);

	ck_assert_int_eq(store_open(dbpath, &st, err, sizeof(err)), -1);

	db = open_db();
	mode = query_text(db, "PRAGMA journal_mode");
	ck_assert_str_eq(mode, "delete");
	free(mode);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_store_no_directory)
{
	struct store	*st = NULL;
	char		 path[sizeof(dir) + 32];
	char		 err[256] = "";

	snprintf(path, sizeof(path), "%s/missing/aer.db", dir);
	ck_assert_int_eq(store_open(path, &st, err, sizeof(err)), -1);
	ck_assert_msg(err[0] != '\0', "no error message");
}
END_TEST

static Suite *
migrate_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("migrate");

	tc = tcase_create("migrate");
	tcase_add_unchecked_fixture(tc, make_base, remove_base);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_version_of_new_database);
	tcase_add_test(tc, test_fresh);
	tcase_add_test(tc, test_again_is_noop);
	tcase_add_test(tc, test_step_by_step);
	tcase_add_test(tc, test_newer_refused);
	tcase_add_test(tc, test_one_ahead_refused);
	tcase_add_test(tc, test_broken_step_is_atomic);
	tcase_add_test(tc, test_broken_first_step);
	tcase_add_test(tc, test_applied_steps_skipped);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_unchecked_fixture(tc, make_base, remove_base);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_store_open_fresh);
	tcase_add_test(tc, test_store_taxonomy);
	tcase_add_test(tc, test_store_local_taxonomy);
	tcase_add_test(tc, test_store_insert_followup);
	tcase_add_test(tc, test_store_insert_minimal);
	tcase_add_test(tc, test_store_followup_unknown);
	tcase_add_test(tc, test_store_two_reports);
	tcase_add_test(tc, test_store_duplicate_receipt);
	tcase_add_test(tc, test_store_reopen);
	tcase_add_test(tc, test_store_resolve);
	tcase_add_test(tc, test_store_tokens);
	tcase_add_test(tc, test_store_not_a_database);
	tcase_add_test(tc, test_store_newer_refused);
	tcase_add_test(tc, test_store_newer_untouched);
	tcase_add_test(tc, test_store_no_directory);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(migrate_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
