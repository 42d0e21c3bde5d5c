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
 * workflow-plan.c's plans for corrective actions, messages and closing:
 * what each refuses, with the code and field a person acts on, and the
 * close rules of DESIGN.md's workflow and RCA² discipline, each alone.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* --- corrective actions --- */

/* Adding one: owner and due first, then where the case stands. */
static const struct {
	const char	*what;
	enum state	 state;
	int		 rca_complete;
	const char	*owner, *due;
	const char	*code, *field;	/* NULL: added */
} adds[] = {
	{ "from triaged", STATE_TRIAGED, 0, "A. Reyes", TODAY, NULL, NULL },
	{ "rca complete", STATE_INVESTIGATING, 1, "A. Reyes", "2026-04-01",
	    NULL, NULL },
	{ "in actions", STATE_ACTIONS, 1, "A. Reyes", TODAY, NULL, NULL },
	{ "rca incomplete", STATE_INVESTIGATING, 0, "A. Reyes", TODAY,
	    AER_ERR_TRANSITION, "" },
	{ "new", STATE_NEW, 0, "A. Reyes", TODAY, AER_ERR_TRANSITION, "" },
	{ "closed", STATE_CLOSED, 1, "A. Reyes", TODAY, AER_ERR_TRANSITION,
	    "" },
	{ "referred", STATE_REFERRED, 0, "A. Reyes", TODAY,
	    AER_ERR_TRANSITION, "" },
	{ "a committee", STATE_ACTIONS, 1, "Safety Committee", TODAY,
	    AER_ERR_INVALID, "owner" },
	{ "a committee, closed", STATE_CLOSED, 1, "A. Reyes and B. Chen",
	    TODAY, AER_ERR_INVALID, "owner" },
	{ "due yesterday", STATE_ACTIONS, 1, "A. Reyes", "2026-03-14",
	    AER_ERR_INVALID, "due" },
};

START_TEST(test_action_add)
{
	struct case_facts	 f;
	struct action_in	 a = { .id = "0a1b", .strength = "weaker" };
	struct plan		 p;
	struct aer_error	 err;
	char			 want[256];

	facts(&f, adds[_i].state);
	f.has_rca = f.rca_complete = adds[_i].rca_complete;
	a.owner = adds[_i].owner;
	a.due = adds[_i].due;
	if (adds[_i].code != NULL) {
		ck_assert_int_eq(workflow_plan_action_add(&f, &a, &p, &err),
		    -1);
		assert_error(adds[_i].what, &err, adds[_i].code,
		    adds[_i].field);
		return;
	}
	ck_assert_int_eq(workflow_plan_action_add(&f, &a, &p, &err), 0);
	ck_assert_int_eq(p.to, STATE_ACTIONS);
	snprintf(want, sizeof(want), "{\"action\":\"action_add\",\"due\":"
	    "\"%s\",\"from\":\"%s\",\"id\":\"0a1b\",\"owner\":\"A. Reyes\","
	    "\"strength\":\"weaker\",\"to\":\"actions\"}", a.due,
	    state_name(adds[_i].state));
	ck_assert_str_eq(p.change, want);
	workflow_plan_free(&p);
}
END_TEST

/* Changing one: the status is known, something is asked, the case is in
 * actions, the action's own table allows it, a withdrawal says why. */
static const struct {
	const char		*what;
	enum state		 state;
	enum action_status	 from;
	const char		*status, *note, *reason;
	const char		*code, *field;	/* NULL: changed */
} patches[] = {
	{ "done", STATE_ACTIONS, ACTION_OPEN, "done", NULL, NULL, NULL,
	    NULL },
	{ "a note only", STATE_ACTIONS, ACTION_DONE, NULL, "halfway", NULL,
	    NULL, NULL },
	{ "withdrawn", STATE_ACTIONS, ACTION_DONE, "withdrawn", NULL,
	    "superseded", NULL, NULL },
	{ "ineffective", STATE_ACTIONS, ACTION_DONE, "verified_ineffective",
	    NULL, NULL, NULL, NULL },
	{ "unknown status", STATE_CLOSED, ACTION_OPEN, "finished", NULL,
	    NULL, AER_ERR_INVALID, "status" },
	{ "nothing asked", STATE_CLOSED, ACTION_OPEN, NULL, NULL, NULL,
	    AER_ERR_MISSING, "status" },
	{ "case closed", STATE_CLOSED, ACTION_OPEN, "done", NULL, NULL,
	    AER_ERR_TRANSITION, "" },
	{ "case investigating", STATE_INVESTIGATING, ACTION_OPEN, NULL,
	    "a note", NULL, AER_ERR_TRANSITION, "" },
	{ "open to verified", STATE_ACTIONS, ACTION_OPEN,
	    "verified_effective", NULL, NULL, AER_ERR_TRANSITION, "status" },
	{ "verified back to open", STATE_ACTIONS, ACTION_EFFECTIVE, "open",
	    NULL, NULL, AER_ERR_TRANSITION, "status" },
	{ "withdrawn, no reason", STATE_ACTIONS, ACTION_OPEN, "withdrawn",
	    "gone", NULL, AER_ERR_MISSING, "reason" },
};

