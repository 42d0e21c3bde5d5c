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
 * workflow-plan.c, through the plans alone: every move any plan makes is
 * one of the table's and every move of the table is some plan's; the RCA
 * required by SAC and sentinel; the deadlines at month ends, leap days
 * and the turn of a year; and the RCA's plan. check_workflow_close.c has
 * the actions, messages and the close rules.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* --- every move against the table --- */

/* DESIGN.md, "Workflow"; X -> X is no move. */
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

/* A plan's outcome: counted in reached when it moves or stays, its
 * error checked when it refuses. */
static void
outcome(const char *what, int rc, struct plan *p, const struct aer_error *err,
    enum state from, int reached[STATE__COUNT])
{
	if (rc == 0) {
		ck_assert_msg(p->from == from, "%s: from %s", what,
		    state_name(p->from));
		ck_assert_msg(p->change != NULL, "%s: no audit change", what);
		reached[p->to]++;
		workflow_plan_free(p);
		return;
	}
	ck_assert_msg(rc == -1, "%s: returned %d", what, rc);
	ck_assert_msg(p->change == NULL, "%s: refused with a change", what);
	ck_assert_msg(err->status == 409 || err->status == 422,
	    "%s: status %d", what, err->status);
}

static const char *const severities[] = {
	"catastrophic", "major", "moderate", "minor",
};
static const char *const probabilities[] = {
	"frequent", "occasional", "uncommon", "remote",
};

/* Every plan from state from, with every input that leads somewhere
 * different: where each leads. */
static void
reach(enum state from, int reached[STATE__COUNT])
{
	struct case_facts	 f;
	struct triage_in	 t;
	struct rca_in		 rca;
	struct action_in	 a;
	struct action_patch	 ap;
	struct close_in		 c;
	struct plan		 p;
	struct aer_error	 err;
	int			 i, k;

	memset(reached, 0, STATE__COUNT * sizeof(*reached));
	for (i = 0; i < 64; i++) {
		facts(&f, from);
		memset(&t, 0, sizeof(t));
		t.severity = severities[i / 16];
		t.probability = probabilities[i / 4 % 4];
		t.sentinel = i / 2 % 2;
		t.blameworthy = i % 2;
		t.retriage = from != STATE_NEW;
		outcome("triage", workflow_plan_triage(&f, &t, &p, &err), &p,
		    &err, from, reached);
	}
	for (i = 0; i < 4; i++) {
		facts(&f, from);
		f.has_rca = f.rca_complete = i / 2;
		memset(&rca, 0, sizeof(rca));
		rca.complete = i % 2;
		rca.nteam = rca.ncauses = 1;
		outcome("rca", workflow_plan_rca(&f, &rca, &p, &err), &p, &err,
		    from, reached);
	}
	for (i = 0; i < 2; i++) {
		facts(&f, from);
		f.has_rca = f.rca_complete = i;
		memset(&a, 0, sizeof(a));
		a.id = "a";
		a.strength = "stronger";
		a.owner = "A. Reyes";
		a.due = "2026-04-01";
		outcome("action add", workflow_plan_action_add(&f, &a, &p,
		    &err), &p, &err, from, reached);
	}
	for (i = 0; i < ACTION__COUNT * ACTION__COUNT; i++) {
		facts(&f, from);
		memset(&ap, 0, sizeof(ap));
		ap.id = "a";
		ap.from = (enum action_status)(i / ACTION__COUNT);
		ap.status = action_status_name((enum action_status)(i %
		    ACTION__COUNT));
		ap.reason = "no longer needed";
		outcome("action update", workflow_plan_action_update(&f, &ap,
		    &p, &err), &p, &err, from, reached);
	}
	for (i = 0; i < 2; i++) {
		facts(&f, from);
		outcome("message", workflow_plan_message(&f, i ? "reporter" :
		    "reviewer", &p, &err), &p, &err, from, reached);
	}
	for (k = 0; k < 2; k++) {
		facts(&f, from);
		f.actions[ACTION_EFFECTIVE] = (size_t)k;
		f.rca_required = f.has_rca = f.rca_complete = k;
		c.outcome = "Nothing to change.";
		c.rationale = NULL;
		outcome("close", workflow_plan_close(&f, &c, &p, &err), &p,
		    &err, from, reached);
	}
}

