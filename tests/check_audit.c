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
 * audit.c: each entry's SHA-256 covers the hash before it and every
 * field, each field length-prefixed so that no two entries run together.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "aerd.h"

static const unsigned char	zero[AUDIT_HASH_LEN];

/* The entry most tests start from and change one thing in. */
static struct audit_entry	base;

static void
setup_entry(void)
{
	base.seq = 1;
	base.report_id = "0b6f3c1e-1d2a-4c5b-9e8f-7a6b5c4d3e2f";
	base.at = "2026-11-23T09:15:00Z";
	base.role = "reviewer";
	base.actor = "mdirector";
	base.change = "{\"state\":\"triaged\"}";
}

static void
teardown_entry(void)
{
	memset(&base, 0, sizeof(base));
}

/* --- the hash, computed here independently with EVP --- */

static void
put_length(EVP_MD_CTX *ctx, uint64_t len)
{
	unsigned char	be[8];
	int		i;

	for (i = 7; i >= 0; i--) {
		be[i] = (unsigned char)(len & 0xff);
		len >>= 8;
	}
	ck_assert_int_eq(EVP_DigestUpdate(ctx, be, sizeof(be)), 1);
}

static void
put_field(EVP_MD_CTX *ctx, const char *s)
{
	if (s == NULL) {
		put_length(ctx, UINT64_MAX);
		return;
	}
	put_length(ctx, strlen(s));
	ck_assert_int_eq(EVP_DigestUpdate(ctx, s, strlen(s)), 1);
}

static void
expected_hash(const unsigned char prev[AUDIT_HASH_LEN],
    const struct audit_entry *e, unsigned char out[AUDIT_HASH_LEN])
{
	EVP_MD_CTX	*ctx;
	char		 seq[32];
	unsigned int	 len = 0;

	snprintf(seq, sizeof(seq), "%lld", e->seq);
	ctx = EVP_MD_CTX_new();
	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
	ck_assert_int_eq(EVP_DigestUpdate(ctx, prev, AUDIT_HASH_LEN), 1);
	put_field(ctx, seq);
	put_field(ctx, e->report_id);
	put_field(ctx, e->at);
	put_field(ctx, e->role);
	put_field(ctx, e->actor);
	put_field(ctx, e->change);
	ck_assert_int_eq(EVP_DigestFinal_ex(ctx, out, &len), 1);
	ck_assert_uint_eq(len, AUDIT_HASH_LEN);
	EVP_MD_CTX_free(ctx);
}

static void
hash(const unsigned char prev[AUDIT_HASH_LEN], const struct audit_entry *e,
    unsigned char out[AUDIT_HASH_LEN])
{
	memset(out, 0xa5, AUDIT_HASH_LEN);
	ck_assert_int_eq(audit_hash(prev, e, out), 0);
}

static void
assert_expected(const unsigned char prev[AUDIT_HASH_LEN],
    const struct audit_entry *e)
{
	unsigned char	got[AUDIT_HASH_LEN], want[AUDIT_HASH_LEN];

	expected_hash(prev, e, want);
	hash(prev, e, got);
	ck_assert_mem_eq(got, want, AUDIT_HASH_LEN);
}

/* --- tests --- */

START_TEST(test_same_input_same_hash)
{
	struct audit_entry	copy;
	unsigned char		a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];
	char			role[] = "reviewer";

	hash(zero, &base, a);
	hash(zero, &base, b);
	ck_assert_mem_eq(a, b, AUDIT_HASH_LEN);

	/* Equal text at another address: the bytes count, not pointers. */
	copy = base;
	copy.role = role;
	hash(zero, &copy, b);
	ck_assert_mem_eq(a, b, AUDIT_HASH_LEN);
}
END_TEST

START_TEST(test_matches_definition)
{
	struct audit_entry	e;
	unsigned char		prev[AUDIT_HASH_LEN];
	int			i;

	assert_expected(zero, &base);

	e = base;
	e.seq = 2;
	e.report_id = NULL;		/* an entry about no case */
	e.actor = NULL;			/* a reporter */
	e.role = "reporter";
	for (i = 0; i < AUDIT_HASH_LEN; i++)
		prev[i] = (unsigned char)(i * 7 + 3);
	assert_expected(prev, &e);

	e = base;
	e.seq = 1234567890123LL;
	e.change = "{\"text\":\"caf\xc3\xa9 \\u00e9\\n\"}";
	e.actor = "";
	assert_expected(prev, &e);

	e = base;
	e.seq = 0;
	e.report_id = e.at = e.role = e.actor = e.change = NULL;
	assert_expected(zero, &e);

	e = base;
	e.report_id = e.at = e.role = e.actor = e.change = "";
	assert_expected(zero, &e);
}
END_TEST

