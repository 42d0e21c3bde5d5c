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
 * dates.c: days are "YYYY-MM-DD" calendar dates, counted without regard
 * to the time zone; day_of() gives the local date of an instant and
 * time_of() its UTC time.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* 2026-11-23T00:00:00Z */
#define NOV23		((time_t)1795392000)

/* The TZ in force before a test, put back after it. */
static char	*saved_tz;
static int	 had_tz;

static void
setup_tz(void)
{
	const char	*tz;

	tz = getenv("TZ");
	had_tz = tz != NULL;
	saved_tz = had_tz ? strdup(tz) : NULL;
	ck_assert(!had_tz || saved_tz != NULL);
}

static void
teardown_tz(void)
{
	if (had_tz)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved_tz);
	saved_tz = NULL;
}

static void
use_tz(const char *tz)
{
	ck_assert_int_eq(setenv("TZ", tz, 1), 0);
	tzset();
}

/* --- day_parse --- */

static const struct {
	const char	*s;
	int		 y, m, d;
} good_days[] = {
	{ "2026-01-05", 2026, 1, 5 },
	{ "2026-11-23", 2026, 11, 23 },
	{ "2026-12-31", 2026, 12, 31 },
	{ "2026-04-30", 2026, 4, 30 },
	{ "2024-02-29", 2024, 2, 29 },	/* divisible by 4 */
	{ "2000-02-29", 2000, 2, 29 },	/* divisible by 400 */
	{ "2025-02-28", 2025, 2, 28 },
	{ "1900-01-01", 1900, 1, 1 },	/* first year allowed */
	{ "9999-12-31", 9999, 12, 31 },	/* last day allowed */
};

START_TEST(test_parse_good)
{
	int	y = -1, m = -1, d = -1;

	ck_assert_msg(day_parse(good_days[_i].s, &y, &m, &d) == 0,
	    "\"%s\" rejected", good_days[_i].s);
	ck_assert_int_eq(y, good_days[_i].y);
	ck_assert_int_eq(m, good_days[_i].m);
	ck_assert_int_eq(d, good_days[_i].d);
}
END_TEST

static const char *const bad_days[] = {
	"",
	"2025-02-29",		/* not a leap year */
	"1900-02-29",		/* divisible by 100, not by 400 */
	"2100-02-29",
	"2026-02-30",
	"2026-04-31",
	"2026-06-31",
	"2026-01-32",
	"2026-01-00",
	"2026-00-10",
	"2026-13-01",
	"1899-12-31",		/* before 1900 */
	"0000-01-01",
	"10000-01-01",
	"2026-1-05",
	"2026-01-5",
	"26-01-05",
	"2026-01-05x",
	"2026-01-05 ",
	" 2026-01-05",
	"2026/01/05",
	"2026.01.05",
	"20260105",
	"2026-01",
	"2026-+1-05",
	"2026- 1-05",
	"2026-01--5",
	"-026-01-05",
	"abcd-ef-gh",
	"2026-01-05T00:00:00Z",
};

START_TEST(test_parse_bad)
{
	int	y, m, d;

	ck_assert_msg(day_parse(bad_days[_i], &y, &m, &d) == -1,
	    "\"%s\" accepted", bad_days[_i]);
}
END_TEST

/* --- day_add_days, day_add_months, day_diff --- */

struct shift {
	const char	*day;
	int		 n;
	const char	*want;
};

static const struct shift add_days[] = {
	{ "2026-11-23", 0, "2026-11-23" },
	{ "2026-11-23", 7, "2026-11-30" },
	{ "2026-11-23", 8, "2026-12-01" },
	{ "2026-11-23", 45, "2027-01-07" },
	{ "2024-02-28", 1, "2024-02-29" },
	{ "2024-02-28", 2, "2024-03-01" },
	{ "2025-02-28", 1, "2025-03-01" },
	{ "2000-02-28", 1, "2000-02-29" },
	{ "1900-02-28", 1, "1900-03-01" },
	{ "2023-12-31", 1, "2024-01-01" },
	{ "2026-03-01", -1, "2026-02-28" },
	{ "2024-03-01", -1, "2024-02-29" },
	{ "2026-01-01", -1, "2025-12-31" },
	{ "2026-01-01", 365, "2027-01-01" },
	{ "2024-01-01", 366, "2025-01-01" },
	{ "2026-11-23", -365, "2025-11-23" },
	{ "2026-11-23", 1000, "2029-08-19" },
	{ "2026-11-23", -1000, "2024-02-27" },
	{ "1900-01-01", 36524, "2000-01-01" },
};