/* _i: each state a case can be in. */
START_TEST(test_moves)
{
	enum state	from = (enum state)_i;
	int		reached[STATE__COUNT], to;

	reach(from, reached);
	for (to = 0; to < STATE__COUNT; to++) {
		if (to == (int)from)
			continue;
		ck_assert_msg(!!reached[to] == moves[from][to], "%s -> %s: "
		    "%d plans make it, the table %s it", state_name(from),
		    state_name((enum state)to), reached[to], moves[from][to] ?
		    "has" : "has not");
	}
	/* Staying: the RCA edited, actions added and changed, messages,
	 * all while the case is open and in the state for them. */
	ck_assert_msg(!!reached[from] == workflow_is_open(from),
	    "%s -> %s: %d plans stay",
	    state_name(from), state_name(from), reached[from]);
}
END_TEST

/* The plans that leave a case where it is, and where they may. */
START_TEST(test_stays)
{
	struct case_facts	 f;
	struct rca_in		 rca = { .nteam = 1, .ncauses = 1 };
	struct action_in	 a = { .id = "a", .strength = "weaker",
				    .owner = "A. Reyes", .due = TODAY };
	struct action_patch	 ap = { .id = "a", .from = ACTION_OPEN,
				    .status = "done" };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, STATE_INVESTIGATING);
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_INVESTIGATING);
	workflow_plan_free(&p);
	facts(&f, STATE_ACTIONS);
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_ACTIONS);
	workflow_plan_free(&p);
	ck_assert_int_eq(workflow_plan_action_add(&f, &a, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_ACTIONS);
	workflow_plan_free(&p);
	ck_assert_int_eq(workflow_plan_action_update(&f, &ap, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_ACTIONS);
	ck_assert_int_eq(p.action_from, ACTION_OPEN);
	ck_assert_int_eq(p.action_to, ACTION_DONE);
	workflow_plan_free(&p);
	facts(&f, STATE_NEW);
	ck_assert_int_eq(workflow_plan_message(&f, "reviewer", &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_NEW);
	workflow_plan_free(&p);
}
END_TEST

/* --- triage --- */

static const int sac_matrix[4][4] = {
	{ 3, 3, 3, 3 },
	{ 3, 2, 2, 2 },
	{ 2, 1, 1, 1 },
	{ 1, 1, 1, 1 },
};

/* _i: severity, probability, sentinel, blameworthy. An RCA is required
 * by SAC 3 or a sentinel event, and only then are its deadlines set. */
START_TEST(test_rca_required)
{
	struct case_facts	 f;
	struct triage_in	 t = { .note = NULL };
	struct plan		 p;
	struct aer_error	 err;
	int			 sac = sac_matrix[_i / 16][_i / 4 % 4];
	int			 rca;
	enum state		 want;

	t.severity = severities[_i / 16];
	t.probability = probabilities[_i / 4 % 4];
	t.sentinel = _i / 2 % 2;
	t.blameworthy = _i % 2;
	rca = sac == 3 || t.sentinel;
	want = t.blameworthy ? STATE_REFERRED : rca ? STATE_INVESTIGATING :
	    STATE_TRIAGED;
	facts(&f, STATE_NEW);
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), 0);
	ck_assert_int_eq(p.sac, sac);
	ck_assert_int_eq(!!p.rca_required, rca);
	ck_assert_msg(p.to == want, "%s x %s, sentinel %d, blameworthy %d: "
	    "%s, want %s", t.severity, t.probability, t.sentinel,
	    t.blameworthy, state_name(p.to), state_name(want));
	if (want == STATE_INVESTIGATING) {
		ck_assert_str_eq(p.rca_start_due, "2026-03-18");
		ck_assert_str_eq(p.rca_due, "2026-04-29");
	} else {
		ck_assert_str_eq(p.rca_start_due, "");
		ck_assert_str_eq(p.rca_due, "");
	}
	workflow_plan_free(&p);
}
END_TEST

