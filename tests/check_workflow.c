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
 * workflow.c: the states of a case and the moves between them, the SAC
 * matrix, corrective actions and the RCA² checks. What the steps do with
 * them, the close rules among it, is check_workflow_plan.c's.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* --- states --- */

static const char *const state_names[STATE__COUNT] = {
	[STATE_NEW] = "new",
	[STATE_TRIAGED] = "triaged",
	[STATE_INVESTIGATING] = "investigating",
	[STATE_ACTIONS] = "actions",
	[STATE_REFERRED] = "referred",
	[STATE_CLOSED] = "closed",
};

START_TEST(test_state_names)
{
	enum state	s = STATE__COUNT;

	ck_assert_str_eq(state_name((enum state)_i), state_names[_i]);
	ck_assert_int_eq(state_parse(state_names[_i], &s), 0);
	ck_assert_int_eq(s, _i);
	ck_assert_int_eq(state_parse(state_name((enum state)_i), &s), 0);
	ck_assert_int_eq(s, _i);
}
END_TEST

static const char *const bad_states[] = {
	"", "ne", "newer", "open", "in_review", "triage", "close", "closedd",
	"investigate", "action",
};

START_TEST(test_state_unknown)
{
	enum state	s;

	ck_assert_msg(state_parse(bad_states[_i], &s) == -1,
	    "\"%s\" parsed", bad_states[_i]);
}
END_TEST

/* The table of DESIGN.md, "Workflow"; everything else is refused. */
static const int moves[STATE__COUNT][STATE__COUNT] = {
	[STATE_NEW] = {
		[STATE_TRIAGED] = 1, [STATE_INVESTIGATING] = 1,
		[STATE_REFERRED] = 1,
	},
	[STATE_TRIAGED] = {
		[STATE_INVESTIGATING] = 1, [STATE_ACTIONS] = 1,
		[STATE_CLOSED] = 1,
		[STATE_REFERRED] = 1,		/* a retriage */
	},
	[STATE_INVESTIGATING] = {
		[STATE_ACTIONS] = 1,
		[STATE_TRIAGED] = 1, [STATE_REFERRED] = 1,	/* retriages */
	},
	[STATE_ACTIONS] = { [STATE_CLOSED] = 1 },
};

/* _i runs over all 36 ordered pairs, X -> X included. */
START_TEST(test_transition)
{
	enum state	from = (enum state)(_i / STATE__COUNT);
	enum state	to = (enum state)(_i % STATE__COUNT);

	ck_assert_msg(workflow_allowed(from, to) == moves[from][to],
	    "%s -> %s: got %d, want %d", state_names[from], state_names[to],
	    workflow_allowed(from, to), moves[from][to]);
}
END_TEST

START_TEST(test_next)
{
	enum state	out[STATE__COUNT];
	enum state	from = (enum state)_i;
	size_t		n, want = 0;
	int		to;

	memset(out, 0xff, sizeof(out));
	n = workflow_next(from, out);
	for (to = 0; to < STATE__COUNT; to++) {
		if (!moves[from][to])
			continue;
		ck_assert_msg(want < n, "%s: only %zu targets",
		    state_names[from], n);
		ck_assert_msg(out[want] == (enum state)to, "%s: target %zu "
		    "is %d, want %s", state_names[from], want, out[want],
		    state_names[to]);
		want++;
	}
	ck_assert_uint_eq(n, want);
}
END_TEST

START_TEST(test_next_from_new)
{
	enum state	out[STATE__COUNT];

	ck_assert_uint_eq(workflow_next(STATE_NEW, out), 3);
	ck_assert_int_eq(out[0], STATE_TRIAGED);
	ck_assert_int_eq(out[1], STATE_INVESTIGATING);
	ck_assert_int_eq(out[2], STATE_REFERRED);
	ck_assert_uint_eq(workflow_next(STATE_CLOSED, out), 0);
	ck_assert_uint_eq(workflow_next(STATE_REFERRED, out), 0);
}
END_TEST

START_TEST(test_is_open)
{
	static const int	open[STATE__COUNT] = {
		[STATE_NEW] = 1, [STATE_TRIAGED] = 1,
		[STATE_INVESTIGATING] = 1, [STATE_ACTIONS] = 1,
	};

	ck_assert_msg(workflow_is_open((enum state)_i) == open[_i],
	    "%s", state_names[_i]);
}
END_TEST

/* The reviewer's queue lists these, in this order (doc/API.md). */
START_TEST(test_open_states)
{
	enum state	out[STATE__COUNT];

	memset(out, 0xff, sizeof(out));
	ck_assert_uint_eq(workflow_open_states(out), 4);
	ck_assert_int_eq(out[0], STATE_NEW);
	ck_assert_int_eq(out[1], STATE_TRIAGED);
	ck_assert_int_eq(out[2], STATE_INVESTIGATING);
	ck_assert_int_eq(out[3], STATE_ACTIONS);
}
END_TEST

