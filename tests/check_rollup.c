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
 * The summary's rollups: summary_months and summary_years are kept from
 * summary_counts, due_months and due_years from due_counts, by triggers
 * (sql/006 to 008), and SUMMARY_COUNTS and SUMMARY_OVERDUE read a range
 * as whole years, whole months and days. For counts spread over three
 * years, some taken back again, every rollup agrees with the days it
 * sums, and the counts and overdue counts for hundreds of ranges (ends
 * on the first and last days of months and years among them) are those
 * of the days in the range, summed one by one.
 */
#include "config.h"

#include <check.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "aerd.h"

static char		 dir[64];
static char		 dbpath[sizeof(dir) + 16];
static struct store	*st;
static sqlite3		*db;		/* a second connection, to fill and count */

/* The days counted: 2019-11-15 and the 820 after it. */
#define FIRST_DAY	"2019-11-15"
#define NDAYS		820

#define TODAY		"2021-06-15"

static const char *dims[] = { "event_type", "category", "close_days",
    "triage_days", "location" };

static void
exec(const char *sql)
{
	char	*msg = NULL;

	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK,
	    "%s: %s", sql, msg ? msg : "?");
}

static sqlite3_stmt *
prepare(const char *sql)
{
	sqlite3_stmt	*s = NULL;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	return s;
}