START_TEST(test_triage_change)
{
	struct case_facts	 f;
	struct triage_in	 t = { "major", "frequent", 0, 0, "note", 0 };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, STATE_NEW);
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), 0);
	ck_assert_str_eq(p.change, "{\"action\":\"triage\","
	    "\"blameworthy\":false,\"from\":\"new\",\"probability\":"
	    "\"frequent\",\"sac_score\":3,\"sentinel\":false,\"severity\":"
	    "\"major\",\"to\":\"investigating\"}");
	workflow_plan_free(&p);
}
END_TEST

/*
 * A second triage is refused unless it says it corrects the first; a
 * correction only while triaged or investigating with no RCA or action
 * recorded; and it keeps the score it replaces in the audit.
 */
START_TEST(test_triage_once)
{
	struct case_facts	 f;
	struct triage_in	 t = { "catastrophic", "remote", 1, 0, NULL, 0 };
	struct plan		 p;
	struct aer_error	 err;
	int			 s;

	for (s = STATE_TRIAGED; s < STATE__COUNT; s++) {
		facts(&f, (enum state)s);
		f.sac = 1;
		ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), -1);
		assert_error(state_name((enum state)s), &err,
		    AER_ERR_TRANSITION, s == STATE_TRIAGED ||
		    s == STATE_INVESTIGATING ? "retriage" : "");
		t.sentinel = !t.sentinel;
	}
	facts(&f, STATE_TRIAGED);
	t.sentinel = 1;
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.message, "already triaged"));
	/* A new case has nothing to correct. */
	facts(&f, STATE_NEW);
	t.retriage = 1;
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), -1);
	assert_error("new", &err, AER_ERR_INVALID, "retriage");
}
END_TEST

START_TEST(test_retriage)
{
	struct case_facts	 f;
	struct triage_in	 t = { "minor", "remote", 0, 0, NULL, 1 };
	struct plan		 p;
	struct aer_error	 err;

	/* SAC 3 by mistake: back to triaged, the RCA's deadlines gone. */
	facts(&f, STATE_INVESTIGATING);
	f.sac = 3;
	f.rca_required = 1;
	snprintf(f.rca_start_due, sizeof(f.rca_start_due), "2026-03-18");
	snprintf(f.rca_due, sizeof(f.rca_due), "2026-04-29");
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_TRIAGED);
	ck_assert_int_eq(p.sac, 1);
	ck_assert_int_eq(p.rca_required, 0);
	ck_assert_str_eq(p.rca_start_due, "");
	ck_assert_str_eq(p.rca_due, "");
	ck_assert_str_eq(p.change, "{\"action\":\"retriage\","
	    "\"blameworthy\":false,\"from\":\"investigating\","
	    "\"previous_sac_score\":3,\"previous_sentinel\":false,"
	    "\"probability\":\"remote\",\"sac_score\":1,"
	    "\"sentinel\":false,\"severity\":\"minor\","
	    "\"to\":\"triaged\"}");
	workflow_plan_free(&p);

	/* Still an RCA: the deadlines it had stay. */
	t.severity = "catastrophic";
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_INVESTIGATING);
	ck_assert_str_eq(p.rca_due, "2026-04-29");
	workflow_plan_free(&p);

	/* From triaged up to an RCA: deadlines from today. */
	facts(&f, STATE_TRIAGED);
	f.sac = 1;
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_INVESTIGATING);
	ck_assert_str_eq(p.rca_start_due, "2026-03-18");
	ck_assert_str_eq(p.rca_due, "2026-04-29");
	workflow_plan_free(&p);

	/* Once an RCA or an action rests on the score, it stands. */
	f.has_rca = 1;
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), -1);
	assert_error("rca", &err, AER_ERR_TRANSITION, "");
	ck_assert_ptr_nonnull(strstr(err.message, "RCA"));
	facts(&f, STATE_TRIAGED);
	f.actions[ACTION_WITHDRAWN] = 1;
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), -1);
	assert_error("actions", &err, AER_ERR_TRANSITION, "");
}
END_TEST