START_TEST(test_reporter_status)
{
	static const char *const seen[STATE__COUNT] = {
		[STATE_NEW] = "new",
		[STATE_TRIAGED] = "in_review",
		[STATE_INVESTIGATING] = "in_review",
		[STATE_ACTIONS] = "in_review",
		[STATE_REFERRED] = "referred",
		[STATE_CLOSED] = "closed",
	};
	const char	*got;

	got = workflow_reporter_status(state_names[_i]);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, seen[_i]);
}
END_TEST

/* --- triage --- */

static const char *const severities[] = {
	"catastrophic", "major", "moderate", "minor",
};
static const char *const probabilities[] = {
	"frequent", "occasional", "uncommon", "remote",
};
/* The VA NCPS SAC matrix, rows by severity, columns by probability. */
static const int sac_matrix[4][4] = {
	{ 3, 3, 3, 3 },
	{ 3, 2, 2, 2 },
	{ 2, 1, 1, 1 },
	{ 1, 1, 1, 1 },
};

START_TEST(test_sac_matrix)
{
	const char	*sev = severities[_i / 4];
	const char	*prob = probabilities[_i % 4];

	ck_assert_msg(sac_score(sev, prob) == sac_matrix[_i / 4][_i % 4],
	    "%s x %s: got %d, want %d", sev, prob, sac_score(sev, prob),
	    sac_matrix[_i / 4][_i % 4]);
}
END_TEST

START_TEST(test_sac_unknown)
{
	ck_assert_int_eq(sac_score("", "frequent"), -1);
	ck_assert_int_eq(sac_score("severe", "frequent"), -1);
	ck_assert_int_eq(sac_score("catastrophic", ""), -1);
	ck_assert_int_eq(sac_score("catastrophic", "often"), -1);
	ck_assert_int_eq(sac_score("minor", "rare"), -1);
	ck_assert_int_eq(sac_score("frequent", "major"), -1);
	ck_assert_int_eq(sac_score("majorx", "frequent"), -1);
	ck_assert_int_eq(sac_score("major", "frequently"), -1);
}
END_TEST

/* _i: sac 1..3 in the high bits, sentinel and blameworthy in the low. */
START_TEST(test_after_triage)
{
	int		sac = _i / 4 + 1, sentinel = (_i / 2) % 2;
	int		blameworthy = _i % 2;
	int		rca = sac == 3 || sentinel;
	enum state	want;

	ck_assert_int_eq(!!workflow_rca_required(sac, sentinel), rca);
	if (blameworthy)
		want = STATE_REFERRED;
	else if (rca)
		want = STATE_INVESTIGATING;
	else
		want = STATE_TRIAGED;
	ck_assert_msg(workflow_after_triage(sac, sentinel, blameworthy) ==
	    want, "sac %d sentinel %d blameworthy %d: got %s, want %s", sac,
	    sentinel, blameworthy,
	    state_name(workflow_after_triage(sac, sentinel, blameworthy)),
	    state_names[want]);
}
END_TEST

/* --- corrective actions --- */

static const char *const action_names[ACTION__COUNT] = {
	[ACTION_OPEN] = "open",
	[ACTION_DONE] = "done",
	[ACTION_EFFECTIVE] = "verified_effective",
	[ACTION_INEFFECTIVE] = "verified_ineffective",
	[ACTION_WITHDRAWN] = "withdrawn",
};

START_TEST(test_action_names)
{
	enum action_status	a = ACTION__COUNT;

	ck_assert_str_eq(action_status_name((enum action_status)_i),
	    action_names[_i]);
	ck_assert_int_eq(action_status_parse(action_names[_i], &a), 0);
	ck_assert_int_eq(a, _i);
}
END_TEST

START_TEST(test_action_unknown)
{
	static const char *const bad[] = {
		"", "opened", "verified", "effective", "ineffective", "closed",
		"verified_", "withdraw", "don",
	};
	enum action_status	a;
	int			i;

	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(action_status_parse(bad[i], &a) == -1,
		    "\"%s\" parsed", bad[i]);
}
END_TEST

static const int action_moves[ACTION__COUNT][ACTION__COUNT] = {
	[ACTION_OPEN] = { [ACTION_DONE] = 1, [ACTION_WITHDRAWN] = 1 },
	[ACTION_DONE] = {
		[ACTION_EFFECTIVE] = 1, [ACTION_INEFFECTIVE] = 1,
		[ACTION_WITHDRAWN] = 1,
	},
};

START_TEST(test_action_transition)
{
	enum action_status	from, to;

	from = (enum action_status)(_i / ACTION__COUNT);
	to = (enum action_status)(_i % ACTION__COUNT);

	ck_assert_msg(workflow_action_allowed(from, to) ==
	    action_moves[from][to], "%s -> %s: got %d, want %d",
	    action_names[from], action_names[to],
	    workflow_action_allowed(from, to), action_moves[from][to]);
}
END_TEST