static int
query_int(const char *sql)
{
	sqlite3_stmt	*s = prepare(sql);
	int		 v;

	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/*
 * Day k after FIRST_DAY, or with snap 1-4 the first or last day of its
 * month, the first or last day of its year.
 */
static void
day(int k, int snap, char out[11])
{
	static const char *mod[] = { "", "start of month",
	    "start of month', '+1 month', '-1 day", "start of year",
	    "start of year', '+1 year', '-1 day" };
	char		 sql[200];
	sqlite3_stmt	*s;

	snprintf(sql, sizeof(sql), "SELECT date('%s', '%+d days'%s%s%s)",
	    FIRST_DAY, k, snap ? ", '" : "", mod[snap], snap ? "'" : "");
	s = prepare(sql);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	snprintf(out, 11, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

static void
setup(void)
{
	char		 err[256] = "", d[11], value[16];
	sqlite3_stmt	*add, *take;
	unsigned int	 seed = 7;
	int		 i;

	snprintf(dir, sizeof(dir), "/tmp/aer-rollup-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(dbpath, sizeof(dbpath), "%s/aer.db", dir);
	ck_assert_msg(store_open(dbpath, &st, err, sizeof(err)) == 0,
	    "store_open: %s", err);
	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);

	/* As the triggers of sql/004 count: an upsert adds one, and an
	 * update takes one back (an RCA reopened). */
	add = prepare("INSERT INTO summary_counts VALUES (?1, ?2, ?3, 1) "
	    "ON CONFLICT DO UPDATE SET n = n + 1");
	take = prepare("UPDATE summary_counts SET n = n - 1 "
	    "WHERE dimension = ?1 AND day = ?2 AND value = ?3 AND n > 0");
	exec("BEGIN");
	for (i = 0; i < 4000; i++) {
		sqlite3_stmt *s = rand_r(&seed) % 8 == 0 ? take : add;

		day(rand_r(&seed) % NDAYS, 0, d);
		snprintf(value, sizeof(value), "%d", rand_r(&seed) % 9);
		sqlite3_bind_text(s, 1, dims[rand_r(&seed) % 5], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 2, d, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, value, -1, SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_finalize(add);
	sqlite3_finalize(take);

	/* As the triggers of sql/005 count pending RCAs and actions, due
	 * before and after TODAY, or (an RCA) never. */
	add = prepare("INSERT INTO due_counts VALUES (?1, ?2, ?3, 1) "
	    "ON CONFLICT DO UPDATE SET n = n + excluded.n");
	take = prepare("UPDATE due_counts SET n = n - 1 "
	    "WHERE received = ?1 AND kind = ?2 AND due = ?3 AND n > 0");
	for (i = 0; i < 3000; i++) {
		sqlite3_stmt *s = rand_r(&seed) % 6 == 0 ? take : add;
		int k = rand_r(&seed) % NDAYS;

		day(k, 0, d);
		sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, rand_r(&seed) % 3 ? "action" : "rca",
		    -1, SQLITE_STATIC);
		if (rand_r(&seed) % 10 == 0)
			snprintf(d, sizeof(d), "none");
		else
			day(k + rand_r(&seed) % 200, 0, d);
		sqlite3_bind_text(s, 3, d, -1, SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	exec("COMMIT");
	sqlite3_finalize(add);
	sqlite3_finalize(take);
}

static void
teardown(void)
{
	char	path[sizeof(dbpath) + 8];

	sqlite3_close(db);
	store_close(st);
	unlink(dbpath);
	snprintf(path, sizeof(path), "%s-wal", dbpath);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", dbpath);
	unlink(path);
	ck_assert_int_eq(rmdir(dir), 0);
}

/*
 * Rows of a rollup that differ from what it rolls up, summed: sums is
 * "key columns, sum(n) FROM table".
 */
static int
rollup_differs(const char *table, const char *sums)
{
	char	sql[600];

	snprintf(sql, sizeof(sql),
	    "WITH s AS (SELECT %s GROUP BY 1, 2, 3 HAVING sum(n) != 0), "
	    "k AS (SELECT * FROM %s WHERE n != 0) "
	    "SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT "
	    "SELECT * FROM k)) + (SELECT count(*) FROM (SELECT * FROM k "
	    "EXCEPT SELECT * FROM s))", sums, table);
	return query_int(sql);
}

#define SUMMARY(len) \
	"dimension, substr(day, 1, " len "), value, sum(n) FROM summary_counts"
#define DUE(len) \
	"substr(received, 1, " len "), kind, due, sum(n) FROM due_counts"

START_TEST(test_rollups_agree)
{
	ck_assert_int_gt(query_int("SELECT count(DISTINCT substr(day, 1, 4)) "
	    "FROM summary_counts"), 2);
	ck_assert_int_gt(query_int("SELECT count(*) FROM summary_counts "
	    "WHERE n = 0"), 0);	/* some counts were taken back whole */
	ck_assert_int_eq(rollup_differs("summary_months", SUMMARY("7")), 0);
	ck_assert_int_eq(rollup_differs("summary_years", SUMMARY("4")), 0);
	ck_assert_int_gt(query_int("SELECT count(*) FROM due_counts "
	    "WHERE n = 0"), 0);
	ck_assert_int_eq(rollup_differs("due_months", DUE("7")), 0);
	ck_assert_int_eq(rollup_differs("due_years", DUE("4")), 0);
}
END_TEST

/* The counts of the days from..to, one day at a time. */
static json_t *
counted(const char *from, const char *to)
{
	sqlite3_stmt	*s;
	json_t		*counts = json_object(), *dim;
	const char	*name;

	s = prepare("SELECT dimension, value, sum(n) FROM summary_counts "
	    "WHERE day BETWEEN ?1 AND ?2 GROUP BY 1, 2 HAVING sum(n) > 0");
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		if ((dim = json_object_get(counts, name)) == NULL) {
			dim = json_object();
			json_object_set_new(counts, name, dim);
		}
		json_object_set_new(dim,
		    (const char *)sqlite3_column_text(s, 1),
		    json_integer(sqlite3_column_int64(s, 2)));
	}
	sqlite3_finalize(s);
	return counts;
}

/* The RCAs and actions overdue on TODAY of the cases received from..to,
 * one day received at a time. */
static json_t *
overdue(const char *from, const char *to)
{
	sqlite3_stmt	*s;
	json_t		*kinds = json_object();

	s = prepare("SELECT kind, sum(n) FROM due_counts "
	    "WHERE received BETWEEN ?1 AND ?2 AND due < '" TODAY "' "
	    "GROUP BY 1 HAVING sum(n) > 0");
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW)
		json_object_set_new(kinds,
		    (const char *)sqlite3_column_text(s, 0),
		    json_integer(sqlite3_column_int64(s, 1)));
	sqlite3_finalize(s);
	return kinds;
}

static void
assert_same(const char *from, const char *to, const char *what,
    json_t *got, json_t *want)
{
	char	*a, *b;

	if (!json_equal(got, want)) {
		a = json_dumps(got, JSON_SORT_KEYS);
		b = json_dumps(want, JSON_SORT_KEYS);
		ck_abort_msg("%s to %s: %s %s, by day %s", from, to, what, a, b);
	}
	json_decref(want);
}

static void
assert_range(const char *from, const char *to)
{
	json_t	*out = NULL;

	ck_assert_int_eq(store_summary(st, from, to, TODAY, &out), 0);
	assert_same(from, to, "counts", json_object_get(out, "counts"),
	    counted(from, to));
	assert_same(from, to, "overdue", json_object_get(out, "overdue"),
	    overdue(from, to));
	json_decref(out);
}

START_TEST(test_ranges)
{
	unsigned int	seed = 11;
	char		from[11], to[11];
	int		i, a, b;

	/* Every whole year, a whole month, one day, before and after. */
	assert_range("2020-01-01", "2020-12-31");
	assert_range("2019-01-01", "2022-12-31");
	assert_range("2020-02-01", "2020-02-29");
	assert_range("2021-03-04", "2021-03-04");
	assert_range("2019-12-31", "2021-01-01");
	assert_range("2000-01-01", "2019-01-01");
	assert_range("2030-01-01", "2031-12-31");
	for (i = 0; i < 400; i++) {
		a = rand_r(&seed) % (NDAYS + 60) - 30;
		b = a + rand_r(&seed) % (NDAYS + 60 - a);
		day(a, rand_r(&seed) % 5, from);
		day(b, rand_r(&seed) % 5, to);
		if (strcmp(from, to) > 0)
			continue;
		assert_range(from, to);
	}
}
END_TEST

static Suite *
rollup_suite(void)
{
	Suite	*s = suite_create("rollup");
	TCase	*tc = tcase_create("rollup");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_rollups_agree);
	tcase_add_test(tc, test_ranges);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(rollup_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
