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
 * client/hint.c: the nearest word to a mistyped one, as git suggests,
 * and columns of text fitted to the terminal's width, UTF-8 aware.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

static const struct {
	const char	*a, *b;
	size_t		 d;
} distances[] = {
	{ "report", "report", 0 },
	{ "reprot", "report", 1 },		/* two letters swapped */
	{ "near-miss", "near_miss", 0 },	/* - for _ */
	{ "NEAR_MISS", "near_miss", 0 },
	{ "majr", "major", 1 },
	{ "", "abc", 3 },
	{ "kitten", "sitting", 3 },
	{ "verfiy", "verify", 1 },
};

START_TEST(test_distance)
{
	ck_assert_uint_eq(hint_distance(distances[_i].a, distances[_i].b),
	    distances[_i].d);
	ck_assert_uint_eq(hint_distance(distances[_i].b, distances[_i].a),
	    distances[_i].d);
}
END_TEST

static const char *const commands[] = {
	"report", "status", "reply", "queue", "show", "triage", "rca",
	"action", "message", "close", "summary", "export",
};
static const char *const types[] = {
	"incident", "near_miss", "unsafe_condition",
};
static const char *const severities[] = {
	"catastrophic", "major", "moderate", "minor",
};

START_TEST(test_nearest)
{
	ck_assert_str_eq(hint_nearest("reprot", commands, NELEM(commands)),
	    "report");
	ck_assert_str_eq(hint_nearest("qeueu", commands, NELEM(commands)),
	    "queue");
	ck_assert_str_eq(hint_nearest("near-miss", types, NELEM(types)),
	    "near_miss");
	ck_assert_str_eq(hint_nearest("unsafe", types, NELEM(types)),
	    "unsafe_condition");		/* the only one it begins */
	ck_assert_str_eq(hint_nearest("majr", severities, NELEM(severities)),
	    "major");
	ck_assert_str_eq(hint_nearest("catas", severities,
	    NELEM(severities)), "catastrophic");
	/* "m" begins three; nothing is near enough to guess. */
	ck_assert_ptr_null(hint_nearest("m", severities, NELEM(severities)));
	ck_assert_ptr_null(hint_nearest("xyzzy", commands, NELEM(commands)));
	ck_assert_ptr_null(hint_nearest("", commands, NELEM(commands)));
}
END_TEST

START_TEST(test_fit)
{
	int	cut;

	ck_assert_uint_eq(hint_fit("short", 10, &cut), 5);
	ck_assert_int_eq(cut, 0);
	ck_assert_uint_eq(hint_fit("exactly10!", 10, &cut), 10);
	ck_assert_int_eq(cut, 0);
	/* Cut to 4 columns and an ellipsis after. */
	ck_assert_uint_eq(hint_fit("abcdefgh", 5, &cut), 4);
	ck_assert_int_eq(cut, 1);
	/* "ööööö" is 10 bytes, 5 columns: cut whole characters only. */
	ck_assert_uint_eq(hint_fit("\xc3\xb6\xc3\xb6\xc3\xb6\xc3\xb6\xc3\xb6",
	    5, &cut), 10);
	ck_assert_int_eq(cut, 0);
	ck_assert_uint_eq(hint_fit("\xc3\xb6\xc3\xb6\xc3\xb6\xc3\xb6\xc3\xb6",
	    4, &cut), 6);
	ck_assert_int_eq(cut, 1);
	ck_assert_uint_eq(hint_width("\xe2\x80\xa6" "ab", 5), 3);
}
END_TEST

START_TEST(test_share)
{
	size_t	want[] = { 8, 13, 10, 120 }, least[] = { 8, 5, 5, 10 };
	size_t	width[4];

	/* Room enough: each as wide as it wants. */
	ck_assert_uint_eq(hint_share(want, least, 4, 200, width), 151);
	ck_assert_uint_eq(width[3], 120);
	/* At 80: the free text at the end gives, the others stay whole. */
	ck_assert_uint_eq(hint_share(want, least, 4, 60, width), 60);
	ck_assert_uint_eq(width[0], 8);
	ck_assert_uint_eq(width[1], 13);
	ck_assert_uint_eq(width[2], 10);
	ck_assert_uint_eq(width[3], 29);
	/* Tighter: once as narrow as the next widest, both give. */
	ck_assert_uint_eq(hint_share(want, least, 4, 40, width), 40);
	ck_assert_uint_eq(width[0], 8);
	ck_assert_uint_eq(width[1] + width[2] + width[3], 32);
	ck_assert_uint_eq(width[3], 11);
	/* Too narrow for every least: as narrow as they go. */
	ck_assert_uint_eq(hint_share(want, least, 4, 10, width), 28);
}
END_TEST

static Suite *
hint_suite(void)
{
	Suite	*s = suite_create("client_hint");
	TCase	*tc = tcase_create("hint");

	tcase_add_loop_test(tc, test_distance, 0, NELEM(distances));
	tcase_add_test(tc, test_nearest);
	tcase_add_test(tc, test_fit);
	tcase_add_test(tc, test_share);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(hint_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
