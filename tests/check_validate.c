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
 * validate.c: a report body is checked against DESIGN.md's rules and the
 * taxonomy, and every rejection names its field.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aerd.h"

static struct taxonomy	*tx;
static time_t		 now;	/* 2026-11-23 12:00:00, local time */

/* The enumerations a report refers to, as seeded by sql/002_taxonomy.sql. */
static const struct {
	const char	*enumeration;
	const char	*code;
} seeded[] = {
	{ "event_type", "incident" },
	{ "event_type", "near_miss" },
	{ "event_type", "unsafe_condition" },
	{ "category", "blood" },
	{ "category", "device" },
	{ "category", "fall" },
	{ "category", "infection" },
	{ "category", "medication" },
	{ "category", "perinatal" },
	{ "category", "pressure_injury" },
	{ "category", "surgery" },
	{ "category", "anesthesia" },
	{ "category", "vte" },
	{ "category", "other" },
	{ "harm", "death" },
	{ "harm", "severe" },
	{ "harm", "moderate" },
	{ "harm", "mild" },
	{ "harm", "none" },
	{ "harm", "unknown" },
	{ "merp_category", "A" },
	{ "merp_category", "B" },
	{ "merp_category", "C" },
	{ "merp_category", "D" },
	{ "merp_category", "E" },
	{ "merp_category", "F" },
	{ "merp_category", "G" },
	{ "merp_category", "H" },
	{ "merp_category", "I" },
	{ "severity", "catastrophic" },
	{ "severity", "major" },
	{ "severity", "moderate" },
	{ "severity", "minor" },
	{ "probability", "frequent" },
	{ "probability", "occasional" },
	{ "probability", "uncommon" },
	{ "probability", "remote" },
	{ "contributing_factor", "communication" },
	{ "contributing_factor", "training" },
	{ "contributing_factor", "fatigue_scheduling" },
	{ "contributing_factor", "environment_equipment" },
	{ "contributing_factor", "rules_policies" },
	{ "contributing_factor", "barriers" },
	{ "contributing_factor", "patient_factors" },
	{ "contributing_factor", "other" },
	{ "action_strength", "stronger" },
	{ "action_strength", "intermediate" },
	{ "action_strength", "weaker" },
	{ "reporter_role", "nurse" },
	{ "reporter_role", "physician" },
	{ "reporter_role", "pharmacist" },
	{ "reporter_role", "allied_health" },
	{ "reporter_role", "student" },
	{ "reporter_role", "other" },
};
#define NSEEDED	(sizeof(seeded) / sizeof(seeded[0]))

static void
setup(void)
{
	struct tm	tm;
	size_t		i;

	tx = taxonomy_new();
	ck_assert_ptr_nonnull(tx);
	for (i = 0; i < NSEEDED; i++)
		ck_assert_int_eq(taxonomy_add(tx, seeded[i].enumeration,
		    seeded[i].code, seeded[i].code, (int)i + 1), 0);

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 11 - 1;
	tm.tm_mday = 23;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	now = mktime(&tm);
	ck_assert(now != (time_t)-1);
}

static void
teardown(void)
{
	taxonomy_free(tx);
	tx = NULL;
}

/* The example body from DESIGN.md. */
static json_t *
example(void)
{
	json_t	*body;

	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s,s], "
	    "s:s}",
	    "event_type", "near_miss",
	    "category", "medication",
	    "harm", "none",
	    "merp_category", "B",
	    "occurred_at", "2026-11-20T14:30",
	    "location", "4 West",
	    "description",
	    "Insulin drawn up for the wrong patient; caught at bedside scan.",
	    "immediate_actions", "Dose discarded, charge nurse told.",
	    "contributing_factors", "communication", "fatigue_scheduling",
	    "reporter_role", "nurse");
	ck_assert_ptr_nonnull(body);
	return body;
}

/* Only the required fields. */
static json_t *
minimal(void)
{
	json_t	*body;

	body = json_pack("{s:s, s:s, s:s, s:s}",
	    "event_type", "near_miss",
	    "category", "fall",
	    "occurred_at", "2026-11-20",
	    "description", "Bed rail left down; patient found sitting up.");
	ck_assert_ptr_nonnull(body);
	return body;
}

