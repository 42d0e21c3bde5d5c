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
 * Unit tests for summary.c: small-cell suppression and its complement,
 * the median of a histogram, and summaries built from hand-made counts,
 * checked cell by cell against the JSON worked out by hand.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

static struct taxonomy	*tx;

static void
setup(void)
{
	static const char *const rows[][3] = {
		{ "event_type", "incident", "Incident" },
		{ "event_type", "near_miss", "Near miss" },
		{ "event_type", "unsafe_condition", "Unsafe condition" },
		{ "category", "fall", "Fall" },
		{ "category", "medication", "Medication" },
		{ "category", "device", "Device" },
		{ "category", "surgery", "Surgery" },
		{ "harm", "none", "No harm" },
		{ "harm", "mild", "Mild harm" },
		{ "action_strength", "stronger", "Stronger" },
		{ "action_strength", "intermediate", "Intermediate" },
		{ "action_strength", "weaker", "Weaker" },
	};
	size_t	i;

	tx = taxonomy_new();
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert_int_eq(taxonomy_add(tx, rows[i][0], rows[i][1],
		    rows[i][2], (int)i), 0);
}

static void
teardown(void)
{
	taxonomy_free(tx);
}

static void
cells(struct cell *c, const long long *counts, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		c[i].code = "x";
		c[i].count = counts[i];
		c[i].suppressed = -1;
	}
}

START_TEST(test_small_cells)
{
	static const long long	counts[] = { 12, 3, 0, 4, 7 };
	struct cell		c[5];

	cells(c, counts, 5);
	summary_suppress(c, 5, 5);
	ck_assert_int_eq(c[0].suppressed, 0);
	ck_assert_int_eq(c[1].suppressed, 1);
	ck_assert_int_eq(c[2].suppressed, 0);	/* zero names no one */
	ck_assert_int_eq(c[3].suppressed, 1);
	ck_assert_int_eq(c[4].suppressed, 0);	/* two hidden: no complement */
}
END_TEST

START_TEST(test_complement)
{
	static const long long	counts[] = { 12, 3, 9, 6 };
	struct cell		c[4];

	/* 3 alone would be total - 12 - 9 - 6: hide the smallest other. */
	cells(c, counts, 4);
	summary_suppress(c, 4, 5);
	ck_assert_int_eq(c[1].suppressed, 1);
	ck_assert_int_eq(c[3].suppressed, 1);
	ck_assert_int_eq(c[0].suppressed, 0);
	ck_assert_int_eq(c[2].suppressed, 0);
}
END_TEST

START_TEST(test_complement_not_zero)
{
	static const long long	counts[] = { 0, 0, 3, 5, 22 };
	struct cell		c[5];

	/* The complement is the smallest cell that is not zero. */
	cells(c, counts, 5);
	summary_suppress(c, 5, 5);
	ck_assert_int_eq(c[0].suppressed + c[1].suppressed, 0);
	ck_assert_int_eq(c[2].suppressed, 1);
	ck_assert_int_eq(c[3].suppressed, 1);
	ck_assert_int_eq(c[4].suppressed, 0);
}
END_TEST

START_TEST(test_threshold_edges)
{
	static const long long	counts[] = { 5, 4, 1 };
	struct cell		c[3];

	cells(c, counts, 3);
	summary_suppress(c, 3, 5);
	ck_assert_int_eq(c[0].suppressed, 0);	/* 5 is not under 5 */
	ck_assert_int_eq(c[1].suppressed, 1);
	ck_assert_int_eq(c[2].suppressed, 1);
	cells(c, counts, 3);
	summary_suppress(c, 3, 0);		/* unsuppressed */
	ck_assert_int_eq(c[1].suppressed + c[2].suppressed, 0);
}
END_TEST

/* The hidden cells as a string of 0 and 1, to compare whole. */
static const char *
marks(const struct cell *c, size_t n)
{
	static char	buf[64];
	size_t		i;

	for (i = 0; i < n && i < sizeof(buf) - 1; i++)
		buf[i] = c[i].suppressed ? '1' : '0';
	buf[i] = '\0';
	return buf;
}

