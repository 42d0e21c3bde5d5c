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
 * client/report-input.c: what aer checks in a report before it is sent.
 * report_text sets a field of at most max bytes of UTF-8; report_when
 * turns today, yesterday, now and dates into what aerd takes and refuses
 * times that are not on the calendar or have not come yet; report_load
 * reads a JSON object from a file.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aer.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

#define DAY		0	/* "2026-11-20" */
#define HOUR		1	/* "2026-11-20T14:00" */
#define TYPED		2	/* "2026-11-20 14:30" */

/* The local day, hour or minute of now plus days. */
static void
local_time(int days, int how, char *buf, size_t len)
{
	time_t		now = time(NULL);
	struct tm	tm;
	size_t		n;

	ck_assert_ptr_nonnull(localtime_r(&now, &tm));
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	ck_assert(mktime(&tm) != (time_t)-1);
	if (how == DAY)
		n = strftime(buf, len, "%Y-%m-%d", &tm);
	else if (how == HOUR)
		n = strftime(buf, len, "%Y-%m-%dT%H:00", &tm);
	else
		n = strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
	ck_assert_uint_gt(n, 0);
}

/* --- report_text --- */

START_TEST(test_text_set)
{
	json_t	*body = json_object();

	ck_assert_int_eq(report_text(body, "location", "4 West", 10),
	    TEXT_OK);
	ck_assert_str_eq(json_string_value(json_object_get(body,
	    "location")), "4 West");
	json_decref(body);
}
END_TEST

START_TEST(test_text_empty)
{
	json_t	*body = json_object();

	ck_assert_int_eq(report_text(body, "location", "", 10), TEXT_OK);
	ck_assert_ptr_null(json_object_get(body, "location"));
	json_decref(body);
}
END_TEST

/* The limit is in characters, as aerd counts: "é" is one, of two bytes. */
START_TEST(test_text_limit)
{
	json_t	*body = json_object();

	ck_assert_int_eq(report_text(body, "a", "abcde", 5), TEXT_OK);
	ck_assert_int_eq(report_text(body, "b", "abcdef", 5), TEXT_TOO_LONG);
	ck_assert_ptr_null(json_object_get(body, "b"));
	ck_assert_int_eq(report_text(body, "c", "\xc3\xa9\xc3\xa9", 1),
	    TEXT_TOO_LONG);
	ck_assert_ptr_null(json_object_get(body, "c"));
	ck_assert_int_eq(report_text(body, "d", "\xc3\xa9", 1), TEXT_OK);
	ck_assert_str_eq(json_string_value(json_object_get(body, "d")),
	    "\xc3\xa9");
	json_decref(body);
}
END_TEST

static const char *const not_utf8[] = {
	"\xff",			/* never in UTF-8 */
	"abc\xc3",		/* a sequence cut short */
	"\xc0\xaf",		/* an overlong '/' */
	"\xed\xa0\x80",		/* a surrogate */
};

START_TEST(test_text_not_utf8)
{
	json_t	*body = json_object();

	ck_assert_int_eq(report_text(body, "description", not_utf8[_i], 100),
	    TEXT_NOT_UTF8);
	ck_assert_ptr_null(json_object_get(body, "description"));
	json_decref(body);
}
END_TEST

/* --- report_when --- */

START_TEST(test_when_words)
{
	char		 out[AER_MAX_OCCURRED + 1], before[32], after[32];
	const char	*why;

	local_time(0, DAY, before, sizeof(before));
	ck_assert_int_eq(report_when("today", out, sizeof(out), &why),
	    WHEN_OK);
	local_time(0, DAY, after, sizeof(after));
	ck_assert_msg(strcmp(out, before) == 0 || strcmp(out, after) == 0,
	    "today gave %s", out);

	local_time(-1, DAY, before, sizeof(before));
	ck_assert_int_eq(report_when("yesterday", out, sizeof(out), &why),
	    WHEN_OK);
	local_time(-1, DAY, after, sizeof(after));
	ck_assert_msg(strcmp(out, before) == 0 || strcmp(out, after) == 0,
	    "yesterday gave %s", out);

	/* The hour, not the minute. */
	local_time(0, HOUR, before, sizeof(before));
	ck_assert_int_eq(report_when("now", out, sizeof(out), &why),
	    WHEN_OK);
	local_time(0, HOUR, after, sizeof(after));
	ck_assert_msg(strcmp(out, before) >= 0 && strcmp(out, after) <= 0,
	    "now gave %s, between %s and %s", out, before, after);
	ck_assert_str_eq(out + 13, ":00");
}
END_TEST

static const struct {
	const char	*in;
	const char	*out;
} good_when[] = {
	{ "2025-11-20", "2025-11-20" },
	{ "2025-11-20T14:30", "2025-11-20T14:30" },
	{ "2025-11-20 14:30", "2025-11-20T14:30" },	/* as typed */
	{ "2024-02-29", "2024-02-29" },			/* a leap day */
	{ "2024-12-31T23:59", "2024-12-31T23:59" },
	{ "1900-01-01", "1900-01-01" },
	{ "2025-01-01T00:00", "2025-01-01T00:00" },
};