/* Sets key to the JSON value written in text. */
static void
set_json(json_t *body, const char *key, const char *text)
{
	json_error_t	 jerr;
	json_t		*v;

	v = json_loads(text, JSON_DECODE_ANY, &jerr);
	ck_assert_msg(v != NULL, "bad JSON in test: %s", text);
	ck_assert_int_eq(json_object_set_new(body, key, v), 0);
}

static void
set_str(json_t *body, const char *key, const char *value)
{
	ck_assert_int_eq(json_object_set_new(body, key, json_string(value)), 0);
}

/* A string of n copies of c, to be freed by the caller. */
static char *
repeat(char c, size_t n)
{
	char	*s;

	s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
expect_ok(json_t *body, struct report_in *out)
{
	struct aer_error	err;

	memset(&err, 0, sizeof(err));
	memset(out, 0, sizeof(*out));
	ck_assert_msg(validate_report(body, tx, now, out, &err) == 0,
	    "rejected: %d %s field %s: %s", err.status,
	    err.code ? err.code : "(null)",
	    err.field ? err.field : "(null)", err.message);
}

/*
 * Rejects body with status and field (field may be NULL), with code1 or,
 * where the contract allows either, code2.
 */
static void
expect_reject_either(json_t *body, int status, const char *field,
    const char *code1, const char *code2)
{
	struct aer_error	err;
	struct report_in	out;

	memset(&err, 0, sizeof(err));
	memset(&out, 0, sizeof(out));
	ck_assert_int_eq(validate_report(body, tx, now, &out, &err), -1);
	ck_assert_int_eq(err.status, status);
	ck_assert_pstr_eq(err.field, field);
	ck_assert_ptr_nonnull(err.code);
	ck_assert_msg(strcmp(err.code, code1) == 0 ||
	    strcmp(err.code, code2) == 0, "code %s, expected %s", err.code,
	    code1);
	ck_assert_msg(err.message[0] != '\0', "error without a message");
}

static void
expect_reject(json_t *body, int status, const char *code, const char *field)
{
	expect_reject_either(body, status, field, code, code);
}

static void
reject_and_free(json_t *body, int status, const char *code,
    const char *field)
{
	expect_reject(body, status, code, field);
	json_decref(body);
}

static const char *
string_member(json_t *body, const char *key)
{
	return json_string_value(json_object_get(body, key));
}

/* --- the whole body --- */

START_TEST(test_example_accepted)
{
	struct report_in	 out;
	json_t			*body = example();

	expect_ok(body, &out);
	ck_assert_str_eq(out.event_type, "near_miss");
	ck_assert_str_eq(out.category, "medication");
	ck_assert_str_eq(out.harm, "none");
	ck_assert_str_eq(out.merp_category, "B");
	ck_assert_str_eq(out.occurred_at, "2026-11-20T14:30");
	ck_assert_str_eq(out.location, "4 West");
	ck_assert_str_eq(out.description,
	    "Insulin drawn up for the wrong patient; caught at bedside scan.");
	ck_assert_str_eq(out.immediate_actions,
	    "Dose discarded, charge nurse told.");
	ck_assert_str_eq(out.reporter_role, "nurse");
	ck_assert_uint_eq(out.nfactors, 2);
	ck_assert_str_eq(out.factors[0], "communication");
	ck_assert_str_eq(out.factors[1], "fatigue_scheduling");
	json_decref(body);
}
END_TEST

START_TEST(test_pointers_borrowed)
{
	struct report_in	 out;
	json_t			*body = example();
	json_t			*factors;

	expect_ok(body, &out);
	ck_assert_ptr_eq(out.event_type, string_member(body, "event_type"));
	ck_assert_ptr_eq(out.category, string_member(body, "category"));
	ck_assert_ptr_eq(out.harm, string_member(body, "harm"));
	ck_assert_ptr_eq(out.merp_category,
	    string_member(body, "merp_category"));
	ck_assert_ptr_eq(out.occurred_at, string_member(body, "occurred_at"));
	ck_assert_ptr_eq(out.location, string_member(body, "location"));
	ck_assert_ptr_eq(out.description, string_member(body, "description"));
	ck_assert_ptr_eq(out.immediate_actions,
	    string_member(body, "immediate_actions"));
	ck_assert_ptr_eq(out.reporter_role,
	    string_member(body, "reporter_role"));
	factors = json_object_get(body, "contributing_factors");
	ck_assert_ptr_eq(out.factors[0],
	    json_string_value(json_array_get(factors, 0)));
	ck_assert_ptr_eq(out.factors[1],
	    json_string_value(json_array_get(factors, 1)));
	json_decref(body);
}
END_TEST

START_TEST(test_minimal_accepted)
{
	struct report_in	 out;
	json_t			*body = minimal();

	expect_ok(body, &out);
	ck_assert_str_eq(out.event_type, "near_miss");
	ck_assert_str_eq(out.category, "fall");
	ck_assert_str_eq(out.occurred_at, "2026-11-20");
	ck_assert_str_eq(out.description,
	    "Bed rail left down; patient found sitting up.");
	ck_assert_ptr_null(out.harm);
	ck_assert_ptr_null(out.merp_category);
	ck_assert_ptr_null(out.location);
	ck_assert_ptr_null(out.immediate_actions);
	ck_assert_ptr_null(out.reporter_role);
	ck_assert_uint_eq(out.nfactors, 0);
	json_decref(body);
}
END_TEST

START_TEST(test_not_an_object)
{
	reject_and_free(json_array(), 400, AER_ERR_NOT_OBJECT, NULL);
	reject_and_free(json_string("near_miss"), 400, AER_ERR_NOT_OBJECT,
	    NULL);
	reject_and_free(json_integer(7), 400, AER_ERR_NOT_OBJECT, NULL);
	reject_and_free(json_null(), 400, AER_ERR_NOT_OBJECT, NULL);
}
END_TEST

static const char *const unknown_keys[] = {
	"reporter_name", "uid", "received", "Event_Type",
};

START_TEST(test_unknown_field)
{
	json_t	*body = example();

	set_str(body, unknown_keys[_i], "x");
	reject_and_free(body, 422, AER_ERR_UNKNOWN_FIELD, unknown_keys[_i]);
}
END_TEST

static const char *const required[] = {
	"event_type", "category", "occurred_at", "description",
};

START_TEST(test_missing_required)
{
	json_t	*body = example();

	ck_assert_int_eq(json_object_del(body, required[_i]), 0);
	reject_and_free(body, 422, AER_ERR_MISSING, required[_i]);
}
END_TEST

START_TEST(test_null_required)
{
	json_t	*body = example();

	set_json(body, required[_i], "null");
	reject_and_free(body, 422, AER_ERR_MISSING, required[_i]);
}
END_TEST

static const char *const optional[] = {
	"harm", "merp_category", "location", "immediate_actions",
	"reporter_role", "contributing_factors",
};

START_TEST(test_null_optional_is_absent)
{
	struct report_in	 out;
	json_t			*body = example();
	const char		*key = optional[_i];

	set_json(body, key, "null");
	expect_ok(body, &out);
	if (strcmp(key, "harm") == 0)
		ck_assert_ptr_null(out.harm);
	else if (strcmp(key, "merp_category") == 0)
		ck_assert_ptr_null(out.merp_category);
	else if (strcmp(key, "location") == 0)
		ck_assert_ptr_null(out.location);
	else if (strcmp(key, "immediate_actions") == 0)
		ck_assert_ptr_null(out.immediate_actions);
	else if (strcmp(key, "reporter_role") == 0)
		ck_assert_ptr_null(out.reporter_role);
	else
		ck_assert_uint_eq(out.nfactors, 0);
	/* The other fields are still there. */
	ck_assert_str_eq(out.event_type, "near_miss");
	ck_assert_str_eq(out.description,
	    "Insulin drawn up for the wrong patient; caught at bedside scan.");
	json_decref(body);
}
END_TEST

static const struct {
	const char	*key;
	const char	*json;
} wrong_types[] = {
	{ "event_type", "5" },
	{ "category", "true" },
	{ "occurred_at", "20261120" },
	{ "description", "{\"text\": \"x\"}" },
	{ "description", "[\"x\"]" },
	{ "harm", "0" },
	{ "merp_category", "[\"B\"]" },
	{ "location", "4" },
	{ "immediate_actions", "false" },
	{ "reporter_role", "3.5" },
	{ "contributing_factors", "\"communication\"" },
	{ "contributing_factors", "{\"communication\": true}" },
	{ "contributing_factors", "[\"communication\", 3]" },
	{ "contributing_factors", "[null]" },
	{ "contributing_factors", "[[\"training\"]]" },
};

START_TEST(test_wrong_type)
{
	json_t	*body = example();

	set_json(body, wrong_types[_i].key, wrong_types[_i].json);
	reject_and_free(body, 422, AER_ERR_TYPE, wrong_types[_i].key);
}
END_TEST

static const struct {
	const char	*key;
	const char	*json;
} bad_codes[] = {
	{ "event_type", "\"accident\"" },
	{ "event_type", "\"Near_Miss\"" },	/* codes are case-sensitive */
	{ "event_type", "\"\"" },
	{ "category", "\"Medication\"" },
	{ "category", "\"near_miss\"" },	/* a code of another list */
	{ "category", "\"\"" },
	{ "merp_category", "\"J\"" },
	{ "merp_category", "\"b\"" },
	{ "reporter_role", "\"doctor\"" },
	{ "reporter_role", "\"none\"" },
	{ "reporter_role", "\"\"" },
	{ "harm", "\"mild \"" },
	{ "contributing_factors", "[\"communication\", \"weather\"]" },
	{ "contributing_factors", "[\"\"]" },
	{ "contributing_factors", "[\"nurse\"]" },
};

START_TEST(test_invalid_code)
{
	json_t	*body = example();

	set_json(body, bad_codes[_i].key, bad_codes[_i].json);
	reject_and_free(body, 422, AER_ERR_INVALID, bad_codes[_i].key);
}
END_TEST

/* --- harm and merp_category depend on the rest --- */

START_TEST(test_harm_required_for_incident)
{
	json_t	*body = example();

	set_str(body, "event_type", "incident");
	ck_assert_int_eq(json_object_del(body, "harm"), 0);
	reject_and_free(body, 422, AER_ERR_MISSING, "harm");

	body = example();
	set_str(body, "event_type", "incident");
	set_json(body, "harm", "null");
	reject_and_free(body, 422, AER_ERR_MISSING, "harm");
}
END_TEST

START_TEST(test_harm_for_incident)
{
	static const char *const harms[] = {
		"death", "severe", "moderate", "mild", "none", "unknown",
	};
	struct report_in	 out;
	json_t			*body;
	size_t			 i;

	for (i = 0; i < sizeof(harms) / sizeof(harms[0]); i++) {
		body = example();
		set_str(body, "event_type", "incident");
		set_str(body, "harm", harms[i]);
		expect_ok(body, &out);
		ck_assert_str_eq(out.event_type, "incident");
		ck_assert_str_eq(out.harm, harms[i]);
		json_decref(body);
	}

	/* A severity code is not a harm code. */
	body = example();
	set_str(body, "event_type", "incident");
	set_str(body, "harm", "catastrophic");
	reject_and_free(body, 422, AER_ERR_INVALID, "harm");
}
END_TEST

START_TEST(test_harm_without_reaching_patient)
{
	static const char *const types[] = { "near_miss", "unsafe_condition" };
	static const char *const harms[] = {
		"death", "severe", "moderate", "mild", "unknown",
	};
	struct report_in	 out;
	json_t			*body;
	size_t			 t, h;

	for (t = 0; t < 2; t++) {
		for (h = 0; h < sizeof(harms) / sizeof(harms[0]); h++) {
			body = example();
			set_str(body, "event_type", types[t]);
			set_str(body, "harm", harms[h]);
			reject_and_free(body, 422, AER_ERR_INVALID, "harm");
		}

		body = example();
		set_str(body, "event_type", types[t]);
		set_str(body, "harm", "none");
		expect_ok(body, &out);
		ck_assert_str_eq(out.harm, "none");
		json_decref(body);

		body = example();
		set_str(body, "event_type", types[t]);
		ck_assert_int_eq(json_object_del(body, "harm"), 0);
		expect_ok(body, &out);
		ck_assert_ptr_null(out.harm);
		json_decref(body);
	}
}
END_TEST

START_TEST(test_merp_only_for_medication)
{
	struct report_in	 out;
	json_t			*body;

	body = example();
	set_str(body, "category", "fall");
	reject_and_free(body, 422, AER_ERR_INVALID, "merp_category");

	body = example();
	set_str(body, "category", "other");
	set_str(body, "merp_category", "A");
	reject_and_free(body, 422, AER_ERR_INVALID, "merp_category");

	/* Without merp_category any category will do. */
	body = example();
	set_str(body, "category", "fall");
	ck_assert_int_eq(json_object_del(body, "merp_category"), 0);
	expect_ok(body, &out);
	ck_assert_str_eq(out.category, "fall");
	ck_assert_ptr_null(out.merp_category);
	json_decref(body);

	body = example();
	set_str(body, "merp_category", "I");
	expect_ok(body, &out);
	ck_assert_str_eq(out.merp_category, "I");
	json_decref(body);
}
END_TEST

/* --- occurred_at --- */

static const char *const good_times[] = {
	"2026-11-20",
	"2026-11-20T14:30",
	"2026-11-20T14:30:59",
	"2026-11-20T00:00",
	"2026-11-20T23:59:59",
	"2024-02-29",			/* a leap year */
	"2000-02-29",			/* divisible by 400 */
	"2026-01-31",
	"2026-11-23",			/* today */
	"2026-11-23T11:59",
	"2026-11-23T12:00",		/* now */
	"2026-11-23T12:00:00",
	"1900-01-01",
};

static const char *const bad_times[] = {
	"2026-11-20 14:30",		/* space, not T */
	"20-11-2026",
	"2026/11/20",
	"2026-11-20T14",
	"2026-11-20T14:30Z",
	"2026-11-20T14:30+01:00",
	"2026-11-20T14:30:00.000",
	"2026-11-20x",
	"2026-11-20T14:30:00x",
	"2026-11-20T",
	"2026-11-20T14:3",
	"2026-1-20",
	"2026-11-2",
	" 2026-11-20",
	"2026-11-20 ",
	"+2026-11-20",
	"26-11-20",
	"",
	"yesterday",
	"2026-02-30",
	"2025-02-29",			/* not a leap year */
	"1900-02-29",			/* nor is 1900 */
	"2026-04-31",
	"2026-13-01",
	"2026-00-10",
	"2026-11-00",
	"2026-11-32",
	"2026-11-20T24:00",
	"2026-11-20T14:60",
	"2026-11-20T-1:30",
	"1899-12-31",			/* before 1900 */
	"0000-01-01",
	"2026-11-24",			/* tomorrow */
	"2026-11-23T12:01",		/* a minute from now */
	"2026-11-23T12:00:01",
	"2026-11-23T23:59",
	"2027-01-01",
	"9999-12-31",
};

START_TEST(test_occurred_good)
{
	struct aer_error	err;

	memset(&err, 0, sizeof(err));
	ck_assert_msg(validate_occurred(good_times[_i], now, "occurred_at",
	    &err) == 0, "\"%s\" rejected: %s", good_times[_i], err.message);
}
END_TEST

START_TEST(test_occurred_bad)
{
	struct aer_error	err;

	memset(&err, 0, sizeof(err));
	ck_assert_msg(validate_occurred(bad_times[_i], now, "occurred_at",
	    &err) == -1, "\"%s\" accepted", bad_times[_i]);
	ck_assert_int_eq(err.status, 422);
	ck_assert_str_eq(err.code, AER_ERR_INVALID);
	ck_assert_pstr_eq(err.field, "occurred_at");
	ck_assert(err.message[0] != '\0');
}
END_TEST

START_TEST(test_occurred_field_name)
{
	struct aer_error	err;

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(validate_occurred("2026-02-30", now, "at", &err), -1);
	ck_assert_pstr_eq(err.field, "at");
	ck_assert_int_eq(err.status, 422);
}
END_TEST

START_TEST(test_occurred_in_report)
{
	struct report_in	 out;
	json_t			*body;
	size_t			 i;

	for (i = 0; i < sizeof(good_times) / sizeof(good_times[0]); i++) {
		body = example();
		set_str(body, "occurred_at", good_times[i]);
		expect_ok(body, &out);
		ck_assert_str_eq(out.occurred_at, good_times[i]);
		json_decref(body);
	}
	for (i = 0; i < sizeof(bad_times) / sizeof(bad_times[0]); i++) {
		body = example();
		set_str(body, "occurred_at", bad_times[i]);
		if (bad_times[i][0] == '\0')	/* empty may read as missing */
			expect_reject_either(body, 422, "occurred_at",
			    AER_ERR_INVALID, AER_ERR_MISSING);
		else
			expect_reject(body, 422, AER_ERR_INVALID,
			    "occurred_at");
		json_decref(body);
	}
}
END_TEST

/* "now" moves: what was the future is accepted later on. */
START_TEST(test_occurred_relative_to_now)
{
	struct aer_error	err;

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(validate_occurred("2026-11-24", now, "occurred_at",
	    &err), -1);
	ck_assert_int_eq(validate_occurred("2026-11-24", now + 86400,
	    "occurred_at", &err), 0);
	ck_assert_int_eq(validate_occurred("2026-11-23T13:00", now,
	    "occurred_at", &err), -1);
	ck_assert_int_eq(validate_occurred("2026-11-23T13:00", now + 3600,
	    "occurred_at", &err), 0);
}
END_TEST

/* --- text fields --- */

START_TEST(test_description_blank)
{
	static const char *const blanks[] = {
		"", " ", "   \t ", "\n", "\r\n\t  \n",
	};
	json_t		*body;
	size_t		 i;

	for (i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		body = example();
		set_str(body, "description", blanks[i]);
		expect_reject_either(body, 422, "description", AER_ERR_INVALID,
		    AER_ERR_MISSING);
		json_decref(body);
	}
}
END_TEST

static const struct {
	const char	*key;
	size_t		 max;
} limits[] = {
	{ "description", AER_MAX_DESCRIPTION },
	{ "immediate_actions", AER_MAX_IMMEDIATE },
	{ "location", AER_MAX_LOCATION },
};

START_TEST(test_text_at_limit)
{
	struct report_in	 out;
	json_t			*body = example();
	char			*s = repeat('a', limits[_i].max);

	set_str(body, limits[_i].key, s);
	expect_ok(body, &out);
	if (strcmp(limits[_i].key, "description") == 0)
		ck_assert_uint_eq(strlen(out.description), limits[_i].max);
	else if (strcmp(limits[_i].key, "immediate_actions") == 0)
		ck_assert_uint_eq(strlen(out.immediate_actions),
		    limits[_i].max);
	else
		ck_assert_uint_eq(strlen(out.location), limits[_i].max);
	free(s);
	json_decref(body);
}
END_TEST

START_TEST(test_text_over_limit)
{
	json_t	*body = example();
	char	*s = repeat('a', limits[_i].max + 1);

	set_str(body, limits[_i].key, s);
	free(s);
	reject_and_free(body, 422, AER_ERR_TOO_LONG, limits[_i].key);
}
END_TEST

/* Limits are in characters: U+00E9 (e acute, "\xc3\xa9") is one. */
START_TEST(test_text_limit_in_characters)
{
	struct report_in	 out;
	json_t			*body;
	char			 s[2 * (AER_MAX_LOCATION + 1) + 1];
	size_t			 i;

	for (i = 0; i < AER_MAX_LOCATION; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	s[2 * i] = '\0';
	body = example();
	set_str(body, "location", s);
	expect_ok(body, &out);
	ck_assert_uint_eq(strlen(out.location), 2 * AER_MAX_LOCATION);
	json_decref(body);

	memcpy(s + 2 * i, "\xc3\xa9", 3);	/* one more, and the NUL */
	body = example();
	set_str(body, "location", s);
	reject_and_free(body, 422, AER_ERR_TOO_LONG, "location");
}
END_TEST

static const struct {
	const char	*key;
	const char	*value;
} controls[] = {
	{ "description", "bad \x01 byte" },
	{ "description", "\x1b[31mred" },
	{ "description", "del\x7f" },
	{ "description", "form\ffeed" },
	{ "immediate_actions", "bad \x01 byte" },
	{ "immediate_actions", "\x1b[2J" },
	{ "immediate_actions", "del\x7f" },
	{ "immediate_actions", "bell\a" },
	{ "location", "bad \x01 byte" },
	{ "location", "\x1b]0;title\a" },
	{ "location", "del\x7f" },
	{ "location", "4\nWest" },	/* a location is one line */
	{ "location", "4 West\n" },
};

START_TEST(test_text_control_chars)
{
	json_t	*body = example();

	set_str(body, controls[_i].key, controls[_i].value);
	reject_and_free(body, 422, AER_ERR_INVALID, controls[_i].key);
}
END_TEST

START_TEST(test_text_multiline_allowed)
{
	struct report_in	 out;
	json_t			*body = example();

	set_str(body, "description", "Line one.\nLine two.\r\n\tIndented.");
	set_str(body, "immediate_actions",
	    "Dose discarded.\nCharge nurse told.");
	expect_ok(body, &out);
	ck_assert_str_eq(out.description,
	    "Line one.\nLine two.\r\n\tIndented.");
	ck_assert_str_eq(out.immediate_actions,
	    "Dose discarded.\nCharge nurse told.");
	json_decref(body);
}
END_TEST

/* "Station 4 Sued -- Bett 2" with u-umlaut and an em dash, in UTF-8. */
#define LOCATION_DE	"Station 4 S\xc3\xbc" "d \xe2\x80\x94 Bett 2"

START_TEST(test_text_unicode)
{
	struct report_in	 out;
	json_t			*body = example();

	set_str(body, "location", LOCATION_DE);
	set_str(body, "description",
	    "Patientin gest\xc3\xbcrzt. \xe6\x82\xa3\xe8\x80\x85");
	expect_ok(body, &out);
	ck_assert_str_eq(out.location, LOCATION_DE);
	ck_assert_str_eq(out.description,
	    "Patientin gest\xc3\xbcrzt. \xe6\x82\xa3\xe8\x80\x85");
	json_decref(body);
}
END_TEST

START_TEST(test_validate_text_direct)
{
	struct aer_error	err;

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(validate_text("abc", 3, 0, "f", &err), 0);
	ck_assert_int_eq(validate_text("abc", 3, 1, "f", &err), 0);

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(validate_text("abcd", 3, 1, "f", &err), -1);
	ck_assert_int_eq(err.status, 422);
	ck_assert_str_eq(err.code, AER_ERR_TOO_LONG);
	ck_assert_pstr_eq(err.field, "f");
	ck_assert(err.message[0] != '\0');

	/* characters, not bytes */
	ck_assert_int_eq(validate_text("\xc3\xa9", 1, 0, "f", &err), 0);
	ck_assert_int_eq(validate_text("\xf0\x9f\x98\x80", 1, 0, "f", &err),
	    0);
	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(validate_text("\xc3\xa9\xc3\xa9", 1, 0, "f", &err),
	    -1);
	ck_assert_str_eq(err.code, AER_ERR_TOO_LONG);
	ck_assert(strstr(err.message, "2 characters") != NULL);

	ck_assert_int_eq(validate_text("a\nb", 10, 1, "f", &err), 0);
	ck_assert_int_eq(validate_text("a\r\nb\tc", 10, 1, "f", &err), 0);
	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(validate_text("a\nb", 10, 0, "where", &err), -1);
	ck_assert_int_eq(err.status, 422);
	ck_assert_str_eq(err.code, AER_ERR_INVALID);
	ck_assert_pstr_eq(err.field, "where");
}
END_TEST

START_TEST(test_validate_text_controls)
{
	static const char *const bad[] = {
		"\x01", "a\x02", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
		"ok\x7fok",
	};
	struct aer_error	err;
	size_t			i;
	int			ml;

	for (ml = 0; ml <= 1; ml++) {
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			memset(&err, 0, sizeof(err));
			ck_assert_msg(validate_text(bad[i], 100, ml, "f",
			    &err) == -1, "control %zu accepted (multiline %d)",
			    i, ml);
			ck_assert_int_eq(err.status, 422);
			ck_assert_str_eq(err.code, AER_ERR_INVALID);
			ck_assert_pstr_eq(err.field, "f");
		}
	}
}
END_TEST

/* --- contributing_factors --- */

START_TEST(test_factors_empty)
{
	struct report_in	 out;
	json_t			*body = example();

	set_json(body, "contributing_factors", "[]");
	expect_ok(body, &out);
	ck_assert_uint_eq(out.nfactors, 0);
	json_decref(body);
}
END_TEST

START_TEST(test_factors_order)
{
	struct report_in	 out;
	json_t			*body = example();

	set_json(body, "contributing_factors",
	    "[\"other\", \"communication\", \"training\", \"barriers\"]");
	expect_ok(body, &out);
	ck_assert_uint_eq(out.nfactors, 4);
	ck_assert_str_eq(out.factors[0], "other");
	ck_assert_str_eq(out.factors[1], "communication");
	ck_assert_str_eq(out.factors[2], "training");
	ck_assert_str_eq(out.factors[3], "barriers");
	json_decref(body);
}
END_TEST

START_TEST(test_factors_duplicate)
{
	json_t	*body = example();

	set_json(body, "contributing_factors",
	    "[\"communication\", \"training\", \"communication\"]");
	reject_and_free(body, 422, AER_ERR_INVALID, "contributing_factors");
}
END_TEST

/* A facility's local codes make room for more distinct factors than allowed. */
static json_t *
many_factors(size_t n)
{
	json_t	*a;
	char	 code[32];
	size_t	 i;

	a = json_array();
	ck_assert_ptr_nonnull(a);
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof(code), "local_%02zu", i);
		ck_assert_int_eq(taxonomy_add(tx, "contributing_factor", code,
		    code, 100 + (int)i), 0);
		ck_assert(taxonomy_has(tx, "contributing_factor", code));
		ck_assert_int_eq(json_array_append_new(a, json_string(code)),
		    0);
	}
	return a;
}