START_TEST(test_two_small_cells)
{
	static const long long	ward[] = { 9, 1, 1 };
	static const long long	more[] = { 20, 2, 1, 8, 0 };
	static const long long	ones[] = { 1, 1, 1, 1, 1, 1, 9 };
	struct cell		c[7];

	/* 11 reports: ED + ICU = 2 would make each exactly 1, so Ward 9
	 * goes too and the three are known only to add up to 11. */
	cells(c, ward, 3);
	summary_suppress(c, 3, 5);
	ck_assert_str_eq(marks(c, 3), "111");
	/* 2 + 1 = 3 is itself a small count: 8 joins them (11). */
	cells(c, more, 5);
	summary_suppress(c, 5, 5);
	ck_assert_str_eq(marks(c, 5), "01110");
	/* Six cells of 1 add up to 6, over the threshold, but six hidden
	 * cells adding up to 6 are 1 each: the 9 is hidden too. */
	cells(c, ones, 7);
	summary_suppress(c, 7, 5);
	ck_assert_str_eq(marks(c, 7), "1111111");
}
END_TEST

START_TEST(test_zero_beside_small)
{
	static const long long	one[] = { 0, 3, 30, 0 };
	static const long long	all[] = { 0, 3, 1, 0 };
	struct cell		c[4];

	/* The complement of a lone small cell is never a zero. */
	cells(c, one, 4);
	summary_suppress(c, 4, 5);
	ck_assert_str_eq(marks(c, 4), "0110");
	/* All cells small: both hidden, the zeros still shown as 0 (not
	 * "<5": nothing happened there); the total, 4, is small too. */
	cells(c, all, 4);
	summary_suppress(c, 4, 5);
	ck_assert_str_eq(marks(c, 4), "0110");
}
END_TEST

/*
 * For many distributions: no zero is hidden, and either the hidden cells
 * are two or more adding up to at least the threshold and to more than
 * their number, so that each could be any of two or more values, or
 * every cell that is not zero is hidden.
 */
START_TEST(test_rule_holds)
{
	struct cell	c[8];
	long long	counts[8], sum, nonzero;
	size_t		n, i, hidden, round;
	unsigned int	seed = 4;

	for (round = 0; round < 20000; round++) {
		n = 1 + (size_t)(rand_r(&seed) % 8);
		for (i = 0; i < n; i++)
			counts[i] = rand_r(&seed) % 3 == 0 ? 0 :
			    rand_r(&seed) % 14;
		cells(c, counts, n);
		summary_suppress(c, n, 5);
		hidden = 0;
		sum = nonzero = 0;
		for (i = 0; i < n; i++) {
			ck_assert(!(c[i].suppressed && c[i].count == 0));
			ck_assert(c[i].suppressed || c[i].count == 0 ||
			    c[i].count >= 5);
			hidden += (size_t)c[i].suppressed;
			sum += c[i].suppressed ? c[i].count : 0;
			nonzero += c[i].count > 0;
		}
		ck_assert(hidden == 0 || (hidden >= 2 && sum >= 5 &&
		    sum > (long long)hidden) || (long long)hidden == nonzero);
	}
}
END_TEST

START_TEST(test_median)
{
	static const long long	v1[] = { 1, 2, 10 }, n1[] = { 1, 1, 1 };
	static const long long	v2[] = { 1, 3 }, n2[] = { 2, 2 };
	static const long long	v3[] = { 0, 5 }, n3[] = { 3, 1 };

	ck_assert(summary_median(v1, n1, 3) == 2.0);
	ck_assert(summary_median(v2, n2, 2) == 2.0);	/* 1 1 3 3 */
	ck_assert(summary_median(v3, n3, 2) == 0.0);	/* 0 0 0 5 */
	ck_assert(summary_median(v1, n1, 0) < 0);
}
END_TEST