START_TEST(test_action_update)
{
	struct case_facts	 f;
	struct action_patch	 a = { .id = "0a1b" };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, patches[_i].state);
	a.from = patches[_i].from;
	a.status = patches[_i].status;
	a.note = patches[_i].note;
	a.reason = patches[_i].reason;
	if (patches[_i].code != NULL) {
		ck_assert_int_eq(workflow_plan_action_update(&f, &a, &p,
		    &err), -1);
		assert_error(patches[_i].what, &err, patches[_i].code,
		    patches[_i].field);
		return;
	}
	ck_assert_int_eq(workflow_plan_action_update(&f, &a, &p, &err), 0);
	ck_assert_int_eq(p.from, STATE_ACTIONS);
	ck_assert_int_eq(p.to, STATE_ACTIONS);
	ck_assert_int_eq(p.action_from, a.from);
	ck_assert_str_eq(action_status_name(p.action_to), a.status ? a.status :
	    action_status_name(a.from));
	ck_assert_ptr_nonnull(strstr(p.change, "\"action\":"
	    "\"action_update\""));
	workflow_plan_free(&p);
}
END_TEST

START_TEST(test_action_update_change)
{
	struct case_facts	 f;
	struct action_patch	 a = { "0a1b", ACTION_OPEN, "done", "in place",
				    NULL };
	struct plan		 p;
	struct aer_error	 err;

	facts(&f, STATE_ACTIONS);
	ck_assert_int_eq(workflow_plan_action_update(&f, &a, &p, &err), 0);
	ck_assert_str_eq(p.change, "{\"action\":\"action_update\",\"from\":"
	    "\"open\",\"id\":\"0a1b\",\"note\":\"in place\",\"reason\":null,"
	    "\"to\":\"done\"}");
	workflow_plan_free(&p);
}
END_TEST

/* --- messages --- */

/* _i: each state; a reviewer's refusal names the moves, a reporter's
 * the status the reporter sees. */
START_TEST(test_message)
{
	struct case_facts	 f;
	struct plan		 p;
	struct aer_error	 err;
	enum state		 s = (enum state)_i;
	char			 want[64];

	facts(&f, s);
	if (workflow_is_open(s)) {
		ck_assert_int_eq(workflow_plan_message(&f, "reporter", &p,
		    &err), 0);
		ck_assert_int_eq(p.to, s);
		ck_assert_str_eq(p.change, "{\"action\":\"message\",\"from\":"
		    "\"reporter\"}");
		workflow_plan_free(&p);
		return;
	}
	ck_assert_int_eq(workflow_plan_message(&f, "reviewer", &p, &err), -1);
	assert_error("reviewer", &err, AER_ERR_TRANSITION, "");
	ck_assert_ptr_nonnull(strstr(err.message, "cannot send a message"));
	ck_assert_int_eq(workflow_plan_message(&f, "reporter", &p, &err), -1);
	assert_error("reporter", &err, AER_ERR_TRANSITION, "");
	snprintf(want, sizeof(want), "this report is %s; it takes no more "
	    "messages", state_name(s));
	ck_assert_str_eq(err.message, want);
}
END_TEST

/* --- closing a case --- */

/* The field is not checked. */
#define ANY_FIELD	((const char *)-1)

/* What the close rules looked at before the plans: the rows below. */
struct close_row {
	enum state	state;
	int		rca_required;
	int		rca_complete;
	int		has_outcome;
	int		has_rationale;
	size_t		actions;	/* all of them */
	size_t		pending;	/* open or done */
	size_t		effective;
	size_t		ineffective;
	size_t		withdrawn;
	size_t		weaker;		/* weaker and not withdrawn */
};

struct close_case {
	const char		*what;
	struct close_row	 f;
	int			 status;	/* 0: closing is allowed */
	const char		*code;
	const char		*field;
};

/* Fields: state, rca_required, rca_complete, has_outcome, has_rationale,
 * actions, pending, effective, ineffective, withdrawn, weaker. */