/* --- RCA² checks --- */

static const struct {
	const char	*statement;
	const char	*descriptor;
} negative[] = {
	{ "poor", "poor" },
	{ "Poor handover between shifts", "poor" },
	{ "Handover was poorly documented", "poorly" },
	{ "Staffing was inadequate on nights", "inadequate" },
	{ "The label was inadequately checked", "inadequately" },
	{ "A careless check of the wristband", "careless" },
	{ "The nurse FAILED TO scan the barcode", "failed to" },
	{ "Failure to escalate the early warning score", "failure to" },
	{ "The resident was negligent.", "negligent" },
	{ "Insufficient training on the new pump", "insufficient" },
	{ "improper storage of look-alike vials", "improper" },
	{ "Vials were stored improperly", "improperly" },
	{ "Sloppy documentation", "sloppy" },
	{ "Checks were (poor), mostly", "poor" },
	{ "Handover: INADEQUATE", "inadequate" },
};

START_TEST(test_negative_found)
{
	const char	*got;

	got = rca_negative_descriptor(negative[_i].statement);
	ck_assert_msg(got != NULL, "\"%s\" not flagged",
	    negative[_i].statement);
	ck_assert_msg(strcasecmp(got, negative[_i].descriptor) == 0,
	    "\"%s\": got \"%s\", want \"%s\"", negative[_i].statement, got,
	    negative[_i].descriptor);
}
END_TEST

static const char *const neutral[] = {
	"",
	"Handover sheet lacked the allergy field",
	"wrong patient",
	"poorer",
	"impoor",
	"Impoverished",
	"The spoor of the problem",
	"The pump failed tonight",
	"adequate staffing, sufficient stock, proper labels",
	"The careful nurse noticed",
	"Pharmacy stocks two look-alike vials in adjacent bins",
};

START_TEST(test_negative_neutral)
{
	const char	*got;

	got = rca_negative_descriptor(neutral[_i]);
	ck_assert_msg(got == NULL, "\"%s\" flagged for \"%s\"", neutral[_i],
	    got);
}
END_TEST

static const struct {
	const char	*owner;
	int		 one;
} owners[] = {
	{ "Dr. A. Reyes", 1 },
	{ "J. O'Neil", 1 },
	{ "Maria Jos\xc3\xa9 N\xc3\xba\xc3\xb1" "ez", 1 },
	{ "", 0 },
	{ "   ", 0 },
	{ "A. Reyes and B. Chen", 0 },
	{ "A. Reyes, B. Chen", 0 },
	{ "Pharmacy & Therapeutics", 0 },
	{ "Safety Committee", 0 },
	{ "nursing team", 0 },
	{ "Pharmacy department", 0 },
	{ "all staff", 0 },
	{ "Ward 7 group", 0 },
	{ "Reyes/Chen", 0 },
};

START_TEST(test_owner)
{
	ck_assert_msg(!!owner_is_one_person(owners[_i].owner) == owners[_i].one,
	    "\"%s\": want %d", owners[_i].owner, owners[_i].one);
}
END_TEST

static Suite *
workflow_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("workflow");

	tc = tcase_create("states");
	tcase_add_loop_test(tc, test_state_names, 0, STATE__COUNT);
	tcase_add_loop_test(tc, test_state_unknown, 0, NELEM(bad_states));
	tcase_add_loop_test(tc, test_transition, 0,
	    STATE__COUNT * STATE__COUNT);
	tcase_add_loop_test(tc, test_next, 0, STATE__COUNT);
	tcase_add_test(tc, test_next_from_new);
	tcase_add_loop_test(tc, test_is_open, 0, STATE__COUNT);
	tcase_add_test(tc, test_open_states);
	tcase_add_loop_test(tc, test_reporter_status, 0, STATE__COUNT);
	suite_add_tcase(s, tc);

	tc = tcase_create("triage");
	tcase_add_loop_test(tc, test_sac_matrix, 0, 16);
	tcase_add_test(tc, test_sac_unknown);
	tcase_add_loop_test(tc, test_after_triage, 0, 12);
	suite_add_tcase(s, tc);

	tc = tcase_create("actions");
	tcase_add_loop_test(tc, test_action_names, 0, ACTION__COUNT);
	tcase_add_test(tc, test_action_unknown);
	tcase_add_loop_test(tc, test_action_transition, 0,
	    ACTION__COUNT * ACTION__COUNT);
	suite_add_tcase(s, tc);

	tc = tcase_create("rca2");
	tcase_add_loop_test(tc, test_negative_found, 0, NELEM(negative));
	tcase_add_loop_test(tc, test_negative_neutral, 0, NELEM(neutral));
	tcase_add_loop_test(tc, test_owner, 0, NELEM(owners));
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(workflow_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