static json_t *
raw_fixture(void)
{
	json_error_t	 e;
	json_t		*raw;

	/* 26 reports: 20 near misses, 6 incidents; four categories. */
	raw = json_loads("{\"counts\": {"
	    "\"event_type\": {\"near_miss\": 20, \"incident\": 6},"
	    "\"category\": {\"fall\": 12, \"medication\": 8, \"device\": 4,"
	    "  \"surgery\": 2},"
	    "\"harm\": {\"none\": 3, \"mild\": 3, \"not_recorded\": 20},"
	    "\"location\": {\"4 West\": 22, \"ICU\": 3, \"\": 1},"
	    "\"triage_days\": {\"0\": 10, \"2\": 10, \"9\": 6},"
	    "\"rca_on_time\": {\"on_time\": 6, \"late\": 2},"
	    "\"rca_days\": {\"30\": 6, \"50\": 2},"
	    "\"action_strength\": {\"stronger\": 6, \"weaker\": 6},"
	    "\"action_status\": {\"open\": 9, \"verified_effective\": 3},"
	    "\"action_case\": {\"1\": 8}, \"strong_case\": {\"1\": 6}},"
	    "\"months\": {\"2026-10\": 11, \"2026-11\": 15},"
	    "\"overdue\": {\"rca\": 1}}", 0, &e);
	ck_assert_msg(raw != NULL, "%s", e.text);
	return raw;
}

static json_t *
find(json_t *list, const char *key, const char *value)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(list, i, v)
		if (json_is_string(json_object_get(v, key)) &&
		    strcmp(json_string_value(json_object_get(v, key)), value) == 0)
			return json_object_get(v, "count");
	return NULL;
}

#define HIDDEN	"{\"count\": null, \"suppressed\": true}"

/* The cell of the row whose key is value is exactly the JSON want. */
static void
expect(json_t *list, const char *key, const char *value, const char *want)
{
	json_t	*w = json_loads(want, 0, NULL), *got = find(list, key, value);
	char	*text = got ? json_dumps(got, JSON_SORT_KEYS) : NULL;

	ck_assert_ptr_nonnull(w);
	ck_assert_msg(got != NULL && json_equal(got, w), "%s %s: %s, not %s",
	    key, value, text ? text : "missing", want);
	free(text);
	json_decref(w);
}

/* The whole list, exactly: codes and cells in this order. */
static void
expect_list(json_t *list, const char *want)
{
	json_t	*w = json_loads(want, 0, NULL), *v;
	char	*text = json_dumps(list, JSON_SORT_KEYS);
	size_t	 i;

	ck_assert_ptr_nonnull(w);
	/* Labels are the taxonomy's; compare codes and cells. */
	json_array_foreach(list, i, v)
		json_object_del(v, "label");
	ck_assert_msg(json_equal(list, w), "%s, not %s", text, want);
	free(text);
	json_decref(w);
}