static const struct shift add_months[] = {
	{ "2026-11-23", 0, "2026-11-23" },
	{ "2026-11-23", 3, "2027-02-23" },
	{ "2026-01-31", 1, "2026-02-28" },
	{ "2024-01-31", 1, "2024-02-29" },
	{ "2026-08-31", 1, "2026-09-30" },
	{ "2026-11-30", 3, "2027-02-28" },
	{ "2026-12-15", 1, "2027-01-15" },
	{ "2026-05-31", -3, "2026-02-28" },
	{ "2026-01-15", -1, "2025-12-15" },
	{ "2026-03-31", -1, "2026-02-28" },
	{ "2026-01-31", 3, "2026-04-30" },
	{ "2026-12-31", 2, "2027-02-28" },
	{ "2026-10-31", 1, "2026-11-30" },
	{ "2024-02-29", 12, "2025-02-28" },
	{ "2024-02-29", 48, "2028-02-29" },
	{ "2026-11-23", 12, "2027-11-23" },
	{ "2026-11-23", -12, "2025-11-23" },
	{ "2026-11-23", -23, "2024-12-23" },
	{ "2026-11-23", 120, "2036-11-23" },
};

static const struct {
	const char	*from, *to;
	int		 days;
} diffs[] = {
	{ "2026-11-23", "2026-11-23", 0 },
	{ "2026-11-23", "2026-11-30", 7 },
	{ "2026-11-23", "2027-01-07", 45 },
	{ "2024-02-28", "2024-03-01", 2 },
	{ "2025-02-28", "2025-03-01", 1 },
	{ "2026-01-01", "2025-12-31", -1 },
	{ "2024-01-01", "2025-01-01", 366 },
	{ "2025-01-01", "2026-01-01", 365 },
	{ "2027-01-07", "2026-11-23", -45 },
	{ "1900-01-01", "2000-01-01", 36524 },
	{ "2000-01-01", "2100-01-01", 36525 },
	{ "2100-01-01", "2000-01-01", -36525 },
	{ "1900-01-01", "9999-12-31", 2958463 },
};

/* out is DAY_LEN bytes: checks the NUL and that nothing follows it. */
static void
assert_shift(int (*fn)(const char *, int, char *), const char *what,
    const struct shift *c)
{
	char	out[DAY_LEN + 4];

	memset(out, '#', sizeof(out));
	ck_assert_msg(fn(c->day, c->n, out) == 0, "%s(%s, %d) failed", what,
	    c->day, c->n);
	ck_assert_msg(strcmp(out, c->want) == 0, "%s(%s, %d): got %.*s, "
	    "want %s", what, c->day, c->n, DAY_LEN, out, c->want);
	ck_assert_int_eq(out[DAY_LEN], '#');
}

START_TEST(test_add_days)
{
	int	got = 0;

	assert_shift(day_add_days, "day_add_days", &add_days[_i]);
	/* The difference between the two is the number added. */
	ck_assert_int_eq(day_diff(add_days[_i].day, add_days[_i].want, &got),
	    0);
	ck_assert_int_eq(got, add_days[_i].n);
}
END_TEST

START_TEST(test_add_days_back)
{
	struct shift	back;

	back.day = add_days[_i].want;
	back.n = -add_days[_i].n;
	back.want = add_days[_i].day;
	assert_shift(day_add_days, "day_add_days", &back);
}
END_TEST

START_TEST(test_add_months)
{
	assert_shift(day_add_months, "day_add_months", &add_months[_i]);
}
END_TEST