START_TEST(test_when_good)
{
	char		 out[AER_MAX_OCCURRED + 1];
	const char	*why = NULL;

	ck_assert_int_eq(report_when(good_when[_i].in, out, sizeof(out),
	    &why), WHEN_OK);
	ck_assert_str_eq(out, good_when[_i].out);
}
END_TEST

static const char *const bad_when[] = {
	"",
	"Tuesday",
	"2026-11-2",
	"2026/11/20",
	"2025-02-29",		/* not a leap year */
	"2026-04-31",
	"2026-13-01",
	"2026-00-10",
	"2026-11-00",
	"1899-12-31",
	"2026-11-20T24:00",
	"2026-11-20T12:60",
	"2026-11-20X12:00",
	"2026-11-20T12:0",
	"2026-11-20T12:00:00",
	"2026-11-20 ",
	"+026-11-20",
};

START_TEST(test_when_bad)
{
	char		 out[AER_MAX_OCCURRED + 1];
	const char	*why = NULL;

	ck_assert_int_eq(report_when(bad_when[_i], out, sizeof(out), &why),
	    WHEN_BAD);
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_nonnull(strstr(why, "2026-11-20"));
}
END_TEST

START_TEST(test_when_future)
{
	char		 out[AER_MAX_OCCURRED + 1], later[32];
	const char	*why = NULL;

	ck_assert_int_eq(report_when("2999-01-01", out, sizeof(out), &why),
	    WHEN_FUTURE);
	ck_assert_str_eq(why, "that is in the future");

	/* Two days on, so that midnight cannot pass during the test. */
	local_time(2, DAY, later, sizeof(later));
	ck_assert_int_eq(report_when(later, out, sizeof(out), &why),
	    WHEN_FUTURE);
	local_time(2, TYPED, later, sizeof(later));
	ck_assert_int_eq(report_when(later, out, sizeof(out), &why),
	    WHEN_FUTURE);
}
END_TEST

/* What does not fit in out is refused, not cut. */
START_TEST(test_when_room)
{
	char		 out[11];
	const char	*why;

	ck_assert_int_eq(report_when("2026-11-20", out, sizeof(out), &why),
	    WHEN_OK);
	ck_assert_int_eq(report_when("2026-11-20T14:30", out, sizeof(out),
	    &why), WHEN_BAD);
	ck_assert_int_eq(report_when("now", out, sizeof(out), &why),
	    WHEN_BAD);
}
END_TEST

/* --- report_code_ok --- */

START_TEST(test_code_ok)
{
	char	code[AER_MAX_CODE + 2];

	ck_assert(report_code_ok("near_miss"));
	ck_assert(report_code_ok("B"));
	ck_assert(!report_code_ok(""));
	ck_assert(!report_code_ok("near miss"));
	ck_assert(!report_code_ok("tab\there"));
	ck_assert(!report_code_ok("del\x7f"));
	memset(code, 'a', AER_MAX_CODE);
	code[AER_MAX_CODE] = '\0';
	ck_assert(report_code_ok(code));
	code[AER_MAX_CODE] = 'a';
	code[AER_MAX_CODE + 1] = '\0';
	ck_assert(!report_code_ok(code));
}
END_TEST

/* --- report_seen --- */

/* When the reviewers will see a report, as aerd's reply says. */
static const struct {
	const char	*reply;
	const char	*seen;		/* NULL: nothing to say */
} seen_replies[] = {
	{ "{\"receipt\": \"R\", \"release\": \"2026-12-06T18:00\"}",
	    "Reviewers will see it at the next release, 2026-12-06T18:00." },
	{ "{\"receipt\": \"R\", \"urgent\": true}",
	    "Reviewers can see it now." },
	{ "{\"urgent\": true, \"release\": \"2026-12-06T18:00\"}",
	    "Reviewers can see it now." },
	{ "{\"urgent\": false, \"release\": \"2026-12-06T18:00\"}",
	    "Reviewers will see it at the next release, 2026-12-06T18:00." },
	/* Today's aerd says neither. */
	{ "{\"receipt\": \"R\", \"id\": \"3f2a\"}", NULL },
	{ "{\"urgent\": false}", NULL },
	{ "{\"urgent\": 1}", NULL },
	/* A release that is not a time is not shown. */
	{ "{\"release\": \"soon\"}", NULL },
	{ "{\"release\": \"2026-12-06\"}", NULL },
	{ "{\"release\": \"2026-12-06 18:00\"}", NULL },
	{ "{\"release\": \"2026-12-06T25:00\"}", NULL },
	{ "{\"release\": \"2026-12-06T18:00\\u001b[2J\"}", NULL },
	{ "{\"release\": 1765044000}", NULL },
	{ "[]", NULL },
};

START_TEST(test_seen)
{
	json_error_t	 jerr;
	json_t		*reply;
	const char	*seen;
	char		 buf[128];

	reply = json_loads(seen_replies[_i].reply, 0, &jerr);
	ck_assert_msg(reply != NULL, "bad test JSON: %s", jerr.text);
	seen = report_seen(reply, buf, sizeof(buf));
	if (seen_replies[_i].seen == NULL)
		ck_assert_ptr_null(seen);
	else
		ck_assert_str_eq(seen, seen_replies[_i].seen);
	json_decref(reply);
}
END_TEST