START_TEST(test_build)
{
	json_t	*raw = raw_fixture(), *s, *c;

	s = summary_build(raw, tx, "2026-10-01", "2026-11-30", 5);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(s, "total"), "count")), 26);
	/* Categories sorted largest first; surgery (2) hidden, and device
	 * (4) is small itself: no complement needed. */
	c = json_object_get(s, "by_category");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(c,
	    0), "code")), "fall");
	ck_assert(json_is_true(json_object_get(find(c, "code", "surgery"),
	    "suppressed")));
	ck_assert(json_is_null(json_object_get(find(c, "code", "surgery"),
	    "count")));
	ck_assert_int_eq(json_integer_value(json_object_get(find(c, "code",
	    "medication"), "count")), 8);
	/* Harm: none 3 and mild 3 both small. */
	c = json_object_get(s, "by_harm");
	ck_assert(json_is_true(json_object_get(find(c, "code", "none"),
	    "suppressed")));
	ck_assert_int_eq(json_integer_value(json_object_get(find(c, "code",
	    "not_recorded"), "count")), 20);
	/* Locations: ICU 3 and the unnamed 1 add up to 4, a small count
	 * itself, so 4 West is hidden with them. */
	c = json_object_get(s, "by_location");
	expect(c, "location", "ICU", HIDDEN);
	expect(c, "location", "4 West", HIDDEN);
	ck_assert_int_eq(json_array_size(c), 3);
	/* Months: both shown, in order; their median 13. */
	c = json_object_get(s, "by_month");
	ck_assert_int_eq(json_array_size(c), 2);
	expect(c, "month", "2026-11", "{\"count\": 15, \"suppressed\": false}");
	ck_assert(json_real_value(json_object_get(s,
	    "median_reports_per_month")) == 13.0);
	ck_assert(json_real_value(json_object_get(s, "near_miss_share")) >
	    0.769 && json_real_value(json_object_get(s, "near_miss_share")) <
	    0.770);
	/* RCA: 8 completed, 6 on time, 2 late: late is small, so on time is
	 * hidden as its complement, and the share with it; median 30. */
	c = json_object_get(s, "rca");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(c,
	    "completed"), "count")), 8);
	ck_assert(json_is_null(json_object_get(c, "on_time_share")));
	ck_assert(json_real_value(json_object_get(c,
	    "median_days_to_complete")) == 30.0);
	ck_assert(json_is_true(json_object_get(json_object_get(c, "overdue"),
	    "suppressed")));
	/* Triage: 26 values, median between the 13th and 14th: 2 days. */
	ck_assert(json_real_value(json_object_get(s,
	    "median_days_to_triage")) == 2.0);
	ck_assert(json_is_null(json_object_get(s, "median_days_to_close")));
	/* Actions: weaker 6 and stronger 6; intermediate 0. Status: open 9,
	 * verified 3 alone small: its complement (open) is hidden too. */
	c = json_object_get(json_object_get(s, "actions"), "by_status");
	ck_assert(json_is_true(json_object_get(find(c, "code",
	    "verified_effective"), "suppressed")));
	ck_assert(json_is_true(json_object_get(find(c, "code", "open"),
	    "suppressed")));
	/* 6 of 8 cases: the 2 without would be 8 - 0.75 * 8. */
	ck_assert(json_is_null(json_object_get(json_object_get(s, "actions"),
	    "cases_with_stronger_or_intermediate_share")));
	json_decref(s);

	/* Unsuppressed, every count shows. */
	s = summary_build(raw, tx, "2026-10-01", "2026-11-30", 0);
	ck_assert_int_eq(json_integer_value(json_object_get(find(
	    json_object_get(s, "by_category"), "code", "surgery"), "count")), 2);
	ck_assert(json_is_false(json_object_get(s, "suppression")));
	json_decref(s);
	json_decref(raw);
}
END_TEST

/* A share must not give back a count hidden as a complement. */
START_TEST(test_share_of_complement)
{
	json_t	*raw, *s;

	/* unsafe_condition 2 is small; near_miss 11 is its complement. */
	raw = json_loads("{\"counts\": {\"event_type\": {\"near_miss\": 11,"
	    "\"incident\": 18, \"unsafe_condition\": 2},"
	    "\"rca_on_time\": {\"on_time\": 9, \"late\": 2}},"
	    "\"months\": {}, \"overdue\": {}}", 0, NULL);
	s = summary_build(raw, tx, "2026-01-01", "2026-01-31", 5);
	ck_assert(json_is_true(json_object_get(find(json_object_get(s,
	    "by_event_type"), "code", "near_miss"), "suppressed")));
	ck_assert(json_is_null(json_object_get(s, "near_miss_share")));
	ck_assert(json_is_true(json_object_get(json_object_get(
	    json_object_get(s, "rca"), "late"), "suppressed")));
	ck_assert(json_is_true(json_object_get(json_object_get(
	    json_object_get(s, "rca"), "on_time"), "suppressed")));
	ck_assert(json_is_null(json_object_get(json_object_get(s, "rca"),
	    "on_time_share")));
	json_decref(s);
	json_decref(raw);
}
END_TEST

START_TEST(test_small_total)
{
	json_t	*raw, *s;

	raw = json_loads("{\"counts\": {\"event_type\": {\"near_miss\": 3}},"
	    "\"months\": {}, \"overdue\": {}}", 0, NULL);
	s = summary_build(raw, tx, "2026-01-01", "2026-03-31", 5);
	ck_assert(json_is_true(json_object_get(json_object_get(s, "total"),
	    "suppressed")));
	ck_assert(json_is_null(json_object_get(s, "near_miss_share")));
	ck_assert_int_eq(json_array_size(json_object_get(s, "by_month")), 3);
	json_decref(s);
	json_decref(raw);
}
END_TEST