START_TEST(test_diff)
{
	int	got = 12345;

	ck_assert_int_eq(day_diff(diffs[_i].from, diffs[_i].to, &got), 0);
	ck_assert_msg(got == diffs[_i].days, "%s -> %s: got %d, want %d",
	    diffs[_i].from, diffs[_i].to, got, diffs[_i].days);
	ck_assert_int_eq(day_diff(diffs[_i].to, diffs[_i].from, &got), 0);
	ck_assert_int_eq(got, -diffs[_i].days);
}
END_TEST

START_TEST(test_bad_day_refused)
{
	char	out[DAY_LEN];
	int	days;

	ck_assert_msg(day_add_days(bad_days[_i], 1, out) == -1,
	    "day_add_days accepted \"%s\"", bad_days[_i]);
	ck_assert_msg(day_add_months(bad_days[_i], 1, out) == -1,
	    "day_add_months accepted \"%s\"", bad_days[_i]);
	ck_assert_msg(day_diff(bad_days[_i], "2026-11-23", &days) == -1,
	    "day_diff accepted \"%s\" as from", bad_days[_i]);
	ck_assert_msg(day_diff("2026-11-23", bad_days[_i], &days) == -1,
	    "day_diff accepted \"%s\" as to", bad_days[_i]);
}
END_TEST

/* --- independence from the time zone --- */

/*
 * Zones with DST at 02:00 (New York, London), south of the equator
 * (Auckland), by half an hour (Lord Howe), at midnight, so that
 * 2018-11-04 00:00 never happened (Sao Paulo), and one that skipped a
 * whole day, 2011-12-30 (Apia). Calendar arithmetic sees none of it.
 */
static const char *const zones[] = {
	"UTC",
	"America/New_York",
	"Europe/London",
	"Pacific/Auckland",
	"Australia/Lord_Howe",
	"America/Sao_Paulo",
	"Pacific/Apia",
};

static const struct shift dst_days[] = {
	{ "2026-03-07", 2, "2026-03-09" },	/* New York springs forward */
	{ "2026-03-08", 1, "2026-03-09" },
	{ "2026-03-09", -1, "2026-03-08" },
	{ "2026-10-31", 2, "2026-11-02" },	/* New York falls back */
	{ "2026-11-01", 1, "2026-11-02" },
	{ "2026-11-02", -2, "2026-10-31" },
	{ "2026-03-28", 2, "2026-03-30" },	/* London springs forward */
	{ "2026-03-29", 1, "2026-03-30" },
	{ "2026-10-24", 2, "2026-10-26" },	/* London falls back */
	{ "2026-10-25", -1, "2026-10-24" },
	{ "2018-11-03", 1, "2018-11-04" },	/* Sao Paulo: no midnight */
	{ "2018-11-04", 1, "2018-11-05" },
	{ "2018-11-05", -1, "2018-11-04" },
	{ "2011-12-29", 1, "2011-12-30" },	/* Apia: no such local day */
	{ "2011-12-30", 1, "2011-12-31" },
	{ "2011-12-31", -1, "2011-12-30" },
};

START_TEST(test_zone_tables)
{
	int	i, got;

	use_tz(zones[_i]);
	for (i = 0; i < NELEM(add_days); i++)
		assert_shift(day_add_days, zones[_i], &add_days[i]);
	for (i = 0; i < NELEM(dst_days); i++)
		assert_shift(day_add_days, zones[_i], &dst_days[i]);
	for (i = 0; i < NELEM(add_months); i++)
		assert_shift(day_add_months, zones[_i], &add_months[i]);
	for (i = 0; i < NELEM(diffs); i++) {
		ck_assert_int_eq(day_diff(diffs[i].from, diffs[i].to, &got), 0);
		ck_assert_msg(got == diffs[i].days, "%s: %s -> %s: got %d",
		    zones[_i], diffs[i].from, diffs[i].to, got);
	}
	ck_assert_int_eq(day_diff("2026-03-07", "2026-03-09", &got), 0);
	ck_assert_int_eq(got, 2);
	ck_assert_int_eq(day_diff("2026-10-31", "2026-11-02", &got), 0);
	ck_assert_int_eq(got, 2);
}
END_TEST

