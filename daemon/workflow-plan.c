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
 * What each step does to a case. A plan takes the facts of the case (one
 * read of the store) and what was asked, and decides the move, through
 * the one table of workflow.c; the deadlines the case has after it; and
 * the change its audit entry records. Or it refuses, with an error a
 * person can act on. Handlers parse and reply, the store writes what was
 * decided, and neither decides a state. Pure: no HTTP, no SQL, nothing
 * read from the configuration but what the facts carry.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aerd.h"

/* A plan that changes nothing yet: the case as it stands. */
static void
plan_start(const struct case_facts *f, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->from = p->to = f->state;
	p->sac = f->sac;
	p->rca_required = f->rca_required;
	memcpy(p->rca_start_due, f->rca_start_due, DAY_LEN);
	memcpy(p->rca_due, f->rca_due, DAY_LEN);
}

/* The audit entry's change: compact JSON text of change (stolen). */
static int
plan_change(struct plan *p, json_t *change, struct aer_error *err)
{
	p->change = change == NULL ? NULL : json_dumps(change,
	    JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(change);
	if (p->change != NULL)
		return 0;
	aer_error_set(err, AER_ERR_UNAVAILABLE, NULL, "aerd could not "
	    "record the change; nothing was changed, try again");
	return -1;
}

void
workflow_plan_free(struct plan *p)
{
	free(p->change);
	p->change = NULL;
}

/* days after today, or an error (a year past 9999). */
static int
due_after(const char *today, int days, char out[DAY_LEN],
    struct aer_error *err)
{
	if (day_add_days(today, days, out) == 0)
		return 0;
	aer_error_set(err, AER_ERR_INTERNAL, NULL, "aerd cannot set a "
	    "deadline %d days after %s; nothing was changed", days, today);
	return -1;
}

/* A report's first deadlines: triage, and feedback to the reporter. */
int
workflow_plan_filing(const char *received, const struct deadlines *dl,
    char triage_due[DAY_LEN], char feedback_due[DAY_LEN])
{
	if (day_add_days(received, dl->triage_days, triage_due) == -1 ||
	    day_add_months(received, dl->feedback_months, feedback_due) == -1)
		return -1;
	return 0;
}

/*
 * Correcting a triage (retriage): allowed while the triage has led to
 * nothing yet, that is while the case is triaged or investigating with
 * no RCA recorded and no action planned. Past that point the RCA and
 * the actions stand on the score, and changing it would rewrite what
 * they answered. The audit entry keeps the score it replaces.
 */
static int
retriage_ok(const struct case_facts *f, const struct triage_in *t,
    struct aer_error *err)
{
	size_t	s, n = 0;

	for (s = 0; s < ACTION__COUNT; s++)
		n += f->actions[s];
	if (f->state == STATE_NEW) {
		if (!t->retriage)
			return 0;
		aer_error_set(err, AER_ERR_INVALID, "retriage", "the case "
		    "is new and has no triage to correct; triage it without "
		    "retriage");
		return -1;
	}
	if (f->state != STATE_TRIAGED && f->state != STATE_INVESTIGATING) {
		aer_error_set(err, AER_ERR_TRANSITION, NULL, "cannot triage: "
		    "the case is %s; a triage can be corrected only while "
		    "the case is triaged or investigating",
		    state_name(f->state));
		return -1;
	}
	if (!t->retriage) {
		aer_error_set(err, AER_ERR_TRANSITION, "retriage", "the case "
		    "is already triaged (SAC %d, %s); to correct its triage "
		    "send retriage: true", f->sac, state_name(f->state));
		return -1;
	}
	if (f->has_rca || n > 0) {
		aer_error_set(err, AER_ERR_TRANSITION, NULL, "cannot correct "
		    "the triage: %s recorded on the score it gave",
		    f->has_rca ? "an RCA is already" : "actions are already");
		return -1;
	}
	return 0;
}

/* The audit entry of a triage; a retriage's keeps the score it replaces. */
static int
plan_triage_change(const struct case_facts *f, const struct triage_in *t,
    struct plan *p, int again, struct aer_error *err)
{
	json_t	*change;

	change = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:b}",
	    "action", again ? "retriage" : "triage", "from",
	    state_name(p->from), "to", state_name(p->to), "severity",
	    t->severity, "probability", t->probability, "sac_score", p->sac,
	    "sentinel", t->sentinel, "blameworthy", t->blameworthy);
	if (again && change != NULL) {
		json_object_set_new(change, "previous_sac_score",
		    json_integer(f->sac));
		json_object_set_new(change, "previous_sentinel",
		    json_boolean(f->sentinel));
	}
	return plan_change(p, change, err);
}

