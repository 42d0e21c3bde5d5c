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
 * Unit tests for the committee's figures (summary-months.c, and
 * summary-places.c for its locations): a range made only from tables
 * that each month publishes on its own, so that no count a month hides
 * is shown in any range, and the locations a month hides go together
 * without their names. Beside tests/check_summary.c, which tests the
 * suppression of one table.
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
		{ "category", "fall", "Fall" },
		{ "category", "medication", "Medication" },
		{ "category", "device", "Device" },
		{ "action_strength", "stronger", "Stronger" },
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

static json_t *
load(const char *text)
{
	json_error_t	 e;
	json_t		*v = json_loads(text, 0, &e);

	ck_assert_msg(v != NULL, "%s: %s", e.text, text);
	return v;
}

/* The count cell of the row of list whose key is value. */
static json_t *
row(json_t *list, const char *key, const char *value)
{
	json_t		*v;
	const char	*s;
	size_t		 i;

	json_array_foreach(list, i, v) {
		s = json_string_value(json_object_get(v, key));
		if (s != NULL && strcmp(s, value) == 0)
			return json_object_get(v, "count");
	}
	return NULL;
}

static void
expect(json_t *cell, const char *want)
{
	json_t	*w = load(want);
	char	*text = cell ? json_dumps(cell, JSON_SORT_KEYS) : NULL;

	ck_assert_msg(cell != NULL && json_equal(cell, w), "%s, not %s",
	    text ? text : "missing", want);
	free(text);
	json_decref(w);
}

/*
 * January: fall 12, medication 3 (small), device 6 (its complement);
 * February: fall 10, medication 9, device 7, all shown. 2026-01 to
 * 2026-02 shows fall, and medication and device hidden, at least what
 * February shows and 1 for January.
 */
#define TWO_MONTHS \
	"{\"2026-01\": {\"counts\": {" \
	"  \"event_type\": {\"near_miss\": 21}," \
	"  \"category\": {\"fall\": 12, \"medication\": 3, \"device\": 6}," \
	"  \"location\": {\"4 West\": 18, \"ICU\": 3}}," \
	"  \"months\": {\"2026-01\": 21}, \"overdue\": {}}," \
	" \"2026-02\": {\"counts\": {" \
	"  \"event_type\": {\"near_miss\": 20, \"incident\": 6}," \
	"  \"category\": {\"fall\": 10, \"medication\": 9, \"device\": 7}," \
	"  \"location\": {\"4 West\": 17, \"ICU\": 9}}," \
	"  \"months\": {\"2026-02\": 26}, \"overdue\": {}}}"

START_TEST(test_composed)
{
	json_t	*raw = load(TWO_MONTHS), *s, *c;

	s = summary_months(raw, tx, "2026-01-01", "2026-02-28", 5);
	ck_assert_ptr_nonnull(s);
	ck_assert(json_is_true(json_object_get(s, "month_tables")));
	expect(json_object_get(s, "total"),
	    "{\"count\": 47, \"suppressed\": false}");
	c = json_object_get(s, "by_category");
	expect(row(c, "code", "fall"), "{\"count\": 22, \"suppressed\": false}");
	expect(row(c, "code", "medication"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 10}");
	expect(row(c, "code", "device"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 8}");
	/* Shown first, the hidden ones after in taxonomy order. */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(c,
	    0), "code")), "fall");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(c,
	    1), "code")), "medication");
	/* Each month as it shows itself. */
	c = json_object_get(s, "by_month");
	expect(row(c, "month", "2026-01"),
	    "{\"count\": 21, \"suppressed\": false}");
	ck_assert(json_real_value(json_object_get(s,
	    "median_reports_per_month")) == 23.5);
	/* Near misses: 21 and 20, shown in both: 41 of 47. */
	ck_assert(json_real_value(json_object_get(s, "near_miss_share")) ==
	    41.0 / 47.0);
	json_decref(s);
	json_decref(raw);
}
END_TEST

/*
 * Whatever the range, a count is shown only if every month of it shows
 * its own: so the difference of two ranges is a sum of counts their
 * months show, and never gives back one a month hides.
 */