/* Two years one day at a time: each step is one day, whatever the zone. */
START_TEST(test_zone_every_day)
{
	char	day[DAY_LEN], next[DAY_LEN], back[DAY_LEN];
	int	i, got;

	use_tz(zones[_i]);
	strcpy(day, "2025-12-25");
	for (i = 0; i < 800; i++) {
		ck_assert_int_eq(day_add_days(day, 1, next), 0);
		ck_assert_int_eq(day_diff(day, next, &got), 0);
		ck_assert_msg(got == 1, "%s: %s -> %s is %d days", zones[_i],
		    day, next, got);
		ck_assert_int_eq(day_add_days(next, -1, back), 0);
		ck_assert_str_eq(back, day);
		memcpy(day, next, sizeof(day));
	}
	ck_assert_str_eq(day, "2028-03-04");
}
END_TEST

/* --- day_of, time_of --- */

static const struct {
	const char	*tz;
	time_t		 t;
	const char	*day;
} local_days[] = {
	{ "UTC", NOV23, "2026-11-23" },
	{ "UTC", NOV23 - 1, "2026-11-22" },
	{ "UTC", NOV23 + 86399, "2026-11-23" },
	{ "UTC", 0, "1970-01-01" },
	{ "Pacific/Auckland", NOV23, "2026-11-23" },	/* 13:00 NZDT */
	{ "Pacific/Auckland", NOV23 - 1, "2026-11-23" },
	{ "Pacific/Auckland", NOV23 + 11 * 3600, "2026-11-24" },
	{ "America/New_York", NOV23, "2026-11-22" },	/* 19:00 EST */
	{ "America/New_York", NOV23 + 5 * 3600, "2026-11-23" },
};

START_TEST(test_day_of)
{
	char	out[DAY_LEN + 4];

	use_tz(local_days[_i].tz);
	memset(out, '#', sizeof(out));
	day_of(local_days[_i].t, out);
	ck_assert_msg(strcmp(out, local_days[_i].day) == 0,
	    "%s, %lld: got %.*s, want %s", local_days[_i].tz,
	    (long long)local_days[_i].t, DAY_LEN, out, local_days[_i].day);
	ck_assert_int_eq(out[DAY_LEN], '#');
}
END_TEST

static const struct {
	time_t		 t;
	const char	*text;
} utc_times[] = {
	{ NOV23, "2026-11-23T00:00:00Z" },
	{ NOV23 - 1, "2026-11-22T23:59:59Z" },
	{ NOV23 + 13 * 3600 + 5 * 60 + 9, "2026-11-23T13:05:09Z" },
	{ 0, "1970-01-01T00:00:00Z" },
	{ 951782400, "2000-02-29T00:00:00Z" },
};

/* The same text in every zone. */
START_TEST(test_time_of)
{
	char	out[TIME_LEN + 4];
	int	i;

	for (i = 0; i < NELEM(zones); i++) {
		use_tz(zones[i]);
		memset(out, '#', sizeof(out));
		time_of(utc_times[_i].t, out);
		ck_assert_msg(strcmp(out, utc_times[_i].text) == 0,
		    "%s: got %.*s, want %s", zones[i], TIME_LEN, out,
		    utc_times[_i].text);
		ck_assert_int_eq(out[TIME_LEN], '#');
	}
}
END_TEST

/* What day_of gives parses, and time_of's first ten bytes agree in UTC. */
START_TEST(test_day_of_agrees)
{
	char	day[DAY_LEN], t[TIME_LEN];
	int	y, m, d, i;

	use_tz("UTC");
	for (i = 0; i < 400; i++) {
		day_of(NOV23 + (time_t)i * 86400 + 3600, day);
		time_of(NOV23 + (time_t)i * 86400 + 3600, t);
		ck_assert_int_eq(day_parse(day, &y, &m, &d), 0);
		ck_assert_int_eq(strncmp(day, t, DAY_LEN - 1), 0);
	}
}
END_TEST

