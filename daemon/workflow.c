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
 * The rules of a case: its states and the one table of moves between
 * them, the VA Safety Assessment Code, the moves of a corrective action,
 * and RCA²'s checks of words. Pure functions over plain values: no HTTP,
 * no SQL. What each step does with them is in workflow-plan.c.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "aerd.h"

static const char *const state_names[STATE__COUNT] = {
	"new", "triaged", "investigating", "actions", "referred", "closed"
};

/* Every allowed move of a case; anything not here is refused. */
static const struct {
	enum state	from, to;
} transitions[] = {
	{ STATE_NEW, STATE_TRIAGED },		/* SAC 1-2, no RCA required */
	{ STATE_NEW, STATE_INVESTIGATING },	/* SAC 3 or sentinel */
	{ STATE_NEW, STATE_REFERRED },		/* blameworthy: terminal */
	{ STATE_TRIAGED, STATE_INVESTIGATING },	/* an RCA anyway */
	{ STATE_TRIAGED, STATE_ACTIONS },	/* actions without an RCA */
	{ STATE_TRIAGED, STATE_CLOSED },	/* trend only */
	{ STATE_TRIAGED, STATE_REFERRED },	/* retriaged blameworthy */
	{ STATE_INVESTIGATING, STATE_TRIAGED },	/* retriaged, no RCA needed */
	{ STATE_INVESTIGATING, STATE_ACTIONS },	/* RCA complete */
	{ STATE_INVESTIGATING, STATE_REFERRED },	/* retriaged blameworthy */
	{ STATE_ACTIONS, STATE_CLOSED },	/* actions verified */
};

static const char *const action_names[ACTION__COUNT] = {
	"open", "done", "verified_effective", "verified_ineffective",
	"withdrawn"
};