/* A sentence that does not fit is not cut. */
START_TEST(test_seen_room)
{
	json_t	*reply;
	char	 buf[32];

	reply = json_pack("{s:s}", "release", "2026-12-06T18:00");
	ck_assert_ptr_null(report_seen(reply, buf, sizeof(buf)));
	json_decref(reply);
}
END_TEST

/* The warning before an urgent report says what it costs. */
START_TEST(test_urgent_note)
{
	ck_assert_ptr_nonnull(strstr(report_urgent_note, "at once"));
	ck_assert_ptr_nonnull(strstr(report_urgent_note, "when it was "
	    "filed"));
	ck_assert_ptr_nonnull(strstr(report_urgent_note, "who filed it"));
}
END_TEST

/* --- report_load, report_stdin_text --- */

static char	tmp_path[64];

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
write_file(const char *data, size_t len)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen(tmp_path, "wb"));
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(test_load_object)
{
	json_t	*body;

	write_file("{\"category\": \"fall\"}\n", 21);
	ck_assert_ptr_nonnull(body = report_load(tmp_path));
	ck_assert_str_eq(json_string_value(json_object_get(body,
	    "category")), "fall");
	json_decref(body);
}
END_TEST

static const char *const bad_files[] = {
	"[\"fall\"]",				/* not an object */
	"{\"category\": ",			/* not JSON */
	"{\"a\": 1, \"a\": 2}",			/* a member twice */
	"",					/* nothing */
};

START_TEST(test_load_refused)
{
	write_file(bad_files[_i], strlen(bad_files[_i]));
	ck_assert_ptr_null(report_load(tmp_path));
}
END_TEST

/* More than aerd takes is refused before it is parsed. */
START_TEST(test_load_too_large)
{
	json_t	*j;
	char	*data;
	size_t	 len = AER_MAX_BODY + 1;

	ck_assert_ptr_nonnull(data = malloc(len));
	memset(data, ' ', len);
	data[0] = '{';
	data[len - 1] = '}';
	write_file(data, len);
	free(data);
	ck_assert_ptr_null(report_load(tmp_path));

	write_file("{}", 2);
	ck_assert_ptr_nonnull(j = report_load(tmp_path));
	json_decref(j);
}
END_TEST

START_TEST(test_load_missing)
{
	unlink(tmp_path);
	ck_assert_ptr_null(report_load(tmp_path));
}
END_TEST

/*
 * --description -: all of stdin, trailing white space cut. It reads
 * 1024 bytes past max, room for white space to cut; more is refused.
 */
START_TEST(test_stdin_text)
{
	/* Room for 10 characters of four bytes, and trailing space. */
	char	*text, data[4 * 10 + 1025];

	write_file("Line one.\n  Line two.\n\n \t\n", 26);
	ck_assert_ptr_nonnull(freopen(tmp_path, "r", stdin));
	ck_assert_ptr_nonnull(text = report_stdin_text(100));
	ck_assert_str_eq(text, "Line one.\n  Line two.");
	free(text);

	memset(data, 'x', sizeof(data));
	write_file(data, sizeof(data) - 1);
	ck_assert_ptr_nonnull(freopen(tmp_path, "r", stdin));
	ck_assert_ptr_nonnull(text = report_stdin_text(10));
	ck_assert_uint_eq(strlen(text), sizeof(data) - 1);
	free(text);

	write_file(data, sizeof(data));
	ck_assert_ptr_nonnull(freopen(tmp_path, "r", stdin));
	ck_assert_ptr_null(report_stdin_text(10));
}
END_TEST

static Suite *
report_input_suite(void)
{
	Suite	*s = suite_create("client report-input");
	TCase	*tc;

	tc = tcase_create("report_text");
	tcase_add_test(tc, test_text_set);
	tcase_add_test(tc, test_text_empty);
	tcase_add_test(tc, test_text_limit);
	tcase_add_loop_test(tc, test_text_not_utf8, 0, NELEM(not_utf8));
	suite_add_tcase(s, tc);

	tc = tcase_create("report_when");
	tcase_add_test(tc, test_when_words);
	tcase_add_loop_test(tc, test_when_good, 0, NELEM(good_when));
	tcase_add_loop_test(tc, test_when_bad, 0, NELEM(bad_when));
	tcase_add_test(tc, test_when_future);
	tcase_add_test(tc, test_when_room);
	tcase_add_test(tc, test_code_ok);
	suite_add_tcase(s, tc);

	tc = tcase_create("report_seen");
	tcase_add_loop_test(tc, test_seen, 0, NELEM(seen_replies));
	tcase_add_test(tc, test_seen_room);
	tcase_add_test(tc, test_urgent_note);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup_file, teardown_file);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_load_object);
	tcase_add_loop_test(tc, test_load_refused, 0, NELEM(bad_files));
	tcase_add_test(tc, test_load_too_large);
	tcase_add_test(tc, test_load_missing);
	tcase_add_test(tc, test_stdin_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(report_input_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