static const struct close_case refused[] = {
	/* 1. only from triaged or actions */
	{ "from new", { STATE_NEW, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0 },
	    409, "invalid_transition", NULL },
	{ "from investigating",
	    { STATE_INVESTIGATING, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0 },
	    409, "invalid_transition", NULL },
	{ "from referred", { STATE_REFERRED, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0 },
	    409, "invalid_transition", NULL },
	{ "from closed", { STATE_CLOSED, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0 },
	    409, "invalid_transition", NULL },
	{ "from new, no outcome (state first)",
	    { STATE_NEW, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1 },
	    409, "invalid_transition", NULL },
	/* 2. an outcome for the reporter */
	{ "no outcome", { STATE_TRIAGED, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 },
	    422, "missing_field", "outcome" },
	{ "no outcome, pending (outcome first)",
	    { STATE_ACTIONS, 1, 0, 0, 0, 2, 2, 0, 0, 0, 2 },
	    422, "missing_field", "outcome" },
	/* 3. nothing open or done but unverified */
	{ "one open", { STATE_ACTIONS, 0, 0, 1, 1, 2, 1, 1, 0, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	{ "all pending", { STATE_ACTIONS, 0, 0, 1, 1, 3, 3, 0, 0, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	/* 4. a required RCA is complete */
	{ "rca incomplete", { STATE_ACTIONS, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	{ "rca incomplete, from triaged",
	    { STATE_TRIAGED, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	/* 5. a required RCA led to an effective action */
	{ "rca, no actions", { STATE_ACTIONS, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	{ "rca, all withdrawn",
	    { STATE_ACTIONS, 1, 1, 1, 1, 2, 0, 0, 0, 2, 0 },
	    409, "close_refused", ANY_FIELD },
	{ "rca, only ineffective",
	    { STATE_ACTIONS, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	/* 6. an ineffective action is answered by an effective one */
	{ "ineffective alone", { STATE_ACTIONS, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0 },
	    409, "close_refused", ANY_FIELD },
	{ "ineffective and withdrawn",
	    { STATE_ACTIONS, 0, 0, 1, 1, 3, 0, 0, 2, 1, 0 },
	    409, "close_refused", ANY_FIELD },
	/* 7. only weaker actions standing needs a rationale */
	{ "all weaker", { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 2, 0, 0, 2 },
	    409, "close_refused", "rationale" },
	{ "weaker and withdrawn",
	    { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 1, 0, 1, 1 },
	    409, "close_refused", "rationale" },
	{ "one weaker", { STATE_ACTIONS, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1 },
	    409, "close_refused", "rationale" },
};

static const struct close_case allowed[] = {
	/* 1, 2: triaged, trend only, outcome written */
	{ "triaged, no actions",
	    { STATE_TRIAGED, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, 0, NULL, NULL },
	{ "actions, all effective",
	    { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 2, 0, 0, 0 }, 0, NULL, NULL },
	/* 3: withdrawn and verified actions are not pending */
	{ "effective and withdrawn",
	    { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 1, 0, 1, 0 }, 0, NULL, NULL },
	{ "all withdrawn", { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 0, 0, 2, 0 },
	    0, NULL, NULL },
	/* 4, 5: an incomplete RCA matters only when it is required */
	{ "rca complete, one effective",
	    { STATE_ACTIONS, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0 }, 0, NULL, NULL },
	{ "rca not required nor complete",
	    { STATE_ACTIONS, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0 }, 0, NULL, NULL },
	{ "rca, effective among ineffective",
	    { STATE_ACTIONS, 1, 1, 1, 0, 3, 0, 1, 1, 1, 0 }, 0, NULL, NULL },
	/* 6: one effective answers the ineffective */
	{ "ineffective and effective",
	    { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 1, 1, 0, 0 }, 0, NULL, NULL },
	/* 7 */
	{ "all weaker, rationale",
	    { STATE_ACTIONS, 0, 0, 1, 1, 2, 0, 2, 0, 0, 2 }, 0, NULL, NULL },
	{ "one stronger standing",
	    { STATE_ACTIONS, 0, 0, 1, 0, 2, 0, 2, 0, 0, 1 }, 0, NULL, NULL },
	{ "weaker, stronger, withdrawn",
	    { STATE_ACTIONS, 0, 0, 1, 0, 3, 0, 2, 0, 1, 1 }, 0, NULL, NULL },
	{ "rca, all weaker, rationale",
	    { STATE_ACTIONS, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1 }, 0, NULL, NULL },
};

/*
 * The facts a row stands for: its pending actions split between open and
 * done, its weaker ones spread over the statuses that stand.
 */
static void
close_facts(const struct close_row *row, struct case_facts *f,
    struct close_in *in)
{
	static const enum action_status standing[] = { ACTION_EFFECTIVE,
	    ACTION_OPEN, ACTION_DONE, ACTION_INEFFECTIVE };
	size_t	weaker = row->weaker, take;
	int	i;

	facts(f, row->state);
	f->rca_required = row->rca_required;
	f->rca_complete = f->has_rca = row->rca_complete;
	f->actions[ACTION_OPEN] = row->pending - row->pending / 2;
	f->actions[ACTION_DONE] = row->pending / 2;
	f->actions[ACTION_EFFECTIVE] = row->effective;
	f->actions[ACTION_INEFFECTIVE] = row->ineffective;
	f->actions[ACTION_WITHDRAWN] = row->withdrawn;
	ck_assert_uint_eq(row->actions, row->pending + row->effective +
	    row->ineffective + row->withdrawn);
	for (i = 0; i < NELEM(standing) && weaker > 0; i++) {
		take = f->actions[standing[i]] < weaker ?
		    f->actions[standing[i]] : weaker;
		f->weaker[standing[i]] = take;
		weaker -= take;
	}
	ck_assert_uint_eq(weaker, 0);
	f->weaker[ACTION_WITHDRAWN] = row->withdrawn;	/* never counted */
	in->outcome = row->has_outcome ? "We changed the drawers." : NULL;
	in->rationale = row->has_rationale ? "A forcing function costs "
	    "more than the risk." : NULL;
}

START_TEST(test_close_refused)
{
	const struct close_case	*c = &refused[_i];
	struct case_facts	 f;
	struct close_in		 in;
	struct plan		 p;
	struct aer_error	 err;

	close_facts(&c->f, &f, &in);
	memset(&err, 0, sizeof(err));
	err.field = ANY_FIELD;
	ck_assert_msg(workflow_plan_close(&f, &in, &p, &err) == -1,
	    "%s: allowed", c->what);
	ck_assert_ptr_null(p.change);
	ck_assert_msg(err.status == c->status, "%s: status %d, want %d",
	    c->what, err.status, c->status);
	ck_assert_ptr_nonnull(err.code);
	ck_assert_msg(strcmp(err.code, c->code) == 0, "%s: code %s, want %s",
	    c->what, err.code, c->code);
	if (c->field == NULL)
		ck_assert_msg(err.field == NULL, "%s: field set", c->what);
	else if (c->field != ANY_FIELD) {
		ck_assert_msg(err.field != NULL && err.field != ANY_FIELD,
		    "%s: no field", c->what);
		ck_assert_str_eq(err.field, c->field);
	}
	ck_assert_msg(err.message[0] != '\0', "%s: no message", c->what);
	ck_assert_ptr_nonnull(memchr(err.message, '\0', sizeof(err.message)));
}
END_TEST

START_TEST(test_close_allowed)
{
	const struct close_case	*c = &allowed[_i];
	struct case_facts	 f;
	struct close_in		 in;
	struct plan		 p;
	struct aer_error	 err;
	char			 want[128];

	close_facts(&c->f, &f, &in);
	memset(&err, 0, sizeof(err));
	ck_assert_msg(workflow_plan_close(&f, &in, &p, &err) == 0, "%s: "
	    "refused: %d %s %s", c->what, err.status, err.code ? err.code :
	    "-", err.message);
	ck_assert_int_eq(p.from, c->f.state);
	ck_assert_int_eq(p.to, STATE_CLOSED);
	snprintf(want, sizeof(want), "{\"action\":\"close\",\"from\":\"%s\","
	    "\"rationale\":%s,\"to\":\"closed\"}", state_name(c->f.state),
	    c->f.has_rationale ? "true" : "false");
	ck_assert_str_eq(p.change, want);
	workflow_plan_free(&p);
	ck_assert_ptr_null(p.change);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("workflow-close");

	tc = tcase_create("actions");
	tcase_add_loop_test(tc, test_action_add, 0, NELEM(adds));
	tcase_add_loop_test(tc, test_action_update, 0, NELEM(patches));
	tcase_add_test(tc, test_action_update_change);
	suite_add_tcase(s, tc);

	tc = tcase_create("messages");
	tcase_add_loop_test(tc, test_message, 0, STATE__COUNT);
	suite_add_tcase(s, tc);

	tc = tcase_create("close");
	tcase_add_loop_test(tc, test_close_refused, 0, NELEM(refused));
	tcase_add_loop_test(tc, test_close_allowed, 0, NELEM(allowed));
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
