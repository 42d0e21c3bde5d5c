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
 * roles.c: a caller's role from its uid and groups, highest first:
 * root and admin groups, then reviewer, then committee, then reporter.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

#define UID		1000
#define ADMIN_GID	10
#define REVIEWER_GID	20
#define COMMITTEE_GID	30
#define BOTH_GID	40	/* in reviewer and committee */
#define OTHER_GID	100

/* A map of made-up gids, built by hand: no group database is read. */
static struct rolemap	map;

static void
setup_map(void)
{
	memset(&map, 0, sizeof(map));
	map.admin[map.nadmin++] = ADMIN_GID;
	map.reviewer[map.nreviewer++] = 21;
	map.reviewer[map.nreviewer++] = REVIEWER_GID;
	map.reviewer[map.nreviewer++] = BOTH_GID;
	map.committee[map.ncommittee++] = BOTH_GID;
	map.committee[map.ncommittee++] = 31;
	map.committee[map.ncommittee++] = COMMITTEE_GID;
}

static void
teardown_map(void)
{
	memset(&map, 0, sizeof(map));
}

/* --- role_for --- */

#define MAXG	4
static const struct {
	const char	*what;
	uid_t		 uid;
	gid_t		 gid;
	gid_t		 groups[MAXG];
	int		 ngroups;
	enum role	 want;
} callers[] = {
	{ "root, no groups", 0, OTHER_GID, { 0 }, 0, ROLE_ADMIN },
	{ "root, committee", 0, COMMITTEE_GID, { COMMITTEE_GID }, 1,
	    ROLE_ADMIN },
	{ "nobody special", UID, OTHER_GID, { OTHER_GID, 101 }, 2,
	    ROLE_REPORTER },
	{ "no groups at all", UID, OTHER_GID, { 0 }, 0, ROLE_REPORTER },
	{ "gid 0 is not uid 0", UID, 0, { 0 }, 1, ROLE_REPORTER },
	{ "admin, primary", UID, ADMIN_GID, { 0 }, 0, ROLE_ADMIN },
	{ "admin, supplementary", UID, OTHER_GID, { 101, ADMIN_GID }, 2,
	    ROLE_ADMIN },
	{ "reviewer, primary", UID, REVIEWER_GID, { 0 }, 0, ROLE_REVIEWER },
	{ "reviewer, supplementary", UID, OTHER_GID,
	    { 101, 102, REVIEWER_GID }, 3, ROLE_REVIEWER },
	{ "reviewer, second in list", UID, OTHER_GID, { 21 }, 1,
	    ROLE_REVIEWER },
	{ "committee, primary", UID, COMMITTEE_GID, { 0 }, 0,
	    ROLE_COMMITTEE },
	{ "committee, last in list", UID, OTHER_GID, { COMMITTEE_GID }, 1,
	    ROLE_COMMITTEE },
	{ "committee, middle of list", UID, OTHER_GID, { 31 }, 1,
	    ROLE_COMMITTEE },
	{ "reviewer and committee group", UID, OTHER_GID, { BOTH_GID }, 1,
	    ROLE_REVIEWER },
	{ "committee then reviewer", UID, COMMITTEE_GID,
	    { COMMITTEE_GID, REVIEWER_GID }, 2, ROLE_REVIEWER },
	{ "committee, admin last", UID, COMMITTEE_GID,
	    { COMMITTEE_GID, REVIEWER_GID, 101, ADMIN_GID }, 4, ROLE_ADMIN },
	{ "primary reviewer, supplementary admin", UID, REVIEWER_GID,
	    { ADMIN_GID }, 1, ROLE_ADMIN },
	{ "primary admin, supplementary committee", UID, ADMIN_GID,
	    { COMMITTEE_GID }, 1, ROLE_ADMIN },
	{ "groups past ngroups do not count", UID, OTHER_GID,
	    { 101, ADMIN_GID }, 1, ROLE_REPORTER },
};

START_TEST(test_role_for)
{
	enum role	got;

	got = role_for(&map, callers[_i].uid, callers[_i].gid,
	    callers[_i].groups, callers[_i].ngroups);
	ck_assert_msg(got == callers[_i].want, "%s: got %d, want %d",
	    callers[_i].what, got, callers[_i].want);
}
END_TEST

START_TEST(test_role_for_empty_map)
{
	struct rolemap	empty;
	gid_t		groups[] = { 0, 10, 20, 30 };

	memset(&empty, 0, sizeof(empty));
	ck_assert_int_eq(role_for(&empty, UID, 0, groups, NELEM(groups)),
	    ROLE_REPORTER);
	ck_assert_int_eq(role_for(&empty, UID, 0, NULL, 0), ROLE_REPORTER);
	ck_assert_int_eq(role_for(&empty, 0, 0, NULL, 0), ROLE_ADMIN);
}
END_TEST

/* Only the first n entries of each list count. */
START_TEST(test_role_for_counts)
{
	struct rolemap	m;

	memset(&m, 0, sizeof(m));
	m.admin[0] = OTHER_GID;		/* present but not counted */
	m.reviewer[0] = OTHER_GID;
	m.committee[0] = OTHER_GID;
	ck_assert_int_eq(role_for(&m, UID, OTHER_GID, NULL, 0),
	    ROLE_REPORTER);
	m.ncommittee = 1;
	ck_assert_int_eq(role_for(&m, UID, OTHER_GID, NULL, 0),
	    ROLE_COMMITTEE);
	m.nreviewer = 1;
	ck_assert_int_eq(role_for(&m, UID, OTHER_GID, NULL, 0),
	    ROLE_REVIEWER);
	m.nadmin = 1;
	ck_assert_int_eq(role_for(&m, UID, OTHER_GID, NULL, 0), ROLE_ADMIN);
}
END_TEST