static const struct {
	enum action_status	from, to;
} action_moves[] = {
	{ ACTION_OPEN, ACTION_DONE },
	{ ACTION_DONE, ACTION_EFFECTIVE },
	{ ACTION_DONE, ACTION_INEFFECTIVE },	/* reopens the plan */
	{ ACTION_OPEN, ACTION_WITHDRAWN },
	{ ACTION_DONE, ACTION_WITHDRAWN },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
lookup(const char *const *names, int n, const char *s)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int
state_parse(const char *s, enum state *out)
{
	int	i = lookup(state_names, STATE__COUNT, s);

	if (i == -1)
		return -1;
	*out = (enum state)i;
	return 0;
}

const char *
state_name(enum state s)
{
	return s < STATE__COUNT ? state_names[s] : "unknown";
}

int
workflow_allowed(enum state from, enum state to)
{
	size_t	i;

	for (i = 0; i < NELEM(transitions); i++)
		if (transitions[i].from == from && transitions[i].to == to)
			return 1;
	return 0;
}

size_t
workflow_next(enum state from, enum state out[STATE__COUNT])
{
	size_t	n = 0;
	int	to;

	for (to = 0; to < STATE__COUNT; to++)
		if (workflow_allowed(from, (enum state)to))
			out[n++] = (enum state)to;
	return n;
}

int
workflow_is_open(enum state s)
{
	return s != STATE_REFERRED && s != STATE_CLOSED;
}

/* The open states, in the enum's order: the reviewer's queue. */
size_t
workflow_open_states(enum state out[STATE__COUNT])
{
	size_t	n = 0;
	int	s;

	for (s = 0; s < STATE__COUNT; s++)
		if (workflow_is_open((enum state)s))
			out[n++] = (enum state)s;
	return n;
}

/* 409: doing is not a move the table allows from this state. */
void
workflow_refuse(struct aer_error *err, enum state from, const char *doing)
{
	enum state	next[STATE__COUNT];
	char		list[128] = "";
	size_t		i, n = workflow_next(from, next), used;

	for (i = 0; i < n; i++) {
		used = strlen(list);
		snprintf(list + used, sizeof(list) - used, "%s%s",
		    i ? ", " : "", state_name(next[i]));
	}
	aer_error_set(err, AER_ERR_TRANSITION, NULL, "cannot %s: the case "
	    "is %s, and from there it may move only to %s", doing,
	    state_name(from), n ? list : "nothing (it is finished)");
}

/*
 * What a reporter sees of a case's state: received, being worked on,
 * referred, or closed. The internal states are for reviewers.
 */
const char *
workflow_reporter_status(const char *state)
{
	if (strcmp(state, "new") == 0)
		return "new";
	if (strcmp(state, "referred") == 0)
		return "referred";
	if (strcmp(state, "closed") == 0)
		return "closed";
	return "in_review";
}

/*
 * The VA NCPS Safety Assessment Code: severity by probability.
 * Rows: catastrophic, major, moderate, minor. Columns: frequent,
 * occasional, uncommon, remote.
 */
int
sac_score(const char *severity, const char *probability)
{
	static const char *const sev[] = { "catastrophic", "major",
	    "moderate", "minor" };
	static const char *const prob[] = { "frequent", "occasional",
	    "uncommon", "remote" };
	static const int matrix[4][4] = {
		{ 3, 3, 3, 3 },
		{ 3, 2, 2, 2 },
		{ 2, 1, 1, 1 },
		{ 1, 1, 1, 1 },
	};
	int	s = lookup(sev, 4, severity), p = lookup(prob, 4, probability);

	return s == -1 || p == -1 ? -1 : matrix[s][p];
}

int
workflow_rca_required(int sac, int sentinel)
{
	return sac == 3 || sentinel;
}

enum state
workflow_after_triage(int sac, int sentinel, int blameworthy)
{
	if (blameworthy)
		return STATE_REFERRED;
	if (workflow_rca_required(sac, sentinel))
		return STATE_INVESTIGATING;
	return STATE_TRIAGED;
}

int
action_status_parse(const char *s, enum action_status *out)
{
	int	i = lookup(action_names, ACTION__COUNT, s);

	if (i == -1)
		return -1;
	*out = (enum action_status)i;
	return 0;
}

const char *
action_status_name(enum action_status a)
{
	return a < ACTION__COUNT ? action_names[a] : "unknown";
}

int
workflow_action_allowed(enum action_status from, enum action_status to)
{
	size_t	i;

	for (i = 0; i < NELEM(action_moves); i++)
		if (action_moves[i].from == from && action_moves[i].to == to)
			return 1;
	return 0;
}

static int
word_at(const char *text, const char *p, size_t len)
{
	return (p == text || !isalnum((unsigned char)p[-1])) &&
	    !isalnum((unsigned char)p[len]);
}

/*
 * RCA²'s rules of causation: a causal statement describes the system,
 * not a person's failings. Returns the first negative descriptor found,
 * or NULL.
 */
const char *
rca_negative_descriptor(const char *statement)
{
	static const char *const words[] = {
		"poor", "poorly", "inadequate", "inadequately", "careless",
		"carelessly", "failed to", "failure to", "negligent",
		"negligence", "insufficient", "improper", "improperly",
		"sloppy", "lazy",
	};
	const char	*p;
	size_t		 i, len;

	for (i = 0; i < NELEM(words); i++) {
		len = strlen(words[i]);
		for (p = statement; *p != '\0'; p++)
			if (strncasecmp(p, words[i], len) == 0 &&
			    word_at(statement, p, len))
				return words[i];
	}
	return NULL;
}

/* RCA²: an action has one owner, a person; not a group or a list. */
int
owner_is_one_person(const char *owner)
{
	static const char *const groups[] = { "and", "committee", "team",
	    "department", "dept", "group", "staff", "everyone", "all" };
	const char	*p;
	size_t		 i, len;
	int		 blank = 1;

	for (p = owner; *p != '\0'; p++) {
		if (strchr(",;&/+", *p) != NULL)
			return 0;
		if (!isspace((unsigned char)*p))
			blank = 0;
	}
	if (blank)
		return 0;
	for (i = 0; i < NELEM(groups); i++) {
		len = strlen(groups[i]);
		for (p = owner; *p != '\0'; p++)
			if (strncasecmp(p, groups[i], len) == 0 &&
			    word_at(owner, p, len))
				return 0;
	}
	return 1;
}
