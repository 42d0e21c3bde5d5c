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
 * fhir.c, fhir-text.c: a case's row as a FHIR R4 AdverseEvent, each
 * mapped field (doc/API.md, "FHIR"), for a near miss, an incident with
 * death, a referred case and a case with no RCA; strings made valid for
 * FHIR; times with their offset; the received day no finer than kept.
 * tests/t-fhir.sh validates what aerd sends against HL7's schema.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"
#include "fhir.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define EXT		AER_FHIR_BASE "/StructureDefinition/"

static struct export_value	row[FHIR_NCOLUMNS];
static char			*saved_tz;

static void
put(int col, const char *s)
{
	row[col].type = s != NULL ? 's' : 0;
	row[col].s = s;
	row[col].len = s != NULL ? strlen(s) : 0;
}

/* A closed incident with mild harm, factors, an RCA and two actions. */
static void
setup(void)
{
	const char	*tz = getenv("TZ");

	saved_tz = tz != NULL ? strdup(tz) : NULL;
	setenv("TZ", "UTC", 1);
	tzset();
	memset(row, 0, sizeof(row));
	put(FHIR_COL_ID, "0c9b43b8-db8d-4a84-bd76-71b220e83622");
	put(FHIR_COL_RECEIVED, "2026-03-17");
	put(FHIR_COL_STATE, "closed");
	put(FHIR_COL_EVENT_TYPE, "incident");
	put(FHIR_COL_EVENT_TYPE_LABEL, "Incident (reached the patient)");
	put(FHIR_COL_CATEGORY, "medication");
	put(FHIR_COL_CATEGORY_LABEL, "Medication or other substance");
	put(FHIR_COL_HARM, "mild");
	put(FHIR_COL_HARM_LABEL, "Mild harm");
	put(FHIR_COL_MERP, "E");
	put(FHIR_COL_MERP_LABEL, "E: temporary harm, intervention needed");
	put(FHIR_COL_OCCURRED, "2026-03-16");
	put(FHIR_COL_LOCATION, "4 West");
	row[FHIR_COL_SAC].type = 'i';
	row[FHIR_COL_SAC].i = 2;
	put(FHIR_COL_FACTORS, "[{\"code\":\"communication\","
	    "\"label\":\"Communication\"}]");
	put(FHIR_COL_CAUSES, "[{\"code\":\"training\",\"label\":\"Training\","
	    "\"text\":\"No one had shown the new pump\"}]");
	put(FHIR_COL_ACTIONS, "[{\"code\":\"stronger\",\"label\":\"Stronger\","
	    "\"status\":\"verified_effective\",\"text\":\"Pump locked\"},"
	    "{\"code\":\"weaker\",\"label\":\"Weaker\",\"status\":\"withdrawn\","
	    "\"text\":\"Remind staff\"}]");
	put(FHIR_COL_DESCRIPTION, "Pump ran at ten times the rate.");
	put(FHIR_COL_IMMEDIATE, "Stopped, doctor called.");
	put(FHIR_COL_OUTCOME, "Pumps now locked.");
}

static void
teardown(void)
{
	if (saved_tz != NULL)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved_tz);
	saved_tz = NULL;
}

static json_t *
event(int narrative)
{
	json_t	*ae = fhir_adverse_event(row, narrative, PRECISION_DAY);

	ck_assert_ptr_nonnull(ae);
	return ae;
}

static const char *
str(json_t *v, const char *path)
{
	json_t		*at = v;
	char		 key[64];
	const char	*p = path, *dot;
	size_t		 n;

	while (at != NULL && *p != '\0') {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		at = key[0] >= '0' && key[0] <= '9' ?
		    json_array_get(at, (size_t)atoi(key)) :
		    json_object_get(at, key);
		p += n + (dot != NULL);
	}
	return json_string_value(at);
}

/* The extensions with this name, how many, and the first. */
static json_t *
ext(json_t *ae, const char *name, int *count)
{
	json_t	*e, *first = NULL;
	size_t	 i;
	char	 url[160];

	snprintf(url, sizeof(url), EXT "%s", name);
	*count = 0;
	json_array_foreach(json_object_get(ae, "extension"), i, e)
		if (strcmp(str(e, "url"), url) == 0 && (*count)++ == 0)
			first = e;
	return first;
}

