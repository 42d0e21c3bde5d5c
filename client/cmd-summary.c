/*
 * aer summary: the safety committee's figures for a range of days, as
 * aerd counts them, in tables with text bar charts. Small counts come
 * from aerd already hidden; aer never works one out.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "aer.h"

static int	cmd_summary_exec(struct aer_ctx *, int, char **);

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
	    "configured) is shown as\n<5, with no bar.\n"
	    "\n"
	    "  --from DAY      the first day, YYYY-MM-DD (default: the first "
	    "of the month\n"
	    "                  eleven months before --to: a year of months)\n"
	    "  --to DAY        the last day (default: today)\n"
	    "  --unsuppressed  show small counts too (reviewers and admins "
	    "only)\n"
	    "  -j, --json      print aerd's JSON reply\n"
	    "  -h, --help      show this help\n",
	.exec = cmd_summary_exec
};

enum {
	OPT_FROM = 256,
	OPT_TO,
	OPT_UNSUPPRESSED
};

static const struct option summary_options[] = {
	{ "from",	  required_argument,	NULL, OPT_FROM },
	{ "help",	  no_argument,		NULL, 'h' },
	{ "json",	  no_argument,		NULL, 'j' },
	{ "to",		  required_argument,	NULL, OPT_TO },
	{ "unsuppressed", no_argument,		NULL, OPT_UNSUPPRESSED },
	{ NULL,		  0,			NULL, 0 }
};

static int
cmd_summary_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	struct summary_range	 range;
	const char		*from = NULL, *to = NULL;
	json_t			*reply;
	int			 ch, rc, unsuppressed = 0;

	while ((ch = getopt_long(argc, argv, ":hj", summary_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			aer_cmd_help(&cmd_summary_entry, stdout);
			return (AER_EXIT_OK);
		case 'j':
			ctx->json = 1;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_UNSUPPRESSED:
			unsuppressed = 1;
			break;
		default:
			return (aer_cmd_getopt_error(&cmd_summary_entry, ch,
			    argv));
		}
	}
	if (optind < argc)
		return (aer_cmd_usage(&cmd_summary_entry, "unexpected '%s'",
		    argv[optind]));
	if ((rc = summary_range(&cmd_summary_entry, from, to, &range)) !=
	    AER_EXIT_OK)
		return (rc);

	if ((rc = summary_fetch(ctx, &range, unsuppressed, &reply)) !=
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
