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
 * taxonomy.c: the enumerations loaded from the taxonomy table, checked by
 * validate.c and served at GET /v1/taxonomy.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

static struct taxonomy	*tx;

static void
setup(void)
{
	tx = taxonomy_new();
	ck_assert_ptr_nonnull(tx);
}

static void
teardown(void)
{
	taxonomy_free(tx);
	tx = NULL;
}

static void
add(const char *enumeration, const char *code, const char *label, int order)
{
	ck_assert_int_eq(taxonomy_add(tx, enumeration, code, label, order), 0);
}

/* Asserts that entry i of list is {code, label, order} and nothing else. */
static void
assert_entry(json_t *list, size_t i, const char *code, const char *label,
    int order)
{
	json_t	*e, *v;

	e = json_array_get(list, i);
	ck_assert_msg(json_is_object(e), "entry %zu is not an object", i);
	ck_assert_uint_eq(json_object_size(e), 3);
	v = json_object_get(e, "code");
	ck_assert(json_is_string(v));
	ck_assert_str_eq(json_string_value(v), code);
	v = json_object_get(e, "label");
	ck_assert(json_is_string(v));
	ck_assert_str_eq(json_string_value(v), label);
	v = json_object_get(e, "order");
	ck_assert(json_is_integer(v));
	ck_assert_int_eq(json_integer_value(v), order);
}

START_TEST(test_empty)
{
	json_t	*j;

	ck_assert(!taxonomy_has(tx, "category", "medication"));
	ck_assert_uint_eq(taxonomy_count(tx, "category"), 0);
	j = taxonomy_json(tx);
	ck_assert(json_is_object(j));
	ck_assert_uint_eq(json_object_size(j), 0);
	json_decref(j);
}
END_TEST

START_TEST(test_add_has)
{
	add("category", "medication", "Medication or other substance", 5);
	add("category", "fall", "Fall", 3);
	add("harm", "none", "No harm", 5);

	ck_assert(taxonomy_has(tx, "category", "medication"));
	ck_assert(taxonomy_has(tx, "category", "fall"));
	ck_assert(taxonomy_has(tx, "harm", "none"));
	ck_assert(!taxonomy_has(tx, "category", "blood"));
	ck_assert(!taxonomy_has(tx, "category", ""));
	/* Codes belong to their enumeration. */
	ck_assert(!taxonomy_has(tx, "harm", "medication"));
	ck_assert(!taxonomy_has(tx, "category", "none"));
	ck_assert(!taxonomy_has(tx, "severity", "none"));
	ck_assert(!taxonomy_has(tx, "", "none"));
}
END_TEST

START_TEST(test_case_sensitive)
{
	add("category", "medication", "Medication", 1);
	add("merp_category", "B", "B", 2);

	ck_assert(taxonomy_has(tx, "category", "medication"));
	ck_assert(!taxonomy_has(tx, "category", "Medication"));
	ck_assert(!taxonomy_has(tx, "category", "MEDICATION"));
	ck_assert(!taxonomy_has(tx, "Category", "medication"));
	ck_assert(taxonomy_has(tx, "merp_category", "B"));
	ck_assert(!taxonomy_has(tx, "merp_category", "b"));
}
END_TEST

/* No prefix or substring matches. */
START_TEST(test_whole_code)
{
	add("category", "medication", "Medication", 1);

	ck_assert(!taxonomy_has(tx, "category", "med"));
	ck_assert(!taxonomy_has(tx, "category", "medications"));
	ck_assert(!taxonomy_has(tx, "category", "medication "));
	ck_assert(!taxonomy_has(tx, "categor", "medication"));
	ck_assert(!taxonomy_has(tx, "category_x", "medication"));
}
END_TEST

START_TEST(test_count)
{
	add("event_type", "incident", "Incident", 1);
	add("event_type", "near_miss", "Near miss", 2);
	add("event_type", "unsafe_condition", "Unsafe condition", 3);
	add("harm", "none", "No harm", 5);

	ck_assert_uint_eq(taxonomy_count(tx, "event_type"), 3);
	ck_assert_uint_eq(taxonomy_count(tx, "harm"), 1);
	ck_assert_uint_eq(taxonomy_count(tx, "category"), 0);
	ck_assert_uint_eq(taxonomy_count(tx, "Event_Type"), 0);
}
END_TEST

