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
 * aer summary: the safety committee's figures for a range of days, as
 * aerd counts them, in tables with text bar charts. Small counts come
 * from aerd already hidden; aer never works one out.
 */
#include "config.h"

#include <stdio.h>

#include "aer.h"

static int	cmd_summary_exec(struct aer_ctx *, struct args *);

static const struct args_option summary_options[] = {
	{ "from", 'f', ARGS_VALUE, "DAY", "the first day, YYYY-MM-DD, or "
	    "month, YYYY-MM (default:\nthe first of the month eleven months "
	    "before --to:\na year of months)" },
	{ "to", 't', ARGS_VALUE, "DAY", "the last day, or month: its last "
	    "day (default: today;\nfor the committee, the last day of last "
	    "month)" },
	{ "unsuppressed", 'u', 0, NULL,
	    "show small counts too (reviewers and admins only)" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_summary_entry = {
	.name = "summary",
	.usage = "[--from DAY] [--to DAY] [--unsuppressed] [--json]",
	.summary = "show the safety committee's figures (committee)",
	.help =
	    "Show the reports received from DAY to DAY: counts by event "
	    "type, category\n(a Pareto, with the cumulative share), harm, "
	    "location and month (a run chart\nwith the median marked); the "
	    "near-miss share; RCA timeliness; corrective\nactions by "
	    "strength and status; what is overdue; median days to triage "
	    "and\nto close. A count under aerd's threshold (5 unless "
	    "configured) is shown as\n<5, with no bar. The committee "
	    "asks for whole months that have ended; each\nmonth's counts "
	    "are hidden on their own, and a count with a hidden month in\n"
	    "it is shown as N+, at least N.\n",
	.options = summary_options,
	.exec = cmd_summary_exec
};

static int
cmd_summary_exec(struct aer_ctx *ctx, struct args *args)
{
	struct summary_range	 range;
	json_t			*reply;
	int			 rc;

	if (args->argc > 0)
		return (args_usage(&cmd_summary_entry, "unexpected '%s'",
		    args->argv[0]));
	if ((rc = summary_range_for(ctx, &cmd_summary_entry, args_get(args, 'f'),
	    args_get(args, 't'), &range)) != AER_EXIT_OK)
		return (rc);

	if ((rc = summary_fetch(ctx, &range, args_has(args, 'u'), &reply)) !=
	    AER_EXIT_OK)
		return (rc);
	if (ctx->json)
		rc = case_print_json(reply);
	else if (!json_is_object(reply)) {
		aer_warnx("aerd at %s sent a summary aer cannot read",
		    aer_where(ctx));
		rc = AER_EXIT_FAIL;
	} else
		rc = summary_print(reply);
	json_decref(reply);
	return (rc);
}
