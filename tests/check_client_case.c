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
 * client/case-input.c: what a reviewer types, checked before it is sent.
 * An id goes into a path, so it may hold only what an id holds; a day
 * must be on the calendar; a text from a flag or standard input must be
 * there, within its limit and UTF-8.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* --- case_id_ok, case_path --- */

static const char *const good_ids[] = {
	"0f1e",
	"3f2a9c1e-7b4d-4c1a-9e2f-0a1b2c3d4e5f",		/* a whole UUID */
	"3f2a9c1e-",
};

START_TEST(test_id_good)
{
	ck_assert_msg(case_id_ok(good_ids[_i]), "\"%s\" refused",
	    good_ids[_i]);
}
END_TEST

static const char *const bad_ids[] = {
	"",
	"0",					/* too short to pick one out */
	"3f2",
	"3F2A",					/* upper case */
	"3f2g",
	"../reports",
	"3f2a/triage",
	"3f2a/0b1c",				/* hex digits, and a slash */
	"3f2a?state=new",
	"3f2a 9c1e",
	"3f2a9c1e-7b4d-4c1a-9e2f-0a1b2c3d4e5f0",	/* longer than a UUID */
};

START_TEST(test_id_bad)
{
	ck_assert_msg(!case_id_ok(bad_ids[_i]), "\"%s\" taken", bad_ids[_i]);
}
END_TEST

START_TEST(test_path)
{
	char	buf[CASE_PATH_MAX], small[16];

	ck_assert_int_eq(case_path(buf, sizeof(buf), "/base", "3f2a",
	    "/triage"), 0);
	ck_assert_str_eq(buf, "/base/3f2a/triage");
	ck_assert_int_eq(case_path(buf, sizeof(buf), "/base", "3f2a", ""), 0);
	ck_assert_str_eq(buf, "/base/3f2a");
	/* "/base/3f2a/rcax" and its NUL fill 16 bytes; one more is refused. */
	ck_assert_int_eq(case_path(small, sizeof(small), "/base", "3f2a",
	    "/rcax"), 0);
	ck_assert_str_eq(small, "/base/3f2a/rcax");
	ck_assert_int_eq(case_path(small, sizeof(small), "/base", "3f2a",
	    "/rcaxy"), -1);
}
END_TEST

/* --- case_day_ok --- */

static const char *const good_days[] = {
	"2027-01-31",
	"2024-02-29",		/* a leap day */
	"2000-02-29",
	"1900-01-01",
	"2026-12-31",
};

START_TEST(test_day_good)
{
	ck_assert_msg(case_day_ok(good_days[_i]), "\"%s\" refused",
	    good_days[_i]);
}
END_TEST

static const char *const bad_days[] = {
	"",
	"2025-02-29",		/* not a leap year */
	"1900-02-29",
	"2027-04-31",
	"2027-01-32",
	"2027-13-01",
	"2027-00-10",
	"2027-01-00",
	"1899-12-31",
	"2027-1-31",
	"2027/01/31",
	"27-01-31",
	"2027-01-31T10:00",
	"abcd-ef-gh",
	"2027-0a-31",
};

START_TEST(test_day_bad)
{
	ck_assert_msg(!case_day_ok(bad_days[_i]), "\"%s\" taken",
	    bad_days[_i]);
}
END_TEST

/* --- case_set_text --- */

START_TEST(test_set_text)
{
	json_t	*body = json_object();

	ck_assert_int_eq(case_set_text(body, "note", "--note", "Checked.",
	    8), 0);
	ck_assert_str_eq(json_string_value(json_object_get(body, "note")),
	    "Checked.");
	/* Text over the limit, empty or not UTF-8 leaves the body alone. */
	ck_assert_int_eq(case_set_text(body, "note", "--note", "Checked!!",
	    8), AER_EXIT_FAIL);
	ck_assert_int_eq(case_set_text(body, "note", "--note", " \t\n", 8),
	    AER_EXIT_FAIL);
	ck_assert_int_eq(case_set_text(body, "note", "--note", "", 8),
	    AER_EXIT_FAIL);
	ck_assert_int_eq(case_set_text(body, "note", "--note", "caf\xe9", 8),
	    AER_EXIT_FAIL);
	ck_assert_str_eq(json_string_value(json_object_get(body, "note")),
	    "Checked.");
	ck_assert_int_eq(case_set_text(body, "reason", "--reason", "x", 8),
	    0);
	ck_assert_uint_eq(json_object_size(body), 2);
	json_decref(body);
}
END_TEST

