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
 * identity.c: which Host headers name this machine on a TCP listener,
 * so that a page whose DNS name was rebound to 127.0.0.1 is refused.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

START_TEST(test_local)
{
	static const char *const good[] = {
		"localhost", "LOCALHOST", "localhost:8080", "127.0.0.1",
		"127.0.0.1:1", "127.1.2.3:65535", "[::1]", "[::1]:18431",
	};
	int	i;

	ck_assert_int_eq(host_is_local(NULL), 1);
	for (i = 0; i < NELEM(good); i++)
		ck_assert_msg(host_is_local(good[i]) == 1, "\"%s\" refused",
		    good[i]);
}
END_TEST

START_TEST(test_other)
{
	static const char *const bad[] = {
		"", ":80", "evil.example", "evil.example:80",
		"localhost.evil.example", "127.0.0.1.evil.example",
		"127.0.0.1evil", "10.0.0.1", "128.0.0.1", "127.0.0.256",
		"127.0.0", "127.0.0.1.1", "0x7f.0.0.1", "[::2]", "[::1",
		"[::1]x", "[::1]:", "localhost:", "localhost:x",
		"localhost:123456", "localhost:80:80", " localhost",
		"localhost ", "127.0.0.-1",
	};
	int	i;

	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(host_is_local(bad[i]) == 0, "\"%s\" taken",
		    bad[i]);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("host");
	TCase	*tc = tcase_create("host");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_local);
	tcase_add_test(tc, test_other);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