/* Values worked out with python3 hashlib, as fixed points. */
START_TEST(test_known_chain)
{
	static const unsigned char want1[AUDIT_HASH_LEN] = {
		0x5b, 0xe7, 0xfa, 0x6a, 0x47, 0x54, 0x2e, 0xeb,
		0x95, 0x4e, 0x34, 0x78, 0xc1, 0x39, 0x6a, 0x32,
		0xf2, 0x82, 0xd0, 0x11, 0xb8, 0xe7, 0x9d, 0xa8,
		0xa5, 0x36, 0x82, 0x91, 0x3f, 0xdf, 0x9e, 0x91,
	};
	static const unsigned char want2[AUDIT_HASH_LEN] = {
		0x86, 0x7f, 0x24, 0x46, 0xa7, 0x1c, 0x68, 0x37,
		0xf8, 0xb5, 0x0f, 0x2d, 0xf1, 0xe8, 0xec, 0x75,
		0xd2, 0xae, 0x10, 0x3f, 0xbe, 0xb7, 0xa1, 0x4f,
		0xd8, 0x31, 0xe6, 0x95, 0xfc, 0x53, 0xff, 0xf4,
	};
	struct audit_entry	e2;
	unsigned char		h1[AUDIT_HASH_LEN], h2[AUDIT_HASH_LEN];

	hash(zero, &base, h1);
	ck_assert_mem_eq(h1, want1, AUDIT_HASH_LEN);

	e2.seq = 2;
	e2.report_id = NULL;
	e2.at = "2026-11-23T10:00:00Z";
	e2.role = "reporter";
	e2.actor = NULL;
	e2.change = "{\"message\":\"sent\"}";
	hash(h1, &e2, h2);
	ck_assert_mem_eq(h2, want2, AUDIT_HASH_LEN);
}
END_TEST

/* A chain of entries, each hashed over the last. */
START_TEST(test_chain)
{
	static const char *const roles[] = { "reviewer", "reporter", "admin" };
	struct audit_entry	e;
	unsigned char		prev[AUDIT_HASH_LEN], want[AUDIT_HASH_LEN];
	unsigned char		got[AUDIT_HASH_LEN];
	char			change[64];
	int			i;

	memcpy(prev, zero, sizeof(prev));
	for (i = 1; i <= 20; i++) {
		e = base;
		e.seq = i;
		e.role = roles[i % 3];
		e.actor = i % 3 == 1 ? NULL : "mdirector";
		snprintf(change, sizeof(change), "{\"n\":%d}", i);
		e.change = change;
		expected_hash(prev, &e, want);
		hash(prev, &e, got);
		ck_assert_mem_eq(got, want, AUDIT_HASH_LEN);
		memcpy(prev, got, sizeof(prev));
	}
}
END_TEST

/* _i: which field to change, each to something else of the same length. */
START_TEST(test_each_field_counts)
{
	struct audit_entry	e = base;
	unsigned char		a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];

	switch (_i) {
	case 0: e.seq = 2; break;
	case 1: e.report_id = "0b6f3c1e-1d2a-4c5b-9e8f-7a6b5c4d3e2e"; break;
	case 2: e.at = "2026-11-23T09:15:01Z"; break;
	case 3: e.role = "reviewes"; break;
	case 4: e.actor = "mdirectos"; break;
	case 5: e.change = "{\"state\":\"triagef\"}"; break;
	default: ck_abort_msg("no field %d", _i);
	}
	hash(zero, &base, a);
	hash(zero, &e, b);
	ck_assert_mem_ne(a, b, AUDIT_HASH_LEN);
	assert_expected(zero, &e);
}
END_TEST