/* --- case_read_text --- */

static char	tmp_path[64];

static void
setup_stdin(void)
{
	int	fd;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/check_client.XXXXXX");
	ck_assert_int_ne(fd = mkstemp(tmp_path), -1);
	close(fd);
}

static void
teardown_stdin(void)
{
	unlink(tmp_path);
}

/* Standard input reads from a file holding data, not the terminal. */
static void
stdin_holds_bytes(const char *data, size_t len)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen(tmp_path, "wb"));
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_ptr_nonnull(freopen(tmp_path, "r", stdin));
}

static void
stdin_holds(const char *text)
{
	stdin_holds_bytes(text, strlen(text));
}

START_TEST(test_read_arg)
{
	char	*text;

	ck_assert_int_eq(case_read_text("  What was the dose?\n", "?", 100,
	    &text), AER_EXIT_OK);
	ck_assert_str_eq(text, "What was the dose?");
	free(text);
	ck_assert_int_eq(case_read_text("12345", "?", 5, &text),
	    AER_EXIT_OK);
	free(text);

	ck_assert_int_eq(case_read_text("123456", "?", 5, &text),
	    AER_EXIT_FAIL);
	ck_assert_ptr_null(text);
	ck_assert_int_eq(case_read_text("   ", "?", 5, &text),
	    AER_EXIT_FAIL);
	ck_assert_ptr_null(text);
	ck_assert_int_eq(case_read_text("\xff\xfe", "?", 5, &text),
	    AER_EXIT_FAIL);
	ck_assert_ptr_null(text);
}
END_TEST

START_TEST(test_read_stdin)
{
	char	*text;

	stdin_holds("\n  Line one.\nLine two.\n\n");
	ck_assert_int_eq(case_read_text("-", "?", 100, &text), AER_EXIT_OK);
	ck_assert_str_eq(text, "Line one.\nLine two.");
	free(text);
}
END_TEST

START_TEST(test_read_stdin_refused)
{
	char	*text, big[200];

	stdin_holds(" \n\t\n");
	ck_assert_int_eq(case_read_text("-", "?", 100, &text),
	    AER_EXIT_FAIL);
	ck_assert_ptr_null(text);

	memset(big, 'x', sizeof(big));
	stdin_holds_bytes(big, sizeof(big));
	ck_assert_int_eq(case_read_text("-", "?", 100, &text),
	    AER_EXIT_FAIL);
	ck_assert_ptr_null(text);

	stdin_holds("caf\xe9\n");
	ck_assert_int_eq(case_read_text("-", "?", 100, &text),
	    AER_EXIT_FAIL);
	ck_assert_ptr_null(text);
}
END_TEST

/* No --text and no terminal to ask on: a bad command line. */
START_TEST(test_read_nothing)
{
	char	*text;

	stdin_holds("A text nobody asked for.\n");
	ck_assert_int_eq(case_read_text(NULL, "?", 100, &text),
	    AER_EXIT_USAGE);
	ck_assert_ptr_null(text);
}
END_TEST

static Suite *
case_input_suite(void)
{
	Suite	*s = suite_create("client case-input");
	TCase	*tc;

	tc = tcase_create("ids and days");
	tcase_add_loop_test(tc, test_id_good, 0, NELEM(good_ids));
	tcase_add_loop_test(tc, test_id_bad, 0, NELEM(bad_ids));
	tcase_add_test(tc, test_path);
	tcase_add_loop_test(tc, test_day_good, 0, NELEM(good_days));
	tcase_add_loop_test(tc, test_day_bad, 0, NELEM(bad_days));
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup_stdin, teardown_stdin);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_set_text);
	tcase_add_test(tc, test_read_arg);
	tcase_add_test(tc, test_read_stdin);
	tcase_add_test(tc, test_read_stdin_refused);
	tcase_add_test(tc, test_read_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(case_input_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
