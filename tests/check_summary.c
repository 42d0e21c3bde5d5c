/*
 * Unit tests for summary.c: small-cell suppression and its complement,
 * the median of a histogram, and a summary built from hand-made counts.
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
	/* Locations: ICU 3 and the unnamed 1 hidden; 4 West shown. */
	c = json_object_get(s, "by_location");
	ck_assert(json_is_true(json_object_get(find(c, "location", "ICU"),
	    "suppressed")));
	ck_assert_int_eq(json_integer_value(json_object_get(find(c,
	    "location", "4 West"), "count")), 22);
	/* Months: both shown, in order. */
	c = json_object_get(s, "by_month");
	ck_assert_int_eq(json_array_size(c), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_array_get(c, 1), "count"), "count")), 15);
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
	ck_assert(json_real_value(json_object_get(json_object_get(s, "actions"),
	    "cases_with_stronger_or_intermediate_share")) == 0.75);
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
	tcase_add_test(tc, test_median);
	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_share_of_complement);
	tcase_add_test(tc, test_small_total);
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