/* A part of a complex extension, as its code or string. */
static const char *
part(json_t *e, const char *name)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(json_object_get(e, "extension"), i, p)
		if (strcmp(str(p, "url"), name) == 0)
			return str(p, "valueString") ? str(p, "valueString") :
			    str(p, "valueCode") ? str(p, "valueCode") :
			    str(p, "valueCoding.code");
	return NULL;
}

START_TEST(test_identity)
{
	json_t	*ae = event(0);

	ck_assert_str_eq(str(ae, "resourceType"), "AdverseEvent");
	ck_assert_str_eq(str(ae, "id"), row[FHIR_COL_ID].s);
	ck_assert_str_eq(str(ae, "identifier.system"), "urn:ietf:rfc:3986");
	ck_assert_str_eq(str(ae, "identifier.value"),
	    "urn:uuid:0c9b43b8-db8d-4a84-bd76-71b220e83622");
	json_decref(ae);
}
END_TEST

START_TEST(test_codes)
{
	json_t	*ae = event(0), *e;
	int	 n;

	ck_assert_str_eq(str(ae, "actuality"), "actual");
	ck_assert_str_eq(str(ae, "category.0.coding.0.system"),
	    AER_FHIR_BASE "/CodeSystem/event-type");
	ck_assert_str_eq(str(ae, "category.0.coding.0.code"), "incident");
	ck_assert_str_eq(str(ae, "event.coding.0.system"),
	    AER_FHIR_BASE "/CodeSystem/event-category");
	ck_assert_str_eq(str(ae, "event.coding.0.code"), "medication");
	ck_assert_str_eq(str(ae, "event.coding.0.display"),
	    "Medication or other substance");
	ck_assert_str_eq(str(ae, "event.text"), "Medication or other substance");
	e = ext(ae, "harm", &n);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(str(e, "valueCoding.code"), "mild");
	ck_assert_str_eq(str(e, "valueCoding.display"), "Mild harm");
	e = ext(ae, "merp-category", &n);
	ck_assert_str_eq(str(e, "valueCoding.code"), "E");
	e = ext(ae, "sac-score", &n);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(json_integer_value(json_object_get(e,
	    "valuePositiveInt")), 2);
	ck_assert_str_eq(str(ext(ae, "case-state", &n), "valueCode"),
	    "closed");
	json_decref(ae);
}
END_TEST

/* AHRQ harm of an incident → HL7 severity or outcome. */
static const struct {
	const char	*harm, *severity, *outcome;
} harms[] = {
	{ "mild", "mild", NULL },
	{ "moderate", "moderate", NULL },
	{ "severe", "severe", NULL },
	{ "death", NULL, "fatal" },
	{ "unknown", NULL, "unknown" },
	{ "none", NULL, NULL },
};

START_TEST(test_harm)
{
	json_t	*ae;
	int	 n;

	put(FHIR_COL_HARM, harms[_i].harm);
	ae = event(0);
	if (harms[_i].severity != NULL) {
		ck_assert_str_eq(str(ae, "severity.coding.0.system"),
		    "http://terminology.hl7.org/CodeSystem/adverse-event-severity");
		ck_assert_str_eq(str(ae, "severity.coding.0.code"),
		    harms[_i].severity);
	} else
		ck_assert_ptr_null(json_object_get(ae, "severity"));
	if (harms[_i].outcome != NULL) {
		ck_assert_str_eq(str(ae, "outcome.coding.0.system"),
		    "http://terminology.hl7.org/CodeSystem/adverse-event-outcome");
		ck_assert_str_eq(str(ae, "outcome.coding.0.code"),
		    harms[_i].outcome);
	} else
		ck_assert_ptr_null(json_object_get(ae, "outcome"));
	/* The AHRQ harm itself, always. */
	ck_assert_str_eq(str(ext(ae, "harm", &n), "valueCoding.code"),
	    harms[_i].harm);
	json_decref(ae);
}
END_TEST