/*
 * Eleven reports in a quarter, worked out by hand: Ward 9 has 9, ED 1
 * and ICU 1; falls 9 and medication 2; mild harm 3, harm not recorded 8,
 * and no deaths; near misses 7 and incidents 4; none in January, 4 in
 * February, 7 in March; strength: stronger 6, intermediate 2, weaker 0;
 * 5 cases with an action, 4 of them a stronger or intermediate one.
 */
START_TEST(test_build_small)
{
	json_t	*raw, *s, *a;

	raw = json_loads("{\"counts\": {"
	    "\"event_type\": {\"near_miss\": 7, \"incident\": 4},"
	    "\"category\": {\"fall\": 9, \"medication\": 2},"
	    "\"harm\": {\"mild\": 3, \"not_recorded\": 8},"
	    "\"location\": {\"Ward 9\": 9, \"ED\": 1, \"ICU\": 1},"
	    "\"action_strength\": {\"stronger\": 6, \"intermediate\": 2},"
	    "\"action_status\": {\"open\": 8},"
	    "\"action_case\": {\"1\": 5}, \"strong_case\": {\"1\": 4}},"
	    "\"months\": {\"2026-02\": 4, \"2026-03\": 7},"
	    "\"overdue\": {}}", 0, NULL);
	ck_assert_ptr_nonnull(raw);
	s = summary_build(raw, tx, "2026-01-01", "2026-03-31", 5);
	expect_list(json_object_get(s, "by_location"), "["
	    "{\"location\": \"Ward 9\", \"count\": " HIDDEN "},"
	    "{\"location\": \"ED\", \"count\": " HIDDEN "},"
	    "{\"location\": \"ICU\", \"count\": " HIDDEN "}]");
	/* Hidden cells after the shown ones (zeros), not by their counts. */
	expect_list(json_object_get(s, "by_category"), "["
	    "{\"code\": \"device\", \"count\": {\"count\": 0, "
	    "\"suppressed\": false}},"
	    "{\"code\": \"surgery\", \"count\": {\"count\": 0, "
	    "\"suppressed\": false}},"
	    "{\"code\": \"fall\", \"count\": " HIDDEN "},"
	    "{\"code\": \"medication\", \"count\": " HIDDEN "}]");
	expect_list(json_object_get(s, "by_harm"), "["
	    "{\"code\": \"none\", \"count\": {\"count\": 0, "
	    "\"suppressed\": false}},"
	    "{\"code\": \"mild\", \"count\": " HIDDEN "},"
	    "{\"code\": \"not_recorded\", \"count\": " HIDDEN "}]");
	expect_list(json_object_get(s, "by_month"), "["
	    "{\"month\": \"2026-01\", \"count\": {\"count\": 0, "
	    "\"suppressed\": false}},"
	    "{\"month\": \"2026-02\", \"count\": " HIDDEN "},"
	    "{\"month\": \"2026-03\", \"count\": " HIDDEN "}]");
	/* 0, h, h: the median would be one hidden month's count. */
	ck_assert(json_is_null(json_object_get(s, "median_reports_per_month")));
	expect(json_object_get(s, "by_event_type"), "code", "near_miss",
	    HIDDEN);
	ck_assert(json_is_null(json_object_get(s, "near_miss_share")));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(s,
	    "total"), "count")), 11);
	/* Intermediate 2 hidden, stronger 6 as its complement; the share of
	 * cases (4 of 5, and 1 without) would give them back. */
	a = json_object_get(s, "actions");
	expect_list(json_object_get(a, "by_strength"), "["
	    "{\"code\": \"stronger\", \"count\": " HIDDEN "},"
	    "{\"code\": \"intermediate\", \"count\": " HIDDEN "},"
	    "{\"code\": \"weaker\", \"count\": {\"count\": 0, "
	    "\"suppressed\": false}}]");
	expect(json_object_get(a, "by_status"), "code", "open",
	    "{\"count\": 8, \"suppressed\": false}");
	ck_assert(json_is_null(json_object_get(a,
	    "cases_with_stronger_or_intermediate_share")));
	json_decref(s);
	json_decref(raw);
}
END_TEST

