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
 * client/summary-data.c: reading the committee's summary as aerd sends
 * it. A count aerd hid stays hidden: no cell, share, median or
 * difference aer works out may give it back. Also the range of days the
 * flags ask for, and how numbers and codes are written.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aer.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

static const struct cmd_entry test_entry = {
	.name = "summary",
	.usage = "[--from DAY] [--to DAY]",
};

static json_t *
parse(const char *text)
{
	json_error_t	 jerr;
	json_t		*j;

	j = json_loads(text, 0, &jerr);
	ck_assert_msg(j != NULL, "bad test JSON: %s", jerr.text);
	return (j);
}

/* --- summary_range --- */

START_TEST(test_range_given)
{
	struct summary_range	r;

	ck_assert_int_eq(summary_range(&test_entry, "2026-01-01",
	    "2026-03-31", &r), AER_EXIT_OK);
	ck_assert_str_eq(r.from, "2026-01-01");
	ck_assert_str_eq(r.to, "2026-03-31");
	ck_assert_int_eq(summary_range(&test_entry, "2026-03-31",
	    "2026-03-31", &r), AER_EXIT_OK);
}
END_TEST

/* Without --from, a year of whole months up to --to. */
static const struct {
	const char	*to;
	const char	*from;
} default_from[] = {
	{ "2026-03-15", "2025-04-01" },
	{ "2026-12-31", "2026-01-01" },
	{ "2026-01-01", "2025-02-01" },
	{ "2024-02-29", "2023-03-01" },
};

START_TEST(test_range_default_from)
{
	struct summary_range	r;

	ck_assert_int_eq(summary_range(&test_entry, NULL, default_from[_i].to,
	    &r), AER_EXIT_OK);
	ck_assert_str_eq(r.from, default_from[_i].from);
	ck_assert_str_eq(r.to, default_from[_i].to);
}
END_TEST

START_TEST(test_range_default_to)
{
	struct summary_range	r;
	struct tm		tm;
	time_t			now = time(NULL);
	char			today[SUMMARY_DAY];

	ck_assert_int_eq(summary_range(&test_entry, "2000-01-01", NULL, &r),
	    AER_EXIT_OK);
	ck_assert_ptr_nonnull(localtime_r(&now, &tm));
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	ck_assert_str_eq(r.to, today);
}
END_TEST

START_TEST(test_range_refused)
{
	struct summary_range	r;

	ck_assert_int_eq(summary_range(&test_entry, "2026-04-01",
	    "2026-03-31", &r), AER_EXIT_USAGE);
	ck_assert_int_eq(summary_range(&test_entry, "2026-02-30", NULL, &r),
	    AER_EXIT_USAGE);
	ck_assert_int_eq(summary_range(&test_entry, NULL, "2026-3-31", &r),
	    AER_EXIT_USAGE);
}
END_TEST

/*
 * A month is its first day in --from and its last in --to; leap years
 * count, and a month and a day mix.
 */
static const struct {
	const char	*from, *to;
	const char	*from_day, *to_day;
} month_ranges[] = {
	{ "2026-06", "2026-11", "2026-06-01", "2026-11-30" },
	{ "2026-01", "2026-12", "2026-01-01", "2026-12-31" },
	{ "2024-02", "2024-02", "2024-02-01", "2024-02-29" },
	{ "2025-02", "2025-02", "2025-02-01", "2025-02-28" },
	{ "2000-02", "2000-02", "2000-02-01", "2000-02-29" },
	{ "1900-02", "1900-02", "1900-02-01", "1900-02-28" },
	{ "2026-04", "2026-04", "2026-04-01", "2026-04-30" },
	{ "2026-01-15", "2026-03", "2026-01-15", "2026-03-31" },
	{ "2026-04", "2026-04-10", "2026-04-01", "2026-04-10" },
	{ NULL, "2026-11", "2025-12-01", "2026-11-30" },
};

START_TEST(test_range_months)
{
	struct summary_range	r;

	ck_assert_int_eq(summary_range(&test_entry, month_ranges[_i].from,
	    month_ranges[_i].to, &r), AER_EXIT_OK);
	ck_assert_str_eq(r.from, month_ranges[_i].from_day);
	ck_assert_str_eq(r.to, month_ranges[_i].to_day);
}
END_TEST

static const char *const bad_months[] = {
	"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-1a",
	"1899-12", "2026-", "2026", "+026-11", "2026-11-",
};