/* The taxonomy keeps its own copies of what it is given. */
START_TEST(test_copies_strings)
{
	char	e[32], c[32], l[32];
	json_t	*j;

	snprintf(e, sizeof(e), "category");
	snprintf(c, sizeof(c), "vte");
	snprintf(l, sizeof(l), "Venous thromboembolism");
	add(e, c, l, 10);
	memset(e, 'x', sizeof(e) - 1);
	memset(c, 'x', sizeof(c) - 1);
	memset(l, 'x', sizeof(l) - 1);

	ck_assert(taxonomy_has(tx, "category", "vte"));
	ck_assert_uint_eq(taxonomy_count(tx, "category"), 1);
	j = taxonomy_json(tx);
	assert_entry(json_object_get(j, "category"), 0, "vte",
	    "Venous thromboembolism", 10);
	json_decref(j);
}
END_TEST

START_TEST(test_json_sorted_by_order)
{
	json_t	*j, *list;

	/* Added out of order, and not in alphabetical order either. */
	add("harm", "none", "No harm", 5);
	add("harm", "death", "Death", 1);
	add("harm", "unknown", "Unknown", 6);
	add("harm", "moderate", "Moderate harm", 3);
	add("harm", "severe", "Severe harm", 2);
	add("harm", "mild", "Mild harm", 4);
	add("event_type", "unsafe_condition", "Unsafe condition", 3);
	add("event_type", "incident", "Incident (reached the patient)", 1);
	add("event_type", "near_miss", "Near miss (did not reach the patient)",
	    2);

	j = taxonomy_json(tx);
	ck_assert(json_is_object(j));
	ck_assert_uint_eq(json_object_size(j), 2);

	list = json_object_get(j, "harm");
	ck_assert(json_is_array(list));
	ck_assert_uint_eq(json_array_size(list), 6);
	assert_entry(list, 0, "death", "Death", 1);
	assert_entry(list, 1, "severe", "Severe harm", 2);
	assert_entry(list, 2, "moderate", "Moderate harm", 3);
	assert_entry(list, 3, "mild", "Mild harm", 4);
	assert_entry(list, 4, "none", "No harm", 5);
	assert_entry(list, 5, "unknown", "Unknown", 6);

	list = json_object_get(j, "event_type");
	ck_assert(json_is_array(list));
	ck_assert_uint_eq(json_array_size(list), 3);
	assert_entry(list, 0, "incident", "Incident (reached the patient)", 1);
	assert_entry(list, 1, "near_miss",
	    "Near miss (did not reach the patient)", 2);
	assert_entry(list, 2, "unsafe_condition", "Unsafe condition", 3);
	json_decref(j);
}
END_TEST

/* Orders need not be consecutive; a local code can slot in between. */
START_TEST(test_json_sparse_order)
{
	json_t	*j, *list;

	add("category", "other", "Other", 11);
	add("category", "blood", "Blood or blood product", 1);
	add("category", "burns", "Burns (local)", 7);
	add("category", "medication", "Medication or other substance", 5);

	j = taxonomy_json(tx);
	list = json_object_get(j, "category");
	ck_assert_uint_eq(json_array_size(list), 4);
	assert_entry(list, 0, "blood", "Blood or blood product", 1);
	assert_entry(list, 1, "medication", "Medication or other substance", 5);
	assert_entry(list, 2, "burns", "Burns (local)", 7);
	assert_entry(list, 3, "other", "Other", 11);
	json_decref(j);
}
END_TEST

/* Each call returns a new value the caller owns. */
START_TEST(test_json_independent)
{
	json_t	*a, *b;

	add("harm", "none", "No harm", 5);
	a = taxonomy_json(tx);
	b = taxonomy_json(tx);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(json_equal(a, b));
	json_array_clear(json_object_get(a, "harm"));
	json_decref(a);
	ck_assert_uint_eq(json_array_size(json_object_get(b, "harm")), 1);
	json_decref(b);

	/* Later additions show in later calls. */
	add("harm", "mild", "Mild harm", 4);
	a = taxonomy_json(tx);
	ck_assert_uint_eq(json_array_size(json_object_get(a, "harm")), 2);
	assert_entry(json_object_get(a, "harm"), 0, "mild", "Mild harm", 4);
	json_decref(a);
}
END_TEST