START_TEST(test_near_miss)
{
	json_t	*ae;
	int	 n;

	put(FHIR_COL_EVENT_TYPE, "near_miss");
	put(FHIR_COL_HARM, "severe");	/* the worst credible harm */
	put(FHIR_COL_STATE, "new");
	row[FHIR_COL_SAC].type = 0;
	ae = event(0);
	ck_assert_str_eq(str(ae, "actuality"), "potential");
	ck_assert_str_eq(str(ae, "category.0.coding.0.code"), "near_miss");
	/* Nothing reached a patient: no severity, no outcome. */
	ck_assert_ptr_null(json_object_get(ae, "severity"));
	ck_assert_ptr_null(json_object_get(ae, "outcome"));
	ck_assert_ptr_null(ext(ae, "sac-score", &n));
	ck_assert_str_eq(str(ext(ae, "case-state", &n), "valueCode"), "new");
	json_decref(ae);
	put(FHIR_COL_EVENT_TYPE, "unsafe_condition");
	ae = event(0);
	ck_assert_str_eq(str(ae, "actuality"), "potential");
	json_decref(ae);
}
END_TEST

START_TEST(test_death)
{
	json_t	*ae;
	int	 n;

	put(FHIR_COL_HARM, "death");
	put(FHIR_COL_HARM_LABEL, "Death");
	put(FHIR_COL_MERP, "I");
	ae = event(0);
	ck_assert_str_eq(str(ae, "actuality"), "actual");
	ck_assert_str_eq(str(ae, "outcome.coding.0.code"), "fatal");
	ck_assert_str_eq(str(ae, "outcome.coding.0.display"), "Fatal");
	ck_assert_ptr_null(json_object_get(ae, "severity"));
	ck_assert_str_eq(str(ext(ae, "harm", &n), "valueCoding.display"),
	    "Death");
	ck_assert_str_eq(str(ext(ae, "merp-category", &n),
	    "valueCoding.code"), "I");
	json_decref(ae);
}
END_TEST

START_TEST(test_referred)
{
	json_t	*ae;
	int	 n;

	put(FHIR_COL_STATE, "referred");
	put(FHIR_COL_CAUSES, "[]");
	put(FHIR_COL_ACTIONS, "[]");
	put(FHIR_COL_OUTCOME, NULL);
	ae = event(1);
	ck_assert_str_eq(str(ext(ae, "case-state", &n), "valueCode"),
	    "referred");
	ck_assert_ptr_null(ext(ae, "mitigating-action", &n));
	ck_assert_ptr_null(ext(ae, "closing-outcome", &n));
	json_decref(ae);
}
END_TEST

/* Contributing factors: the reporter's and the RCA's, told apart. */
START_TEST(test_factors)
{
	json_t	*ae = event(1), *e;
	size_t	 i;
	int	 n, report = 0, rca = 0;

	ext(ae, "contributing-factor", &n);
	ck_assert_int_eq(n, 2);
	json_array_foreach(json_object_get(ae, "extension"), i, e) {
		if (strcmp(str(e, "url"), EXT "contributing-factor") != 0)
			continue;
		if (strcmp(part(e, "source"), "report") == 0) {
			report++;
			ck_assert_str_eq(part(e, "factor"), "communication");
			ck_assert_ptr_null(part(e, "statement"));
		} else {
			rca++;
			ck_assert_str_eq(part(e, "source"), "rca");
			ck_assert_str_eq(part(e, "factor"), "training");
			ck_assert_str_eq(part(e, "statement"),
			    "No one had shown the new pump");
		}
	}
	ck_assert_int_eq(report, 1);
	ck_assert_int_eq(rca, 1);
	json_decref(ae);
}
END_TEST

START_TEST(test_no_rca)
{
	json_t	*ae;
	int	 n;

	put(FHIR_COL_STATE, "triaged");
	put(FHIR_COL_CAUSES, "[]");
	put(FHIR_COL_ACTIONS, "[]");
	ae = event(1);
	ext(ae, "contributing-factor", &n);
	ck_assert_int_eq(n, 1);		/* the reporter's only */
	ck_assert_ptr_null(ext(ae, "mitigating-action", &n));
	json_decref(ae);
	/* Nor when the columns are empty (NULL) rather than []. */
	put(FHIR_COL_CAUSES, NULL);
	put(FHIR_COL_ACTIONS, NULL);
	put(FHIR_COL_FACTORS, NULL);
	ae = event(1);
	ck_assert_ptr_null(ext(ae, "contributing-factor", &n));
	json_decref(ae);
}
END_TEST