/*
 * Triage: the SAC score, and with the sentinel and blameworthy flags the
 * next state. An RCA required starts within rca_start_hours (whole days,
 * rounded up) and is done within rca_days. A retriage (retriage_ok)
 * moves the case as the new score says; an RCA still required keeps
 * the deadlines it had.
 */
int
workflow_plan_triage(const struct case_facts *f, const struct triage_in *t,
    struct plan *p, struct aer_error *err)
{
	int	again = f->state != STATE_NEW;

	plan_start(f, p);
	if (retriage_ok(f, t, err) == -1)
		return -1;
	p->sac = sac_score(t->severity, t->probability);
	p->rca_required = workflow_rca_required(p->sac, t->sentinel);
	p->to = workflow_after_triage(p->sac, t->sentinel, t->blameworthy);
	if (p->to != p->from && !workflow_allowed(p->from, p->to)) {
		workflow_refuse(err, p->from, "triage");
		return -1;
	}
	if (p->to == STATE_INVESTIGATING && p->from == STATE_INVESTIGATING)
		return plan_triage_change(f, t, p, again, err);
	p->rca_start_due[0] = p->rca_due[0] = '\0';
	if (p->to == STATE_INVESTIGATING && (due_after(f->today,
	    (f->dl.rca_start_hours + 23) / 24, p->rca_start_due, err) == -1 ||
	    due_after(f->today, f->dl.rca_days, p->rca_due, err) == -1))
		return -1;
	return plan_triage_change(f, t, p, again, err);
}

/*
 * The RCA, replaced whole. From triaged it begins by choice, with
 * deadlines from today unless triage set them; while the case is
 * investigating or in actions it is edited.
 */
int
workflow_plan_rca(const struct case_facts *f, const struct rca_in *in,
    struct plan *p, struct aer_error *err)
{
	plan_start(f, p);
	if (in->complete && (in->nteam == 0 || in->ncauses == 0)) {
		aer_error_set(err, AER_ERR_INVALID, in->ncauses ? "team" :
		    "causes", "a complete RCA names its team and at least one "
		    "cause");
		return -1;
	}
	if (p->from == STATE_TRIAGED)
		p->to = STATE_INVESTIGATING;
	if (p->to != p->from ? !workflow_allowed(p->from, p->to) :
	    p->from != STATE_INVESTIGATING && p->from != STATE_ACTIONS) {
		workflow_refuse(err, p->from, "record an RCA");
		return -1;
	}
	if (p->from == STATE_TRIAGED) {
		if (p->rca_start_due[0] == '\0' && due_after(f->today, 0,
		    p->rca_start_due, err) == -1)
			return -1;
		if (p->rca_due[0] == '\0' && due_after(f->today,
		    f->dl.rca_days, p->rca_due, err) == -1)
			return -1;
	}
	return plan_change(p, json_pack("{s:s, s:s, s:s, s:b, s:i, s:i, s:i}",
	    "action", "rca", "from", state_name(p->from), "to",
	    state_name(p->to), "complete", in->complete, "team",
	    (int)in->nteam, "timeline", (int)in->ntimeline, "causes",
	    (int)in->ncauses), err);
}

/*
 * A corrective action, RCA²'s way: one owner, a person, and a due date
 * not past. A triaged case moves to actions; an investigating one once
 * its RCA is complete; a case in actions takes more.
 */
int
workflow_plan_action_add(const struct case_facts *f,
    const struct action_in *a, struct plan *p, struct aer_error *err)
{
	plan_start(f, p);
	if (!owner_is_one_person(a->owner)) {
		aer_error_set(err, AER_ERR_INVALID, "owner", "an action has "
		    "one owner, a person, not a committee, team or list");
		return -1;
	}
	if (strcmp(a->due, f->today) < 0) {
		aer_error_set(err, AER_ERR_INVALID, "due", "due is in the "
		    "past");
		return -1;
	}
	p->to = STATE_ACTIONS;
	if (p->from != STATE_ACTIONS && !workflow_allowed(p->from, p->to)) {
		workflow_refuse(err, p->from, "add an action");
		return -1;
	}
	if (p->from == STATE_INVESTIGATING && !f->rca_complete) {
		aer_error_set(err, AER_ERR_TRANSITION, NULL, "the case is "
		    "investigating: complete its RCA before planning actions");
		return -1;
	}
	return plan_change(p, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "action", "action_add", "id", a->id, "from", state_name(p->from),
	    "to", state_name(p->to), "strength", a->strength, "owner",
	    a->owner, "due", a->due), err);
}

/*
 * Progress on an action: its own moves (workflow.c), a reason to
 * withdraw it, and only while the case is in actions. The case stays.
 */
