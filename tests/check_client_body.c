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
 * client/report-flags.c: the body of a report filed from aer report's
 * command line, from the field flags or a JSON file, and "urgent": true
 * with --urgent and only then.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

static char	tmp_path[64];

/* Parse argv as aer report's and build its body; the exit status. */
static int
body_of(char **argv, json_t **body)
{
	struct args	a;
	int		argc = 0, rc;

	while (argv[argc] != NULL)
		argc++;
	*body = NULL;
	ck_assert_int_eq(args_parse(&cmd_report_entry, argc, argv, &a),
	    AER_EXIT_OK);
	rc = report_body(&cmd_report_entry, &a, body);
	args_free(&a);
	return (rc);
}

static const char *
member(json_t *body, const char *name)
{
	return (json_string_value(json_object_get(body, name)));
}

START_TEST(test_body_fields)
{
	char	*argv[] = { "report", "--type", "near_miss", "--category",
	    "medication", "--harm", "none", "--merp", "B", "--occurred",
	    "2025-11-20 14:30", "--location", "4 West", "--description",
	    "Insulin drawn up for the wrong patient.", "--immediate",
	    "Dose discarded.", "--factor", "communication", "--factor",
	    "fatigue_scheduling", "--factor", "communication", "--role",
	    "nurse", NULL };
	json_t	*body, *factors;

	ck_assert_int_eq(body_of(argv, &body), AER_EXIT_OK);
	ck_assert_str_eq(member(body, "event_type"), "near_miss");
	ck_assert_str_eq(member(body, "category"), "medication");
	ck_assert_str_eq(member(body, "harm"), "none");
	ck_assert_str_eq(member(body, "merp_category"), "B");
	ck_assert_str_eq(member(body, "occurred_at"), "2025-11-20T14:30");
	ck_assert_str_eq(member(body, "location"), "4 West");
	ck_assert_str_eq(member(body, "description"),
	    "Insulin drawn up for the wrong patient.");
	ck_assert_str_eq(member(body, "immediate_actions"), "Dose discarded.");
	ck_assert_str_eq(member(body, "reporter_role"), "nurse");
	factors = json_object_get(body, "contributing_factors");
	ck_assert_uint_eq(json_array_size(factors), 2);	/* once each */
	ck_assert_str_eq(json_string_value(json_array_get(factors, 0)),
	    "communication");
	ck_assert_str_eq(json_string_value(json_array_get(factors, 1)),
	    "fatigue_scheduling");
	/* Not urgent unless asked. */
	ck_assert_ptr_null(json_object_get(body, "urgent"));
	ck_assert_uint_eq(json_object_size(body), 10);
	json_decref(body);
}
END_TEST

START_TEST(test_body_urgent)
{
	char	*argv[] = { "report", "--type", "incident", "--category",
	    "fall", "--harm", "severe", "--occurred", "today",
	    "--description", "Found on the floor.", "--urgent", NULL };
	json_t	*body;

	ck_assert_int_eq(body_of(argv, &body), AER_EXIT_OK);
	ck_assert(json_is_true(json_object_get(body, "urgent")));
	ck_assert_str_eq(member(body, "harm"), "severe");
	ck_assert_uint_eq(json_object_size(body), 6);
	json_decref(body);
}
END_TEST

/* --occurred now is the hour. */
START_TEST(test_body_now)
{
	char		*argv[] = { "report", "--type", "near_miss",
	    "--category", "fall", "--occurred", "now", "--description", "x",
	    NULL };
	json_t		*body;
	const char	*when;

	ck_assert_int_eq(body_of(argv, &body), AER_EXIT_OK);
	ck_assert_ptr_nonnull(when = member(body, "occurred_at"));
	ck_assert_uint_eq(strlen(when), 16);
	ck_assert_str_eq(when + 13, ":00");
	json_decref(body);
}
END_TEST

/* --urgent is not a field: it alone does not make a report. */
START_TEST(test_body_nset)
{
	char		*argv[] = { "report", "--urgent", "--factor", "a",
	    "--factor", "b", "--role", "nurse", NULL };
	struct args	 a;

	ck_assert_int_eq(args_parse(&cmd_report_entry, 8, argv, &a),
	    AER_EXIT_OK);
	ck_assert_uint_eq(report_nset(&a), 3);
	args_free(&a);
}
END_TEST

/* What is missing or wrong gives no body. */
static char *const bad_argv[][12] = {
	/* No --type. */
	{ "report", "--category", "fall", "--occurred", "today",
	    "--description", "x", "--urgent", NULL },
	{ "report", "--type", "near_miss", "--category", "fall",
	    "--occurred", "2999-01-01", "--description", "x", NULL },
	{ "report", "--type", "near_miss", "--category", "fall",
	    "--occurred", "today", "--description", "", NULL },
	{ "report", "--type", "near_miss", "--category", "fall",
	    "--occurred", "today", "--description", "x", "--factor",
	    "a b", NULL },
};

START_TEST(test_body_refused)
{
	json_t	*body;

	ck_assert_int_ne(body_of((char **)bad_argv[_i], &body), AER_EXIT_OK);
	ck_assert_ptr_null(body);
}
END_TEST

static void
setup_file(void)
{
	int	fd;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/check_client.XXXXXX");
	ck_assert_int_ne(fd = mkstemp(tmp_path), -1);
	close(fd);
}

static void
teardown_file(void)
{
	unlink(tmp_path);
}

static void
write_file(const char *data)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen(tmp_path, "wb"));
	ck_assert_int_ne(fputs(data, fp), EOF);
	ck_assert_int_eq(fclose(fp), 0);
}

/* A JSON file is sent as it is, made urgent by --urgent only. */
START_TEST(test_body_file)
{
	char	*plain[] = { "report", "--json-file", tmp_path, NULL };
	char	*urgent[] = { "report", "--json-file", tmp_path, "--urgent",
	    NULL };
	json_t	*body;

	write_file("{\"category\": \"fall\", \"urgent\": false}");
	ck_assert_int_eq(body_of(plain, &body), AER_EXIT_OK);
	ck_assert_str_eq(member(body, "category"), "fall");
	ck_assert(json_is_false(json_object_get(body, "urgent")));
	json_decref(body);

	ck_assert_int_eq(body_of(urgent, &body), AER_EXIT_OK);
	ck_assert_str_eq(member(body, "category"), "fall");
	ck_assert(json_is_true(json_object_get(body, "urgent")));
	ck_assert_uint_eq(json_object_size(body), 2);
	json_decref(body);

	write_file("[\"fall\"]");
	ck_assert_int_eq(body_of(urgent, &body), AER_EXIT_FAIL);
	ck_assert_ptr_null(body);
}
END_TEST

static Suite *
report_body_suite(void)
{
	Suite	*s = suite_create("client report-flags");
	TCase	*tc;

	tc = tcase_create("flags");
	tcase_add_test(tc, test_body_fields);
	tcase_add_test(tc, test_body_urgent);
	tcase_add_test(tc, test_body_now);
	tcase_add_test(tc, test_body_nset);
	tcase_add_loop_test(tc, test_body_refused, 0, NELEM(bad_argv));
	suite_add_tcase(s, tc);

	tc = tcase_create("file");
	tcase_add_checked_fixture(tc, setup_file, teardown_file);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_body_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(report_body_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