/* --- deadlines --- */

/* Triage on a day: the RCA's start (hours, rounded up to days) and end. */
static const struct {
	const char	*today;
	int		 start_hours, days;
	const char	*start, *due;
} triage_dues[] = {
	{ "2028-02-28", 24, 1, "2028-02-29", "2028-02-29" },	/* leap */
	{ "2028-02-28", 72, 45, "2028-03-02", "2028-04-13" },
	{ "2028-02-29", 24, 1, "2028-03-01", "2028-03-01" },
	{ "2027-02-28", 24, 1, "2027-03-01", "2027-03-01" },	/* no leap */
	{ "2026-12-31", 24, 45, "2027-01-01", "2027-02-14" },	/* new year */
	{ "2026-12-30", 72, 2, "2027-01-02", "2027-01-01" },
	{ "2026-01-31", 1, 30, "2026-02-01", "2026-03-02" },	/* 1 h: a day */
	{ "2026-03-15", 0, 0, "2026-03-15", "2026-03-15" },
	{ "2026-03-15", 25, 45, "2026-03-17", "2026-04-29" },
	{ "2026-03-15", 48, 365, "2026-03-17", "2027-03-15" },
};

START_TEST(test_triage_dues)
{
	struct case_facts	 f;
	struct triage_in	 t = { "catastrophic", "remote", 0, 0, NULL, 0 };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, STATE_NEW);
	f.today = triage_dues[_i].today;
	f.dl.rca_start_hours = triage_dues[_i].start_hours;
	f.dl.rca_days = triage_dues[_i].days;
	ck_assert_int_eq(workflow_plan_triage(&f, &t, &p, &err), 0);
	ck_assert_str_eq(p.rca_start_due, triage_dues[_i].start);
	ck_assert_str_eq(p.rca_due, triage_dues[_i].due);
	workflow_plan_free(&p);
}
END_TEST

/* Filing: triage days after receipt, feedback calendar months after,
 * clamped to the end of a shorter month. */
static const struct {
	const char	*received;
	int		 days, months;
	const char	*triage, *feedback;
} filing_dues[] = {
	{ "2027-01-31", 7, 1, "2027-02-07", "2027-02-28" },
	{ "2028-01-31", 7, 1, "2028-02-07", "2028-02-29" },	/* leap */
	{ "2028-02-29", 1, 12, "2028-03-01", "2029-02-28" },
	{ "2026-12-31", 1, 3, "2027-01-01", "2027-03-31" },	/* new year */
	{ "2026-12-28", 7, 3, "2027-01-04", "2027-03-28" },
	{ "2026-11-30", 7, 3, "2026-12-07", "2027-02-28" },
	{ "2026-08-31", 7, 1, "2026-09-07", "2026-09-30" },
	{ "2026-10-31", 61, 13, "2026-12-31", "2027-11-30" },
};

START_TEST(test_filing_dues)
{
	struct deadlines	dl = { 0, 72, 45, 0 };
	char			triage[DAY_LEN], feedback[DAY_LEN];

	dl.triage_days = filing_dues[_i].days;
	dl.feedback_months = filing_dues[_i].months;
	ck_assert_int_eq(workflow_plan_filing(filing_dues[_i].received, &dl,
	    triage, feedback), 0);
	ck_assert_str_eq(triage, filing_dues[_i].triage);
	ck_assert_str_eq(feedback, filing_dues[_i].feedback);
}
END_TEST