START_TEST(test_range_bad_month)
{
	struct summary_range	r;

	ck_assert_int_eq(summary_range(&test_entry, bad_months[_i], NULL,
	    &r), AER_EXIT_USAGE);
	ck_assert_int_eq(summary_range(&test_entry, NULL, bad_months[_i],
	    &r), AER_EXIT_USAGE);
}
END_TEST

START_TEST(test_range_months_order)
{
	struct summary_range	r;

	ck_assert_int_eq(summary_range(&test_entry, "2026-11", "2026-06",
	    &r), AER_EXIT_USAGE);
	/* The same month, from its first day to its last. */
	ck_assert_int_eq(summary_range(&test_entry, "2026-11-30", "2026-11",
	    &r), AER_EXIT_OK);
	ck_assert_int_eq(summary_range(&test_entry, "2026-12", "2026-11-30",
	    &r), AER_EXIT_USAGE);
}
END_TEST

/* --- summary_cell --- */

static const struct {
	const char	*cell;
	int		 kind;
	long long	 count;
} cells[] = {
	{ "{\"count\": 12, \"suppressed\": false}", CELL_SHOWN, 12 },
	{ "{\"count\": 0}", CELL_SHOWN, 0 },
	{ "{\"count\": null, \"suppressed\": true}", CELL_HIDDEN, 0 },
	{ "{\"count\": null}", CELL_HIDDEN, 0 },
	/* Hidden is hidden, whatever count came with it. */
	{ "{\"count\": 3, \"suppressed\": true}", CELL_HIDDEN, 0 },
	/* The committee's count over months: at least 9. */
	{ "{\"count\": null, \"suppressed\": true, \"at_least\": 9}",
	    CELL_HIDDEN, 9 },
	{ "{\"count\": null, \"suppressed\": true, \"at_least\": -2}",
	    CELL_HIDDEN, 0 },
	{ "{\"count\": -1}", CELL_NONE, 0 },
	{ "{\"count\": \"3\"}", CELL_NONE, 0 },
	{ "{}", CELL_NONE, 0 },
	{ "[12]", CELL_NONE, 0 },
};

START_TEST(test_cell)
{
	json_t		*cell = parse(cells[_i].cell);
	long long	 n = -7;

	ck_assert_int_eq(summary_cell(cell, &n), cells[_i].kind);
	ck_assert_int_eq(n, cells[_i].count);
	json_decref(cell);
	ck_assert_int_eq(summary_cell(NULL, &n), CELL_NONE);
}
END_TEST

/* --- month medians --- */

#define SHOWN(n)	"{\"count\": " #n "}"
#define HIDDEN		"{\"count\": null, \"suppressed\": true}"

static json_t *
months(const char *counts)
{
	char	buf[1024];
	json_t	*cell, *list, *m;
	size_t	 i;

	snprintf(buf, sizeof(buf), "[%s]", counts);
	list = parse(buf);
	m = json_array();
	json_array_foreach(list, i, cell)
		json_array_append_new(m, json_pack("{s:s, s:O}", "month",
		    "2026-01", "count", cell));
	json_decref(list);
	return (m);
}

START_TEST(test_median_shown)
{
	json_t	*m;
	double	 median = -1;
	size_t	 shown = 99;

	m = months(SHOWN(10) "," SHOWN(3) "," SHOWN(5));
	ck_assert(summary_median_shown(m, &median, &shown));
	ck_assert(median == 5.0);
	ck_assert_uint_eq(shown, 3);
	json_decref(m);

	m = months(SHOWN(4) "," HIDDEN "," SHOWN(1) "," SHOWN(2) ","
	    SHOWN(3));
	ck_assert(summary_median_shown(m, &median, &shown));
	ck_assert(median == 2.5);
	ck_assert_uint_eq(shown, 4);
	json_decref(m);

	m = months(HIDDEN "," HIDDEN);
	ck_assert(!summary_median_shown(m, &median, &shown));
	ck_assert_uint_eq(shown, 0);
	json_decref(m);
}
END_TEST

/*
 * The run chart's median: aerd's, of every month, when it gives one;
 * else the months' own, but only when none is hidden, since a median of
 * the months shown says nothing of the others.
 */