START_TEST(test_actions)
{
	json_t	*ae = event(1), *e;
	size_t	 i;
	int	 n, k = 0;

	ext(ae, "mitigating-action", &n);
	ck_assert_int_eq(n, 2);
	json_array_foreach(json_object_get(ae, "extension"), i, e) {
		if (strcmp(str(e, "url"), EXT "mitigating-action") != 0)
			continue;
		ck_assert_str_eq(part(e, "strength"), k ? "weaker" :
		    "stronger");
		ck_assert_str_eq(part(e, "status"), k ? "withdrawn" :
		    "verified_effective");
		ck_assert_str_eq(part(e, "description"), k ? "Remind staff" :
		    "Pump locked");
		k++;
	}
	json_decref(ae);
}
END_TEST

/* Free text only with narrative: the location's name is not narrative. */
START_TEST(test_narrative)
{
	json_t	*ae = event(0), *e;
	char	*dump;
	size_t	 i;
	int	 n;

	ck_assert_ptr_null(ext(ae, "description", &n));
	ck_assert_ptr_null(ext(ae, "immediate-actions", &n));
	ck_assert_ptr_null(ext(ae, "closing-outcome", &n));
	json_array_foreach(json_object_get(ae, "extension"), i, e) {
		ck_assert_ptr_null(part(e, "statement"));
		ck_assert_ptr_null(part(e, "description"));
	}
	dump = json_dumps(ae, 0);
	ck_assert_ptr_null(strstr(dump, "Pump"));
	ck_assert_ptr_null(strstr(dump, "pump"));
	ck_assert_ptr_nonnull(strstr(dump, "4 West"));
	free(dump);
	json_decref(ae);

	ae = event(1);
	ck_assert_str_eq(str(ext(ae, "description", &n), "valueString"),
	    "Pump ran at ten times the rate.");
	ck_assert_str_eq(str(ext(ae, "immediate-actions", &n), "valueString"),
	    "Stopped, doctor called.");
	ck_assert_str_eq(str(ext(ae, "closing-outcome", &n), "valueString"),
	    "Pumps now locked.");
	json_decref(ae);
}
END_TEST

START_TEST(test_subject_location)
{
	json_t	*ae = event(0), *in;

	ck_assert_str_eq(str(ae, "subject.reference"), "#patient");
	in = json_object_get(ae, "contained");
	ck_assert_int_eq(json_array_size(in), 2);
	/* The patient: nothing at all but what makes it a resource. */
	ck_assert_str_eq(str(in, "0.resourceType"), "Patient");
	ck_assert_str_eq(str(in, "0.id"), "patient");
	ck_assert_int_eq(json_object_size(json_array_get(in, 0)), 2);
	ck_assert_str_eq(str(in, "1.resourceType"), "Location");
	ck_assert_str_eq(str(in, "1.name"), "4 West");
	ck_assert_int_eq(json_object_size(json_array_get(in, 1)), 3);
	ck_assert_str_eq(str(ae, "location.reference"), "#location");
	json_decref(ae);

	put(FHIR_COL_LOCATION, " \t ");		/* blank: none */
	ae = event(0);
	ck_assert_int_eq(json_array_size(json_object_get(ae, "contained")), 1);
	ck_assert_ptr_null(json_object_get(ae, "location"));
	json_decref(ae);
}
END_TEST

/* When it occurred, at the precision given, in the server's zone. */
static const struct {
	const char	*tz, *occurred, *date;
} occurred[] = {
	{ "UTC", "2026-03-16", "2026-03-16" },
	{ "UTC", "2026-03-16T14:30", "2026-03-16T14:30:00+00:00" },
	{ "Europe/London", "2026-07-01T08:05", "2026-07-01T08:05:00+01:00" },
	{ "Europe/London", "2026-01-01T08:05:09", "2026-01-01T08:05:09+00:00" },
	{ "America/New_York", "2026-01-20T23:59", "2026-01-20T23:59:00-05:00" },
	{ "Asia/Kolkata", "2026-01-20T06:00", "2026-01-20T06:00:00+05:30" },
};

START_TEST(test_date)
{
	json_t	*ae;

	setenv("TZ", occurred[_i].tz, 1);
	tzset();
	put(FHIR_COL_OCCURRED, occurred[_i].occurred);
	ae = event(0);
	ck_assert_str_eq(str(ae, "date"), occurred[_i].date);
	json_decref(ae);
}
END_TEST