int
workflow_plan_action_update(const struct case_facts *f,
    const struct action_patch *a, struct plan *p, struct aer_error *err)
{
	plan_start(f, p);
	p->action_from = p->action_to = a->from;
	if (a->status != NULL &&
	    action_status_parse(a->status, &p->action_to) == -1) {
		aer_error_set(err, AER_ERR_INVALID, "status", "status is one "
		    "of open, done, verified_effective, verified_ineffective, "
		    "withdrawn");
		return -1;
	}
	if (a->status == NULL && a->note == NULL) {
		aer_error_set(err, AER_ERR_MISSING, "status", "give a status, "
		    "a note, or both");
		return -1;
	}
	if (f->state != STATE_ACTIONS) {
		aer_error_set(err, AER_ERR_TRANSITION, NULL, "the case is "
		    "%s; its actions can change only while it is in actions",
		    state_name(f->state));
		return -1;
	}
	if (p->action_to != p->action_from &&
	    !workflow_action_allowed(p->action_from, p->action_to)) {
		aer_error_set(err, AER_ERR_TRANSITION, "status", "an action "
		    "that is %s cannot become %s",
		    action_status_name(p->action_from),
		    action_status_name(p->action_to));
		return -1;
	}
	if (p->action_to == ACTION_WITHDRAWN &&
	    p->action_to != p->action_from && a->reason == NULL) {
		aer_error_set(err, AER_ERR_MISSING, "reason", "say why the "
		    "action is withdrawn");
		return -1;
	}
	return plan_change(p, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}",
	    "action", "action_update", "id", a->id, "from",
	    action_status_name(p->action_from), "to",
	    action_status_name(p->action_to), "note", a->note, "reason",
	    a->reason), err);
}

/* A message to or from the reporter, while the case is open. */
int
workflow_plan_message(const struct case_facts *f, const char *sender,
    struct plan *p, struct aer_error *err)
{
	plan_start(f, p);
	if (!workflow_is_open(f->state)) {
		if (strcmp(sender, "reporter") == 0)
			aer_error_set(err, AER_ERR_TRANSITION, NULL, "this "
			    "report is %s; it takes no more messages",
			    workflow_reporter_status(state_name(f->state)));
		else
			workflow_refuse(err, f->state, "send a message");
		return -1;
	}
	return plan_change(p, json_pack("{s:s, s:s}", "action", "message",
	    "from", sender), err);
}

#define REFUSE(...)	do { aer_error_set(err, AER_ERR_CLOSE_REFUSED, \
	NULL, __VA_ARGS__); return -1; } while (0)

/*
 * Closing, by DESIGN.md's workflow and RCA² discipline: an outcome for
 * the reporter; every action verified or withdrawn; a required RCA
 * complete and answered by an effective action; an ineffective action
 * answered by an effective one; a rationale when only weaker actions
 * stand.
 */
int
workflow_plan_close(const struct case_facts *f, const struct close_in *in,
    struct plan *p, struct aer_error *err)
{
	const size_t	*n = f->actions;
	size_t		 all = 0, weaker = 0, pending;
	int		 s;

	plan_start(f, p);
	p->to = STATE_CLOSED;
	if (!workflow_allowed(p->from, p->to)) {
		aer_error_set(err, AER_ERR_TRANSITION, NULL, "a case "
		    "in state %s cannot be closed; only a triaged case or one "
		    "whose actions are done", state_name(p->from));
		return -1;
	}
	if (in->outcome == NULL) {
		aer_error_set(err, AER_ERR_MISSING, "outcome", "outcome "
		    "is required: it is what the reporter is told");
		return -1;
	}
	for (s = 0; s < ACTION__COUNT; s++) {
		all += n[s];
		if (s != ACTION_WITHDRAWN)
			weaker += f->weaker[s];
	}
	pending = n[ACTION_OPEN] + n[ACTION_DONE];
	if (pending > 0)
		REFUSE("%zu action%s still open or awaiting verification; "
		    "verify or withdraw each first", pending,
		    pending == 1 ? " is" : "s are");
	if (f->rca_required && !f->rca_complete)
		REFUSE("this case required an RCA, and its RCA is not complete");
	if (f->rca_required && n[ACTION_EFFECTIVE] == 0)
		REFUSE("this case required an RCA, and no action has been "
		    "verified effective");
	if (n[ACTION_INEFFECTIVE] > 0 && n[ACTION_EFFECTIVE] == 0)
		REFUSE("an action was verified ineffective and no action has "
		    "been verified effective since; plan another");
	if (weaker > 0 && weaker == all - n[ACTION_WITHDRAWN] &&
	    in->rationale == NULL) {
		aer_error_set(err, AER_ERR_CLOSE_REFUSED, "rationale", "every "
		    "action is weaker; give a rationale for closing with only "
		    "weaker actions");
		return -1;
	}
	return plan_change(p, json_pack("{s:s, s:s, s:s, s:b}", "action",
	    "close", "from", state_name(p->from), "to", state_name(p->to),
	    "rationale", in->rationale != NULL), err);
}