START_TEST(test_prev_counts)
{
	unsigned char	prev[AUDIT_HASH_LEN];
	unsigned char	a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];
	int		i;

	hash(zero, &base, a);
	for (i = 0; i < AUDIT_HASH_LEN; i++) {
		memcpy(prev, zero, sizeof(prev));
		prev[i] = 0x01;
		hash(prev, &base, b);
		ck_assert_msg(memcmp(a, b, AUDIT_HASH_LEN) != 0,
		    "byte %d of prev ignored", i);
	}
	prev[AUDIT_HASH_LEN - 1] = 0x80;
	assert_expected(prev, &base);
}
END_TEST

/* NULL is not "": a reporter differs from an actor with no name. */
START_TEST(test_null_is_not_empty)
{
	struct audit_entry	e = base;
	unsigned char		a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];

	e.actor = NULL;
	hash(zero, &e, a);
	e.actor = "";
	hash(zero, &e, b);
	ck_assert_mem_ne(a, b, AUDIT_HASH_LEN);

	e = base;
	e.report_id = NULL;
	hash(zero, &e, a);
	e.report_id = "";
	hash(zero, &e, b);
	ck_assert_mem_ne(a, b, AUDIT_HASH_LEN);
}
END_TEST

/* _i: the first of two adjacent fields; "ab","c" is not "a","bc". */
START_TEST(test_fields_do_not_run_together)
{
	struct audit_entry	x = base, y = base;
	const char		**fx[5], **fy[5];
	unsigned char		a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];

	fx[0] = &x.report_id; fx[1] = &x.at; fx[2] = &x.role;
	fx[3] = &x.actor; fx[4] = &x.change;
	fy[0] = &y.report_id; fy[1] = &y.at; fy[2] = &y.role;
	fy[3] = &y.actor; fy[4] = &y.change;

	*fx[_i] = "ab";
	*fx[_i + 1] = "c";
	*fy[_i] = "a";
	*fy[_i + 1] = "bc";
	hash(zero, &x, a);
	hash(zero, &y, b);
	ck_assert_mem_ne(a, b, AUDIT_HASH_LEN);
	assert_expected(zero, &x);
	assert_expected(zero, &y);
}
END_TEST

START_TEST(test_seq_as_text)
{
	struct audit_entry	e = base;
	unsigned char		a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];

	e.seq = 1;
	hash(zero, &e, a);
	e.seq = 10;
	hash(zero, &e, b);
	ck_assert_mem_ne(a, b, AUDIT_HASH_LEN);
	assert_expected(zero, &e);

	/* seq 1 and id "0abc" against seq 10 and id "abc". */
	e.seq = 1;
	e.report_id = "0abc";
	hash(zero, &e, a);
	e.seq = 10;
	e.report_id = "abc";
	hash(zero, &e, b);
	ck_assert_mem_ne(a, b, AUDIT_HASH_LEN);
	assert_expected(zero, &e);
}
END_TEST

/* Nothing outside the 32 bytes of out is written. */
START_TEST(test_writes_only_out)
{
	unsigned char	buf[AUDIT_HASH_LEN + 16];
	unsigned char	want[AUDIT_HASH_LEN];
	size_t		i;

	memset(buf, 0x5a, sizeof(buf));
	ck_assert_int_eq(audit_hash(zero, &base, buf + 8), 0);
	expected_hash(zero, &base, want);
	ck_assert_mem_eq(buf + 8, want, AUDIT_HASH_LEN);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(buf[i], 0x5a);
		ck_assert_int_eq(buf[8 + AUDIT_HASH_LEN + i], 0x5a);
	}
}
END_TEST

static Suite *
audit_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("audit");

	tc = tcase_create("hash");
	tcase_add_checked_fixture(tc, setup_entry, teardown_entry);
	tcase_add_test(tc, test_same_input_same_hash);
	tcase_add_test(tc, test_matches_definition);
	tcase_add_test(tc, test_known_chain);
	tcase_add_test(tc, test_chain);
	tcase_add_loop_test(tc, test_each_field_counts, 0, 6);
	tcase_add_test(tc, test_prev_counts);
	tcase_add_test(tc, test_null_is_not_empty);
	tcase_add_loop_test(tc, test_fields_do_not_run_together, 0, 4);
	tcase_add_test(tc, test_seq_as_text);
	tcase_add_test(tc, test_writes_only_out);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(audit_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