/* Shares given where nothing they are made of is hidden. */
START_TEST(test_shares_shown)
{
	json_t	*raw, *s;

	raw = json_loads("{\"counts\": {"
	    "\"event_type\": {\"near_miss\": 15, \"incident\": 5},"
	    "\"rca_on_time\": {\"on_time\": 6, \"late\": 6},"
	    "\"action_strength\": {\"stronger\": 5, \"weaker\": 10},"
	    "\"action_case\": {\"1\": 12}, \"strong_case\": {\"1\": 6}},"
	    "\"months\": {\"2026-01\": 5, \"2026-02\": 6, "
	    "\"2026-03\": 9}, \"overdue\": {}}", 0, NULL);
	s = summary_build(raw, tx, "2026-01-01", "2026-03-31", 5);
	ck_assert(json_real_value(json_object_get(s, "near_miss_share")) ==
	    0.75);
	ck_assert(json_real_value(json_object_get(json_object_get(s, "rca"),
	    "on_time_share")) == 0.5);
	ck_assert(json_real_value(json_object_get(json_object_get(s,
	    "actions"), "cases_with_stronger_or_intermediate_share")) == 0.5);
	ck_assert(json_real_value(json_object_get(s,
	    "median_reports_per_month")) == 6.0);
	json_decref(s);
	json_decref(raw);

	/* One case in twelve without such an action: it would show. */
	raw = json_loads("{\"counts\": {"
	    "\"action_strength\": {\"stronger\": 5, \"weaker\": 10},"
	    "\"action_case\": {\"1\": 12}, \"strong_case\": {\"1\": 11}},"
	    "\"months\": {}, \"overdue\": {}}", 0, NULL);
	s = summary_build(raw, tx, "2026-01-01", "2026-03-31", 5);
	ck_assert(json_is_null(json_object_get(json_object_get(s, "actions"),
	    "cases_with_stronger_or_intermediate_share")));
	json_decref(s);
	json_decref(raw);
}
END_TEST

/*
 * The median of every month, hidden ones included, when it is the same
 * whatever they hold: twelve months, two of them hidden (3 and 4), the
 * rest 10 to 20: the middle two are shown months whichever way.
 */
START_TEST(test_month_median)
{
	json_t	*raw, *s;

	raw = json_loads("{\"counts\": {}, \"months\": {"
	    "\"2026-01\": 3, \"2026-02\": 4, \"2026-03\": 10,"
	    "\"2026-04\": 11, \"2026-05\": 12, \"2026-06\": 13,"
	    "\"2026-07\": 14, \"2026-08\": 15, \"2026-09\": 16,"
	    "\"2026-10\": 18, \"2026-11\": 19, \"2026-12\": 20},"
	    "\"overdue\": {}}", 0, NULL);
	s = summary_build(raw, tx, "2026-01-01", "2026-12-31", 5);
	expect(json_object_get(s, "by_month"), "month", "2026-01", HIDDEN);
	expect(json_object_get(s, "by_month"), "month", "2026-02", HIDDEN);
	/* 3 4 10 11 12 13 | 14 15 16 18 19 20: (13 + 14) / 2. */
	ck_assert(json_real_value(json_object_get(s,
	    "median_reports_per_month")) == 13.5);
	json_decref(s);
	json_decref(raw);
}
END_TEST

static Suite *
summary_suite(void)
{
	Suite	*s = suite_create("summary");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_small_cells);
	tcase_add_test(tc, test_complement);
	tcase_add_test(tc, test_complement_not_zero);
	tcase_add_test(tc, test_threshold_edges);
	tcase_add_test(tc, test_two_small_cells);
	tcase_add_test(tc, test_zero_beside_small);
	tcase_add_test(tc, test_rule_holds);
	tcase_add_test(tc, test_median);
	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_share_of_complement);
	tcase_add_test(tc, test_small_total);
	tcase_add_test(tc, test_build_small);
	tcase_add_test(tc, test_shares_shown);
	tcase_add_test(tc, test_month_median);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(summary_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