START_TEST(test_no_cell_shown_that_a_month_hides)
{
	json_t		*raw = load(TWO_MONTHS), *jan, *feb, *both, *v;
	const char	*code;
	size_t		 i;

	jan = summary_months(raw, tx, "2026-01-01", "2026-01-31", 5);
	feb = summary_months(raw, tx, "2026-02-01", "2026-02-28", 5);
	both = summary_months(raw, tx, "2026-01-01", "2026-02-28", 5);
	json_array_foreach(json_object_get(both, "by_category"), i, v) {
		code = json_string_value(json_object_get(v, "code"));
		if (json_is_true(json_object_get(row(json_object_get(jan,
		    "by_category"), "code", code), "suppressed")) ||
		    json_is_true(json_object_get(row(json_object_get(feb,
		    "by_category"), "code", code), "suppressed")))
			ck_assert_msg(json_is_true(json_object_get(json_object_get(
			    v, "count"), "suppressed")), "%s shown", code);
		else
			ck_assert_int_eq(json_integer_value(json_object_get(
			    json_object_get(v, "count"), "count")),
			    json_integer_value(json_object_get(row(
			    json_object_get(jan, "by_category"), "code", code),
			    "count")) + json_integer_value(json_object_get(row(
			    json_object_get(feb, "by_category"), "code", code),
			    "count")));
	}
	/* A month alone is its own table: January hides medication. */
	expect(row(json_object_get(jan, "by_category"), "code", "medication"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 1}");
	json_decref(jan);
	json_decref(feb);
	json_decref(both);
	json_decref(raw);
}
END_TEST

/* A month hidden as small, and one with nothing: 0, never hidden. */
START_TEST(test_small_and_empty_months)
{
	json_t	*raw, *s, *c;

	raw = load("{\"2026-03\": {\"counts\": {"
	    "\"event_type\": {\"near_miss\": 3},"
	    "\"category\": {\"fall\": 3}}, \"months\": {\"2026-03\": 3},"
	    "\"overdue\": {}}}");
	s = summary_months(raw, tx, "2026-02-01", "2026-04-30", 5);
	c = json_object_get(s, "by_month");
	ck_assert_int_eq(json_array_size(c), 3);
	expect(row(c, "month", "2026-02"),
	    "{\"count\": 0, \"suppressed\": false}");
	expect(row(c, "month", "2026-03"),
	    "{\"count\": null, \"suppressed\": true}");
	expect(json_object_get(s, "total"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 1}");
	/* 0, 1..4, 0: the median is 0 whatever March holds. */
	ck_assert(json_real_value(json_object_get(s,
	    "median_reports_per_month")) == 0.0);
	ck_assert(json_is_null(json_object_get(s, "near_miss_share")));
	json_decref(s);
	json_decref(raw);
}
END_TEST

/*
 * Medians of days and the share of strong actions, from the months: the
 * median of the months' medians; the share only when each month with
 * cases gives its own.
 */
START_TEST(test_figures_from_months)
{
	json_t	*raw, *s;

	raw = load("{\"2026-01\": {\"counts\": {"
	    "\"event_type\": {\"near_miss\": 10},"
	    "\"triage_days\": {\"1\": 10},"
	    "\"action_strength\": {\"stronger\": 5, \"weaker\": 10},"
	    "\"action_status\": {\"open\": 15},"
	    "\"action_case\": {\"1\": 10}, \"strong_case\": {\"1\": 5}},"
	    "\"months\": {\"2026-01\": 10}, \"overdue\": {}},"
	    "\"2026-02\": {\"counts\": {"
	    "\"event_type\": {\"near_miss\": 12},"
	    "\"triage_days\": {\"3\": 12},"
	    "\"action_strength\": {\"stronger\": 6, \"weaker\": 10},"
	    "\"action_status\": {\"open\": 16},"
	    "\"action_case\": {\"1\": 12}, \"strong_case\": {\"1\": 6}},"
	    "\"months\": {\"2026-02\": 12}, \"overdue\": {}}}");
	s = summary_months(raw, tx, "2026-01-01", "2026-02-28", 5);
	ck_assert(json_real_value(json_object_get(s,
	    "median_days_to_triage")) == 2.0);
	ck_assert(json_real_value(json_object_get(json_object_get(s,
	    "actions"), "cases_with_stronger_or_intermediate_share")) ==
	    11.0 / 22.0);
	expect(row(json_object_get(json_object_get(s, "actions"),
	    "by_status"), "code", "open"),
	    "{\"count\": 31, \"suppressed\": false}");
	json_decref(s);

	/* March: 2 cases, 1 strong: its share is hidden, and the range's. */
	json_object_set_new(raw, "2026-03", load("{\"counts\": {"
	    "\"event_type\": {\"near_miss\": 10},"
	    "\"action_strength\": {\"stronger\": 1, \"weaker\": 1},"
	    "\"action_case\": {\"1\": 2}, \"strong_case\": {\"1\": 1}},"
	    "\"months\": {\"2026-03\": 10}, \"overdue\": {}}"));
	s = summary_months(raw, tx, "2026-01-01", "2026-03-31", 5);
	ck_assert(json_is_null(json_object_get(json_object_get(s, "actions"),
	    "cases_with_stronger_or_intermediate_share")));
	json_decref(s);
	json_decref(raw);
}
END_TEST

/*
 * A month's locations: ICU 3 and a bed 1 are small; together 4, so not
 * given (6) is hidden with them. They are one row of 10, unnamed.
 */
START_TEST(test_places_month)
{
	json_t	*counts, *list;
	char	*text;

	counts = load("{\"4 West\": 20, \"ICU\": 3, \"Bed 7, Mrs J\": 1,"
	    "\"\": 6}");
	list = summary_places_month(counts, 5);
	ck_assert_int_eq(json_array_size(list), 2);
	expect(row(list, "location", "4 West"),
	    "{\"count\": 20, \"suppressed\": false}");
	ck_assert(json_is_true(json_object_get(json_array_get(list, 1),
	    "other")));
	ck_assert(json_is_null(json_object_get(json_array_get(list, 1),
	    "location")));
	expect(json_object_get(json_array_get(list, 1), "count"),
	    "{\"count\": 10, \"suppressed\": false}");
	text = json_dumps(list, 0);
	ck_assert_ptr_null(strstr(text, "ICU"));
	ck_assert_ptr_null(strstr(text, "Bed 7"));
	free(text);
	json_decref(list);
	json_decref(counts);

	/* Every one small, 3 in all: their row is hidden too. */
	counts = load("{\"A\": 1, \"B\": 2}");
	list = summary_places_month(counts, 5);
	ck_assert_int_eq(json_array_size(list), 1);
	expect(json_object_get(json_array_get(list, 0), "count"),
	    "{\"count\": null, \"suppressed\": true}");
	json_decref(list);
	json_decref(counts);

	/* None hidden: the others are 0. */
	counts = load("{\"A\": 10, \"B\": 20}");
	list = summary_places_month(counts, 5);
	expect(json_object_get(json_array_get(list, 2), "count"),
	    "{\"count\": 0, \"suppressed\": false}");
	json_decref(list);
	json_decref(counts);
}
END_TEST

/*
 * Over months, a location is counted from those that name it: exactly
 * when each other month hides no location, else at least that.
 */
START_TEST(test_places_range)
{
	json_t	*months, *list;

	months = load("["
	    "[{\"location\": \"4 West\", \"count\": {\"count\": 20, "
	    "  \"suppressed\": false}},"
	    " {\"location\": null, \"other\": true, \"count\": {\"count\": "
	    "  10, \"suppressed\": false}}],"
	    "[{\"location\": \"4 West\", \"count\": {\"count\": 15, "
	    "  \"suppressed\": false}},"
	    " {\"location\": \"ICU\", \"count\": {\"count\": 6, "
	    "  \"suppressed\": false}},"
	    " {\"location\": null, \"other\": true, \"count\": {\"count\": "
	    "  0, \"suppressed\": false}}],"
	    "[{\"location\": null, \"other\": true, \"count\": {\"count\": "
	    "  null, \"suppressed\": true}}]]");
	list = summary_places(months);
	ck_assert_int_eq(json_array_size(list), 3);
	/* The third month hides its locations: 4 West may be among them. */
	expect(row(list, "location", "4 West"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 35}");
	expect(row(list, "location", "ICU"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 6}");
	expect(json_object_get(json_array_get(list, 2), "count"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 11}");
	json_decref(list);

	/* Without it, 4 West is exact; ICU may be among the first's 10. */
	json_array_remove(months, 2);
	list = summary_places(months);
	expect(row(list, "location", "4 West"),
	    "{\"count\": 35, \"suppressed\": false}");
	expect(row(list, "location", "ICU"),
	    "{\"count\": null, \"suppressed\": true, \"at_least\": 6}");
	expect(json_object_get(json_array_get(list, 2), "count"),
	    "{\"count\": 10, \"suppressed\": false}");
	json_decref(list);
	json_decref(months);
}
END_TEST

static Suite *
months_suite(void)
{
	Suite	*s = suite_create("summary-months");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_composed);
	tcase_add_test(tc, test_no_cell_shown_that_a_month_hides);
	tcase_add_test(tc, test_small_and_empty_months);
	tcase_add_test(tc, test_figures_from_months);
	tcase_add_test(tc, test_places_month);
	tcase_add_test(tc, test_places_range);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(months_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