START_TEST(test_filing_bad_day)
{
	struct deadlines	dl = { 7, 72, 45, 3 };
	char			triage[DAY_LEN], feedback[DAY_LEN];

	ck_assert_int_eq(workflow_plan_filing("2026-02-30", &dl, triage,
	    feedback), -1);
	ck_assert_int_eq(workflow_plan_filing("9999-12-31", &dl, triage,
	    feedback), -1);
}
END_TEST

/* --- the RCA --- */

/* Begun by choice from triaged: from today, unless triage set them. */
START_TEST(test_rca_by_choice)
{
	struct case_facts	 f;
	struct rca_in		 rca = { .nteam = 2, .ntimeline = 1,
				    .ncauses = 3 };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, STATE_TRIAGED);
	f.today = "2026-12-31";
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_INVESTIGATING);
	ck_assert_str_eq(p.rca_start_due, "2026-12-31");
	ck_assert_str_eq(p.rca_due, "2027-02-14");
	ck_assert_str_eq(p.change, "{\"action\":\"rca\",\"causes\":3,"
	    "\"complete\":false,\"from\":\"triaged\",\"team\":2,"
	    "\"timeline\":1,\"to\":\"investigating\"}");
	workflow_plan_free(&p);

	snprintf(f.rca_due, sizeof(f.rca_due), "2027-01-10");
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), 0);
	ck_assert_str_eq(p.rca_start_due, "2026-12-31");
	ck_assert_str_eq(p.rca_due, "2027-01-10");
	workflow_plan_free(&p);

	/* Edited later, its deadlines stay as they were. */
	facts(&f, STATE_INVESTIGATING);
	snprintf(f.rca_start_due, sizeof(f.rca_start_due), "2026-03-01");
	snprintf(f.rca_due, sizeof(f.rca_due), "2026-04-01");
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), 0);
	ck_assert_str_eq(p.rca_start_due, "2026-03-01");
	ck_assert_str_eq(p.rca_due, "2026-04-01");
	workflow_plan_free(&p);
}
END_TEST

/* A complete RCA names its team and a cause; that is asked first. */
START_TEST(test_rca_refused)
{
	struct case_facts	 f;
	struct rca_in		 rca = { .complete = 1, .nteam = 1 };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, STATE_CLOSED);
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), -1);
	assert_error("no causes", &err, AER_ERR_INVALID, "causes");
	rca.nteam = 0;
	rca.ncauses = 1;
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), -1);
	assert_error("no team", &err, AER_ERR_INVALID, "team");
	rca.nteam = 1;
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), -1);
	assert_error("closed", &err, AER_ERR_TRANSITION, "");
	ck_assert_ptr_nonnull(strstr(err.message, "cannot record an RCA: "
	    "the case is closed"));
	facts(&f, STATE_NEW);
	ck_assert_int_eq(workflow_plan_rca(&f, &rca, &p, &err), -1);
	assert_error("new", &err, AER_ERR_TRANSITION, "");
	ck_assert_ptr_nonnull(strstr(err.message, "may move only to "
	    "triaged, investigating, referred"));
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("workflow-plan");

	tc = tcase_create("moves");
	tcase_add_loop_test(tc, test_moves, 0, STATE__COUNT);
	tcase_add_test(tc, test_stays);
	suite_add_tcase(s, tc);

	tc = tcase_create("triage");
	tcase_add_loop_test(tc, test_rca_required, 0, 64);
	tcase_add_test(tc, test_triage_change);
	tcase_add_test(tc, test_triage_once);
	tcase_add_test(tc, test_retriage);
	suite_add_tcase(s, tc);

	tc = tcase_create("deadlines");
	tcase_add_loop_test(tc, test_triage_dues, 0, NELEM(triage_dues));
	tcase_add_loop_test(tc, test_filing_dues, 0, NELEM(filing_dues));
	tcase_add_test(tc, test_filing_bad_day);
	tcase_add_test(tc, test_rca_by_choice);
	suite_add_tcase(s, tc);

	tc = tcase_create("rca");
	tcase_add_test(tc, test_rca_refused);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(plan_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