START_TEST(test_factors_at_limit)
{
	struct report_in	 out;
	json_t			*body = example();
	char			 code[32];
	size_t			 i;

	json_object_set_new(body, "contributing_factors",
	    many_factors(AER_MAX_FACTORS));
	expect_ok(body, &out);
	ck_assert_uint_eq(out.nfactors, AER_MAX_FACTORS);
	for (i = 0; i < AER_MAX_FACTORS; i++) {
		snprintf(code, sizeof(code), "local_%02zu", i);
		ck_assert_str_eq(out.factors[i], code);
	}
	json_decref(body);
}
END_TEST

START_TEST(test_factors_over_limit)
{
	json_t	*body = example();

	json_object_set_new(body, "contributing_factors",
	    many_factors(AER_MAX_FACTORS + 1));
	expect_reject_either(body, 422, "contributing_factors",
	    AER_ERR_TOO_LONG, AER_ERR_INVALID);
	json_decref(body);
}
END_TEST

static Suite *
validate_suite(void)
{
	Suite	*s;
	TCase	*tc;

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
	s = suite_create("validate");

	tc = tcase_create("body");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_example_accepted);
	tcase_add_test(tc, test_pointers_borrowed);
	tcase_add_test(tc, test_minimal_accepted);
	tcase_add_test(tc, test_not_an_object);
	tcase_add_loop_test(tc, test_unknown_field, 0, NELEM(unknown_keys));
	tcase_add_loop_test(tc, test_missing_required, 0, NELEM(required));
	tcase_add_loop_test(tc, test_null_required, 0, NELEM(required));
	tcase_add_loop_test(tc, test_null_optional_is_absent, 0,
	    NELEM(optional));
	tcase_add_loop_test(tc, test_wrong_type, 0, NELEM(wrong_types));
	tcase_add_loop_test(tc, test_invalid_code, 0, NELEM(bad_codes));
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_harm_required_for_incident);
	tcase_add_test(tc, test_harm_for_incident);
	tcase_add_test(tc, test_harm_without_reaching_patient);
	tcase_add_test(tc, test_merp_only_for_medication);
	suite_add_tcase(s, tc);

	tc = tcase_create("occurred_at");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_occurred_good, 0, NELEM(good_times));
	tcase_add_loop_test(tc, test_occurred_bad, 0, NELEM(bad_times));
	tcase_add_test(tc, test_occurred_field_name);
	tcase_add_test(tc, test_occurred_in_report);
	tcase_add_test(tc, test_occurred_relative_to_now);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_description_blank);
	tcase_add_loop_test(tc, test_text_at_limit, 0, NELEM(limits));
	tcase_add_loop_test(tc, test_text_over_limit, 0, NELEM(limits));
	tcase_add_test(tc, test_text_limit_in_characters);
	tcase_add_loop_test(tc, test_text_control_chars, 0, NELEM(controls));
	tcase_add_test(tc, test_text_multiline_allowed);
	tcase_add_test(tc, test_text_unicode);
	tcase_add_test(tc, test_validate_text_direct);
	tcase_add_test(tc, test_validate_text_controls);
	suite_add_tcase(s, tc);

	tc = tcase_create("contributing_factors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_factors_empty);
	tcase_add_test(tc, test_factors_order);
	tcase_add_test(tc, test_factors_duplicate);
	tcase_add_test(tc, test_factors_at_limit);
	tcase_add_test(tc, test_factors_over_limit);
	suite_add_tcase(s, tc);
#undef NELEM

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(validate_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