START_TEST(test_month_median)
{
	json_t	*m, *reply;
	double	 median = -1;

	m = months(SHOWN(10) "," HIDDEN "," SHOWN(20));
	reply = parse("{\"median_reports_per_month\": 7.5}");
	ck_assert(summary_month_median(reply, m, &median));
	ck_assert(median == 7.5);
	json_decref(reply);

	reply = parse("{\"median_reports_per_month\": null}");
	ck_assert(!summary_month_median(reply, m, &median));
	json_decref(reply);

	reply = parse("{}");
	ck_assert(!summary_month_median(reply, m, &median));
	json_decref(m);

	m = months(SHOWN(10) "," SHOWN(30) "," SHOWN(20));
	ck_assert(summary_month_median(reply, m, &median));
	ck_assert(median == 20.0);
	json_decref(m);
	json_decref(reply);
}
END_TEST

/* --- what is worked out from the counts --- */

/* A share is shown only if neither count it is made of is hidden. */
START_TEST(test_near_miss_share)
{
	json_t	*r;

	r = parse("{\"total\": {\"count\": 40}, \"near_miss_share\": 0.25,"
	    "\"by_event_type\": [{\"code\": \"near_miss\", \"count\":"
	    "{\"count\": 10}}]}");
	ck_assert(json_real_value(summary_near_miss_share(r)) == 0.25);
	json_decref(r);

	r = parse("{\"total\": {\"count\": 40}, \"near_miss_share\": 0.05,"
	    "\"by_event_type\": [{\"code\": \"near_miss\", \"count\":"
	    HIDDEN "}]}");
	ck_assert_ptr_null(summary_near_miss_share(r));
	json_decref(r);

	r = parse("{\"total\": " HIDDEN ", \"near_miss_share\": 0.5,"
	    "\"by_event_type\": [{\"code\": \"near_miss\", \"count\":"
	    "{\"count\": 2}}]}");
	ck_assert_ptr_null(summary_near_miss_share(r));
	json_decref(r);
}
END_TEST

START_TEST(test_on_time_share)
{
	json_t	*r;

	r = parse("{\"rca\": {\"completed\": {\"count\": 8}, \"on_time\":"
	    "{\"count\": 6}, \"on_time_share\": 0.75}}");
	ck_assert(json_real_value(summary_on_time_share(r)) == 0.75);
	json_decref(r);
	r = parse("{\"rca\": {\"completed\": {\"count\": 8}, \"on_time\":"
	    HIDDEN ", \"on_time_share\": 0.25}}");
	ck_assert_ptr_null(summary_on_time_share(r));
	json_decref(r);
}
END_TEST

/* Late is completed less on time: hidden when small, like any count. */
static const struct {
	const char	*reply;
	int		 kind;
	long long	 late;
} lates[] = {
	{ "{\"rca\": {\"completed\": {\"count\": 20}, \"on_time\": "
	    "{\"count\": 12}}}", CELL_SHOWN, 8 },
	{ "{\"rca\": {\"completed\": {\"count\": 20}, \"on_time\": "
	    "{\"count\": 20}}}", CELL_SHOWN, 0 },
	{ "{\"rca\": {\"completed\": {\"count\": 20}, \"on_time\": "
	    "{\"count\": 17}}}", CELL_HIDDEN, 0 },
	{ "{\"threshold\": 11, \"rca\": {\"completed\": {\"count\": 20}, "
	    "\"on_time\": {\"count\": 10}}}", CELL_HIDDEN, 0 },
	{ "{\"suppression\": false, \"rca\": {\"completed\": {\"count\": "
	    "20}, \"on_time\": {\"count\": 17}}}", CELL_SHOWN, 3 },
	/* On time hidden: late would give it away, so it is hidden too. */
	{ "{\"rca\": {\"completed\": {\"count\": 20}, \"on_time\": "
	    HIDDEN "}}", CELL_HIDDEN, 0 },
	{ "{\"rca\": {\"completed\": {\"count\": 5}, \"on_time\": "
	    "{\"count\": 6}}}", CELL_NONE, 0 },
};

START_TEST(test_late)
{
	json_t		*r = parse(lates[_i].reply);
	long long	 late = -1;

	ck_assert_int_eq(summary_late(json_object_get(r, "rca"), r, &late),
	    lates[_i].kind);
	ck_assert_int_eq(late, lates[_i].late);
	json_decref(r);
}
END_TEST

/*
 * The counts shown, largest first, then the hidden, in aerd's order,
 * then those with none.
 */
