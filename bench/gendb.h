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
 * gendb: one generated case, from filing to where it stands on the last
 * day, and the calendar arithmetic it needs.
 */
#ifndef BENCH_GENDB_H
#define BENCH_GENDB_H

#include "sqlutil.h"

#define MAX_FACTORS	3
#define MAX_ACTIONS	4
#define MAX_MESSAGES	3
#define MAX_OVERDUE	(3 + MAX_ACTIONS)

/* Days are counted from 1970-01-01; 0 means "none" (NULL). */
struct gaction {
	char		 id[37];
	const char	*description, *strength, *owner, *measure, *target;
	int		 measure_by, due, created;
	const char	*status;	/* where it stands on the last day */
	const char	*note, *reason;
	int		 done_on, verified_on, changed_on;
};

struct gmessage {
	const char	*sender, *body;
	int		 sent;
};

struct gcase {
	char		 id[37];
	unsigned char	 receipt_hash[32];
	int		 received;
	const char	*event_type, *category, *harm, *merp, *location;
	const char	*immediate, *role;
	char		 occurred_at[20];
	char		 description[600];
	const char	*factors[MAX_FACTORS];
	int		 nfactors;
	const char	*state;
	int		 triage_due, feedback_due, rca_start_due, rca_due;

	int		 triaged;	/* the day, or 0 */
	const char	*severity, *probability, *note, *by;
	int		 sentinel, blameworthy, sac, rca_required;
	char		 triage_at[21];

	int		 rca_started, rca_completed, rca_complete;
	char		 team[200], timeline[400], causes[500];

	struct gaction	 actions[MAX_ACTIONS];
	int		 nactions;
	struct gmessage	 messages[MAX_MESSAGES];
	int		 nmessages;

	const char	*outcome, *rationale;
	int		 closed_on;

	/* Items overdue on the last day, escalated the day after they fell
	 * due, as aerd's timer would have done. */
	struct {
		char	what[48];
		int	due;
	}		 overdue[MAX_OVERDUE];
	int		 noverdue;
};

/* gendb-case.c */
void	gen_case(struct rng *, int end_day, uint32_t id_hi, struct gcase *);
void	day_str(int day, char out[11]);
int	day_of_civil(int y, int m, int d);
int	add_months(int day, int n);

#endif
