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
 * The rules of a case: workflow.c (the states and the one table of moves
 * between them, the SAC, the close rules' words) and workflow-plan.c
 * (what each step does to a case). Pure: no HTTP, no SQL. Included by
 * aerd.h after the types it uses.
 */
#ifndef AERD_WORKFLOW_H
#define AERD_WORKFLOW_H

/* workflow.c: the rules of a case, pure functions and one table. */
enum state {
	STATE_NEW,
	STATE_TRIAGED,
	STATE_INVESTIGATING,
	STATE_ACTIONS,
	STATE_REFERRED,
	STATE_CLOSED,
	STATE__COUNT
};
enum action_status {
	ACTION_OPEN,
	ACTION_DONE,
	ACTION_EFFECTIVE,	/* "verified_effective" */
	ACTION_INEFFECTIVE,	/* "verified_ineffective" */
	ACTION_WITHDRAWN,
	ACTION__COUNT
};
int		 state_parse(const char *, enum state *);
const char	*state_name(enum state);
int		 workflow_allowed(enum state from, enum state to);
size_t		 workflow_next(enum state from, enum state out[STATE__COUNT]);
int		 workflow_is_open(enum state);
size_t		 workflow_open_states(enum state out[STATE__COUNT]);
const char	*workflow_reporter_status(const char *state);
void		 workflow_refuse(struct aer_error *, enum state from,
		    const char *doing);
int		 sac_score(const char *severity, const char *probability);
int		 workflow_rca_required(int sac, int sentinel);
enum state	 workflow_after_triage(int sac, int sentinel, int blameworthy);
int		 action_status_parse(const char *, enum action_status *);
const char	*action_status_name(enum action_status);
int		 workflow_action_allowed(enum action_status from,
		    enum action_status to);
const char	*rca_negative_descriptor(const char *statement);
int		 owner_is_one_person(const char *owner);

/*
 * workflow-plan.c: what each step does to a case. A plan takes the facts
 * of the case and what was asked, and gives the move, the deadlines the
 * case has after it, and its audit entry, or an error a person can act
 * on. Nothing else decides a state.
 */
struct deadlines {		/* from aerd.conf */
	int	triage_days;		/* after receipt */
	int	rca_start_hours;	/* after triage */
	int	rca_days;		/* after triage, or an RCA begun */
	int	feedback_months;	/* after receipt */
};
/* One read of the store (store_case_facts); today and dl the caller's. */
struct case_facts {
	enum state	 state;
	int		 sac;			/* 0 until triaged */
	int		 rca_required;
	int		 sentinel;
	int		 blameworthy;
	int		 has_rca;
	int		 rca_complete;
	int		 feedback_given;	/* a reviewer has written */
	char		 rca_start_due[DAY_LEN];	/* "" for none */
	char		 rca_due[DAY_LEN];
	size_t		 actions[ACTION__COUNT];	/* by status */
	size_t		 weaker[ACTION__COUNT];		/* of them, weaker */
	const char	*today;
	struct deadlines dl;
};
struct plan {
	enum state		 from, to;
	int			 sac;		/* the case's, after the step */
	int			 rca_required;
	char			 rca_start_due[DAY_LEN];	/* "" for none */
	char			 rca_due[DAY_LEN];
	enum action_status	 action_from, action_to;
	char			*change;	/* the audit entry, JSON */
};
struct triage_in {
	const char	*severity;
	const char	*probability;
	int		 sentinel;
	int		 blameworthy;
	const char	*note;
	int		 retriage;	/* correcting an earlier triage */
};
struct rca_in {
	const char	*team;		/* JSON arrays, validated */
	const char	*timeline;
	const char	*causes;
	size_t		 nteam, ntimeline, ncauses;
	int		 complete;
};
struct action_in {
	const char	*id;		/* the new action's */
	const char	*description;
	const char	*strength;
	const char	*owner;
	const char	*measure;
	const char	*target;
	const char	*measure_by;
	const char	*due;
};
struct action_patch {
	const char		*id;
	enum action_status	 from;	/* as it stands */
	const char		*status;	/* NULL: unchanged */
	const char		*note;
	const char		*reason;
};
struct close_in {
	const char	*outcome;
	const char	*rationale;
};
int	workflow_plan_filing(const char *received, const struct deadlines *,
	    char triage_due[DAY_LEN], char feedback_due[DAY_LEN]);
int	workflow_plan_triage(const struct case_facts *,
	    const struct triage_in *, struct plan *, struct aer_error *);
int	workflow_plan_rca(const struct case_facts *, const struct rca_in *,
	    struct plan *, struct aer_error *);
int	workflow_plan_action_add(const struct case_facts *,
	    const struct action_in *, struct plan *, struct aer_error *);
int	workflow_plan_action_update(const struct case_facts *,
	    const struct action_patch *, struct plan *, struct aer_error *);
int	workflow_plan_message(const struct case_facts *, const char *sender,
	    struct plan *, struct aer_error *);
int	workflow_plan_close(const struct case_facts *, const struct close_in *,
	    struct plan *, struct aer_error *);
void	workflow_plan_free(struct plan *);

#endif /* AERD_WORKFLOW_H */