/* The next release, in the zone's own time, across its clock changes. */
static const struct {
	const char	*tz;
	const char	*now;		/* local "YYYY-MM-DD HH:MM" */
	int		 minutes[3];
	int		 n;
	const char	*next;		/* local, or NULL for none */
} releases[] = {
	{ "UTC", "2026-11-23 10:00", { 0 }, 1, "2026-11-24 00:00" },
	{ "UTC", "2026-11-23 23:59", { 0 }, 1, "2026-11-24 00:00" },
	/* A release at exactly now has happened: the next one is later. */
	{ "UTC", "2026-11-24 00:00", { 0 }, 1, "2026-11-25 00:00" },
	{ "UTC", "2026-11-23 07:59", { 480, 960 }, 2, "2026-11-23 08:00" },
	{ "UTC", "2026-11-23 08:00", { 480, 960 }, 2, "2026-11-23 16:00" },
	{ "UTC", "2026-11-23 16:30", { 480, 960 }, 2, "2026-11-24 08:00" },
	{ "UTC", "2026-12-31 12:00", { 0 }, 1, "2027-01-01 00:00" },
	{ "UTC", "2028-02-28 12:00", { 0 }, 1, "2028-02-29 00:00" },
	/* Spring forward in Berlin, 2027-03-28: 02:30 does not exist. */
	{ "Europe/Berlin", "2027-03-28 01:00", { 150 }, 1,
	    "2027-03-28 03:30" },
	/* Fall back, 2027-10-31: 02:30 comes twice; the first is taken. */
	{ "Europe/Berlin", "2027-10-31 01:00", { 150 }, 1,
	    "2027-10-31 02:30" },
	{ "America/New_York", "2026-11-23 23:30", { 0, 720 }, 2,
	    "2026-11-24 00:00" },
	{ "UTC", "2026-11-23 10:00", { 0 }, 0, NULL },
};

START_TEST(test_release_next)
{
	struct tm	tm;
	time_t		now, next;
	char		out[32];

	use_tz(releases[_i].tz);
	memset(&tm, 0, sizeof(tm));
	ck_assert_ptr_nonnull(strptime(releases[_i].now, "%Y-%m-%d %H:%M",
	    &tm));
	tm.tm_isdst = -1;
	now = mktime(&tm);
	next = release_next(now, releases[_i].minutes, releases[_i].n);
	if (releases[_i].next == NULL) {
		ck_assert_int_eq(next, -1);
		return;
	}
	ck_assert_int_gt(next, now);
	localtime_r(&next, &tm);
	strftime(out, sizeof(out), "%Y-%m-%d %H:%M", &tm);
	ck_assert_msg(strcmp(out, releases[_i].next) == 0, "%s, %s: got %s, "
	    "want %s", releases[_i].tz, releases[_i].now, out,
	    releases[_i].next);
}
END_TEST

static Suite *
dates_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("dates");

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_good, 0, NELEM(good_days));
	tcase_add_loop_test(tc, test_parse_bad, 0, NELEM(bad_days));
	suite_add_tcase(s, tc);

	tc = tcase_create("arithmetic");
	tcase_add_checked_fixture(tc, setup_tz, teardown_tz);
	tcase_add_loop_test(tc, test_add_days, 0, NELEM(add_days));
	tcase_add_loop_test(tc, test_add_days_back, 0, NELEM(add_days));
	tcase_add_loop_test(tc, test_add_months, 0, NELEM(add_months));
	tcase_add_loop_test(tc, test_diff, 0, NELEM(diffs));
	tcase_add_loop_test(tc, test_bad_day_refused, 0, NELEM(bad_days));
	suite_add_tcase(s, tc);

	tc = tcase_create("zones");
	tcase_add_checked_fixture(tc, setup_tz, teardown_tz);
	tcase_set_timeout(tc, 30);	/* reads the zone files */
	tcase_add_loop_test(tc, test_zone_tables, 0, NELEM(zones));
	tcase_add_loop_test(tc, test_zone_every_day, 0, NELEM(zones));
	suite_add_tcase(s, tc);

	tc = tcase_create("instants");
	tcase_add_checked_fixture(tc, setup_tz, teardown_tz);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_day_of, 0, NELEM(local_days));
	tcase_add_loop_test(tc, test_time_of, 0, NELEM(utc_times));
	tcase_add_test(tc, test_day_of_agrees);
	tcase_add_loop_test(tc, test_release_next, 0, NELEM(releases));
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(dates_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