START_TEST(test_order)
{
	static const size_t	 want[] = { 2, 4, 0, 1, 3, 5, 6 };
	json_t			*rows;
	size_t			*order, i;

	/* A count of 0 goes after the hidden ones: they hold reports. */
	rows = parse("[{\"count\": {\"count\": 3}}, {\"count\": " HIDDEN "},"
	    "{\"count\": {\"count\": 10}}, {\"count\": " HIDDEN "},"
	    "{\"count\": {\"count\": 5}}, {\"count\": {\"count\": null}},"
	    "{\"count\": {\"count\": 0}}]");
	ck_assert_ptr_nonnull(order = summary_order(rows));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_uint_eq(order[i], want[i]);
	free(order);
	json_decref(rows);
	rows = json_array();
	ck_assert_ptr_null(summary_order(rows));
	json_decref(rows);
}
END_TEST

START_TEST(test_threshold)
{
	json_t	*r;

	r = parse("{}");
	ck_assert_int_eq(summary_threshold(r), 5);
	ck_assert(summary_suppressed(r));
	json_decref(r);
	r = parse("{\"threshold\": 11, \"suppression\": false}");
	ck_assert_int_eq(summary_threshold(r), 11);
	ck_assert(!summary_suppressed(r));
	json_decref(r);
	r = parse("{\"threshold\": 0}");
	ck_assert_int_eq(summary_threshold(r), 5);
	json_decref(r);
}
END_TEST

/* --- how it is written --- */

START_TEST(test_labels)
{
	char	 buf[SUMMARY_LABEL];
	json_t	*row;

	ck_assert_str_eq(summary_code_label("verified_effective", buf,
	    sizeof(buf)), "Verified effective");
	row = parse("{\"code\": \"near_miss\", \"label\": "
	    "\"Near miss (caught)\"}");
	ck_assert_str_eq(summary_label(row, buf, sizeof(buf)),
	    "Near miss (caught)");
	json_decref(row);
	row = parse("{\"code\": \"near_miss\"}");
	ck_assert_str_eq(summary_label(row, buf, sizeof(buf)), "Near miss");
	json_decref(row);
	row = parse("{\"code\": \"not_recorded\"}");
	ck_assert_str_eq(summary_label(row, buf, sizeof(buf)),
	    AER_HARM_NOT_APPLICABLE);
	json_decref(row);
	row = parse("{\"location\": null}");
	ck_assert_str_eq(summary_label(row, buf, sizeof(buf)), "(not given)");
	json_decref(row);
	row = parse("{\"month\": \"2026-03\"}");
	ck_assert_str_eq(summary_label(row, buf, sizeof(buf)), "2026-03");
	json_decref(row);
}
END_TEST

START_TEST(test_numbers)
{
	char	buf[32];

	summary_percent(0.534, buf, sizeof(buf));
	ck_assert_str_eq(buf, "53%");
	summary_percent(0.05, buf, sizeof(buf));
	ck_assert_str_eq(buf, "5.0%");
	summary_percent(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0%");
	summary_percent(1, buf, sizeof(buf));
	ck_assert_str_eq(buf, "100%");
	summary_days(12, buf, sizeof(buf));
	ck_assert_str_eq(buf, "12");
	summary_days(12.5, buf, sizeof(buf));
	ck_assert_str_eq(buf, "12.5");
	summary_days(3.75, buf, sizeof(buf));
	ck_assert_str_eq(buf, "3.8");
}
END_TEST

static Suite *
summary_data_suite(void)
{
	Suite	*s = suite_create("client summary-data");
	TCase	*tc;

	tc = tcase_create("range");
	tcase_add_test(tc, test_range_given);
	tcase_add_loop_test(tc, test_range_default_from, 0,
	    NELEM(default_from));
	tcase_add_test(tc, test_range_default_to);
	tcase_add_test(tc, test_range_refused);
	tcase_add_loop_test(tc, test_range_months, 0, NELEM(month_ranges));
	tcase_add_loop_test(tc, test_range_bad_month, 0, NELEM(bad_months));
	tcase_add_test(tc, test_range_months_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("cells");
	tcase_add_loop_test(tc, test_cell, 0, NELEM(cells));
	tcase_add_test(tc, test_median_shown);
	tcase_add_test(tc, test_month_median);
	tcase_add_test(tc, test_near_miss_share);
	tcase_add_test(tc, test_on_time_share);
	tcase_add_loop_test(tc, test_late, 0, NELEM(lates));
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_threshold);
	suite_add_tcase(s, tc);

	tc = tcase_create("words");
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_numbers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(summary_data_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