/*
 * aerd.h does not say whether adding a code twice fails or replaces it;
 * either way there must not be two entries.
 */
START_TEST(test_duplicate)
{
	json_t	*j, *list;
	int	 rc;

	add("category", "fall", "Fall", 3);
	add("category", "blood", "Blood", 1);
	rc = taxonomy_add(tx, "category", "fall", "Fall (again)", 4);
	ck_assert(rc == 0 || rc == -1);

	ck_assert_uint_eq(taxonomy_count(tx, "category"), 2);
	ck_assert(taxonomy_has(tx, "category", "fall"));
	j = taxonomy_json(tx);
	list = json_object_get(j, "category");
	ck_assert_uint_eq(json_array_size(list), 2);
	assert_entry(list, 0, "blood", "Blood", 1);
	if (rc == -1)
		assert_entry(list, 1, "fall", "Fall", 3);
	else
		assert_entry(list, 1, "fall", "Fall (again)", 4);
	json_decref(j);

	/* The same code in another enumeration is not a duplicate. */
	add("contributing_factor", "other", "Other", 8);
	add("category", "other", "Other", 11);
	ck_assert_uint_eq(taxonomy_count(tx, "category"), 3);
	ck_assert_uint_eq(taxonomy_count(tx, "contributing_factor"), 1);
}
END_TEST

/* The whole seeded taxonomy of sql/002_taxonomy.sql, and then some. */
START_TEST(test_many)
{
	static const struct {
		const char	*enumeration;
		size_t		 n;
	} lists[] = {
		{ "event_type", 3 }, { "category", 11 }, { "harm", 6 },
		{ "merp_category", 9 }, { "severity", 4 }, { "probability", 4 },
		{ "contributing_factor", 8 }, { "action_strength", 3 },
		{ "reporter_role", 6 },
	};
	char	code[32];
	json_t	*j, *list;
	size_t	i, k;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (k = lists[i].n; k > 0; k--) {
			snprintf(code, sizeof(code), "code_%zu", k);
			add(lists[i].enumeration, code, code, (int)k);
		}
	for (k = 0; k < 500; k++) {
		snprintf(code, sizeof(code), "local_%03zu", k);
		add("location", code, code, 1000 - (int)k);
	}

	j = taxonomy_json(tx);
	ck_assert_uint_eq(json_object_size(j),
	    sizeof(lists) / sizeof(lists[0]) + 1);
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		ck_assert_uint_eq(taxonomy_count(tx, lists[i].enumeration),
		    lists[i].n);
		list = json_object_get(j, lists[i].enumeration);
		ck_assert_uint_eq(json_array_size(list), lists[i].n);
		for (k = 0; k < lists[i].n; k++) {
			snprintf(code, sizeof(code), "code_%zu", k + 1);
			assert_entry(list, k, code, code, (int)k + 1);
		}
	}
	ck_assert_uint_eq(taxonomy_count(tx, "location"), 500);
	for (k = 0; k < 500; k++) {
		snprintf(code, sizeof(code), "local_%03zu", k);
		ck_assert(taxonomy_has(tx, "location", code));
	}
	list = json_object_get(j, "location");
	ck_assert_uint_eq(json_array_size(list), 500);
	assert_entry(list, 0, "local_499", "local_499", 501);
	assert_entry(list, 499, "local_000", "local_000", 1000);
	ck_assert(!taxonomy_has(tx, "location", "local_500"));
	json_decref(j);
}
END_TEST

static Suite *
taxonomy_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("taxonomy");

	tc = tcase_create("lookup");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_add_has);
	tcase_add_test(tc, test_case_sensitive);
	tcase_add_test(tc, test_whole_code);
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_copies_strings);
	tcase_add_test(tc, test_duplicate);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_json_sorted_by_order);
	tcase_add_test(tc, test_json_sparse_order);
	tcase_add_test(tc, test_json_independent);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(taxonomy_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