START_TEST(test_date_bad)
{
	char	out[40];

	ck_assert_int_eq(fhir_date_time("2026-13-01", out, sizeof(out)), -1);
	ck_assert_int_eq(fhir_date_time("2026-01-01 10:00", out,
	    sizeof(out)), -1);
	ck_assert_int_eq(fhir_date_time("2026-01-01T25:00", out,
	    sizeof(out)), -1);
	ck_assert_int_eq(fhir_date_time("", out, sizeof(out)), -1);
}
END_TEST

/* The day received, never finer than received_precision keeps it. */
START_TEST(test_recorded)
{
	json_t	*ae;

	ae = event(0);
	ck_assert_str_eq(str(ae, "recordedDate"), "2026-03-17");
	json_decref(ae);
	put(FHIR_COL_RECEIVED, "2026-03-16");	/* a Monday, as week keeps */
	ae = fhir_adverse_event(row, 0, PRECISION_WEEK);
	ck_assert_str_eq(str(ae, "recordedDate"), "2026-03-16");
	json_decref(ae);
	put(FHIR_COL_RECEIVED, "2026-03-01");
	ae = fhir_adverse_event(row, 0, PRECISION_MONTH);
	ck_assert_str_eq(str(ae, "recordedDate"), "2026-03");
	json_decref(ae);
	/* Not a day: no recordedDate, and never half a UTF-8 character. */
	put(FHIR_COL_RECEIVED, "namePump\xe2\x80\xa8ran");
	ae = fhir_adverse_event(row, 0, PRECISION_DAY);
	ck_assert_ptr_nonnull(ae);
	ck_assert_ptr_null(json_object_get(ae, "recordedDate"));
	json_decref(ae);
}
END_TEST

START_TEST(test_required)
{
	put(FHIR_COL_ID, NULL);
	ck_assert_ptr_null(fhir_adverse_event(row, 0, PRECISION_DAY));
}
END_TEST

/* Strings as FHIR takes them (HL7's schema: ^[ \r\n\t\S]+$). */
static const struct {
	const char	*in, *out;
} strings[] = {
	{ "4 West", "4 West" },
	{ "=HYPERLINK(\"x\")\n<b>&</b>\t'", "=HYPERLINK(\"x\")\n<b>&</b>\t'" },
	{ "a\xc2\xa0" "b", "a b" },			/* no-break space */
	{ "a\xe2\x80\xa8" "b", "a\nb" },		/* line separator */
	{ "a\xe2\x80\x83" "b\xe3\x80\x80" "c", "a b c" },	/* em, ideographic */
	{ "\xef\xbb\xbf" "a", "a" },			/* BOM */
	{ "a\x01" "b\x7f", "a\xef\xbf\xbd" "b\xef\xbf\xbd" },
	{ "a\vb\fc", "a b c" },
	{ "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80" },
	{ "", NULL },
	{ " \t\r\n", NULL },
	{ "\xc2\xa0\xe2\x80\xa8\xef\xbb\xbf", NULL },	/* blank once made so */
};

START_TEST(test_string)
{
	char	*s = fhir_string(strings[_i].in, strlen(strings[_i].in));

	if (strings[_i].out == NULL)
		ck_assert_ptr_null(s);
	else
		ck_assert_str_eq(s, strings[_i].out);
	free(s);
}
END_TEST

static Suite *
fhir_suite(void)
{
	Suite	*s = suite_create("fhir");
	TCase	*tc;

	tc = tcase_create("adverse_event");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);	/* reads the zone files */
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_codes);
	tcase_add_loop_test(tc, test_harm, 0, NELEM(harms));
	tcase_add_test(tc, test_near_miss);
	tcase_add_test(tc, test_death);
	tcase_add_test(tc, test_referred);
	tcase_add_test(tc, test_factors);
	tcase_add_test(tc, test_no_rca);
	tcase_add_test(tc, test_actions);
	tcase_add_test(tc, test_narrative);
	tcase_add_test(tc, test_subject_location);
	tcase_add_loop_test(tc, test_date, 0, NELEM(occurred));
	tcase_add_test(tc, test_date_bad);
	tcase_add_test(tc, test_recorded);
	tcase_add_test(tc, test_required);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_loop_test(tc, test_string, 0, NELEM(strings));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(fhir_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