/* --- names --- */

static const char *const role_names[] = {
	[ROLE_ANY] = "any",
	[ROLE_RECEIPT] = "receipt",
	[ROLE_REPORTER] = "reporter",
	[ROLE_COMMITTEE] = "committee",
	[ROLE_REVIEWER] = "reviewer",
	[ROLE_ADMIN] = "admin",
};

START_TEST(test_role_names)
{
	enum role	r = ROLE_ANY;

	ck_assert_ptr_nonnull(role_name((enum role)_i));
	ck_assert_str_eq(role_name((enum role)_i), role_names[_i]);
	if (_i == ROLE_ANY)
		r = ROLE_ADMIN;
	ck_assert_int_eq(role_parse(role_names[_i], &r), 0);
	ck_assert_int_eq(r, _i);
}
END_TEST

START_TEST(test_role_unknown)
{
	static const char *const bad[] = {
		"", "root", "administrator", "review", "reviewers", "adm",
		"nobody", "committee ",
	};
	enum role	r;
	int		i;

	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(role_parse(bad[i], &r) == -1, "\"%s\" parsed",
		    bad[i]);
}
END_TEST

/* --- rolemap_build --- */

static struct config	cfg;
static char		err[256];
/* Group names the configuration points at; config_free is not called. */
static char		root_name[] = "root";
static char		missing_name[] = "no-such-group-aer";

static void
setup_config(void)
{
	/* Only the group lists matter to rolemap_build. */
	memset(&cfg, 0, sizeof(cfg));
	memset(err, 0, sizeof(err));
}

static void
teardown_config(void)
{
	memset(&cfg, 0, sizeof(cfg));
}

START_TEST(test_build_reviewer_root)
{
	struct rolemap	m;

	cfg.reviewer_groups[0] = root_name;
	cfg.nreviewer_groups = 1;
	memset(&m, 0x5a, sizeof(m));
	ck_assert_msg(rolemap_build(&m, &cfg, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_int_eq(m.nreviewer, 1);
	ck_assert_uint_eq(m.reviewer[0], 0);
	ck_assert_int_eq(m.nadmin, 0);
	ck_assert_int_eq(m.ncommittee, 0);
	ck_assert_int_eq(role_for(&m, UID, OTHER_GID, (gid_t[]){ 0 }, 1),
	    ROLE_REVIEWER);
}
END_TEST

START_TEST(test_build_each_list)
{
	struct rolemap	m;

	cfg.admin_groups[0] = root_name;
	cfg.nadmin_groups = 1;
	cfg.committee_groups[0] = root_name;
	cfg.committee_groups[1] = root_name;
	cfg.ncommittee_groups = 2;
	memset(&m, 0x5a, sizeof(m));
	ck_assert_msg(rolemap_build(&m, &cfg, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_int_eq(m.nadmin, 1);
	ck_assert_uint_eq(m.admin[0], 0);
	ck_assert_int_eq(m.nreviewer, 0);
	ck_assert_int_ge(m.ncommittee, 1);
	ck_assert_int_le(m.ncommittee, 2);
	ck_assert_uint_eq(m.committee[0], 0);
	ck_assert_int_eq(role_for(&m, UID, 0, NULL, 0), ROLE_ADMIN);
}
END_TEST

START_TEST(test_build_empty)
{
	struct rolemap	m;

	memset(&m, 0x5a, sizeof(m));
	ck_assert_int_eq(rolemap_build(&m, &cfg, err, sizeof(err)), 0);
	ck_assert_int_eq(m.nadmin, 0);
	ck_assert_int_eq(m.nreviewer, 0);
	ck_assert_int_eq(m.ncommittee, 0);
	ck_assert_int_eq(role_for(&m, UID, 0, (gid_t[]){ 0 }, 1),
	    ROLE_REPORTER);
}
END_TEST

/* _i: which list names the missing group, after a good one. */
START_TEST(test_build_missing_group)
{
	struct rolemap	m;
	char		**names;
	int		*n;

	switch (_i) {
	case 0:
		names = cfg.admin_groups;
		n = &cfg.nadmin_groups;
		break;
	case 1:
		names = cfg.reviewer_groups;
		n = &cfg.nreviewer_groups;
		break;
	default:
		names = cfg.committee_groups;
		n = &cfg.ncommittee_groups;
		break;
	}
	names[0] = root_name;
	names[1] = missing_name;
	*n = 2;
	ck_assert_int_eq(rolemap_build(&m, &cfg, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(memchr(err, '\0', sizeof(err)));
	ck_assert_msg(strstr(err, missing_name) != NULL,
	    "\"%s\" does not name the group", err);
}
END_TEST

static Suite *
roles_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("roles");

	tc = tcase_create("role_for");
	tcase_add_checked_fixture(tc, setup_map, teardown_map);
	tcase_add_loop_test(tc, test_role_for, 0, NELEM(callers));
	tcase_add_test(tc, test_role_for_empty_map);
	tcase_add_test(tc, test_role_for_counts);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_role_names, 0, NELEM(role_names));
	tcase_add_test(tc, test_role_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("build");
	tcase_add_checked_fixture(tc, setup_config, teardown_config);
	tcase_set_timeout(tc, 10);	/* reads the group database */
	tcase_add_test(tc, test_build_reviewer_root);
	tcase_add_test(tc, test_build_each_list);
	tcase_add_test(tc, test_build_empty);
	tcase_add_loop_test(tc, test_build_missing_group, 0, 3);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(roles_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
