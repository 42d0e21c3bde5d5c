/*
 * aer close: close a case with the outcome the reporter will read ("you
 * said, we did"). aerd refuses while the close rules do not hold and
 * says which one.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "aer.h"

static int	cmd_close_exec(struct aer_ctx *, int, char **);

const struct cmd_entry cmd_close_entry = {
	.name = "close",
	.usage = "ID --outcome TEXT [--rationale TEXT] [--json]",
	.summary = "close a case with its outcome (reviewers)",
	.help =
	    "Close case ID. The outcome is shown to the reporter: say what "
	    "changed because\nof the report. aerd refuses while an action is "
	    "open or done, while a required\nRCA is incomplete or no action "
	    "was verified effective, and, when every action\nis weaker, "
	    "without a rationale.\n"
	    "\n"
	    "  --outcome TEXT    what became of the report, for the reporter\n"
	    "  --rationale TEXT  why weaker actions suffice, for the record\n"
	    "  -j, --json        print aerd's JSON reply\n"
	    "  -h, --help        show this help\n",
	.exec = cmd_close_exec
};

enum {
	OPT_OUTCOME = 256,
	OPT_RATIONALE
};

static const struct option close_options[] = {
	{ "help",	no_argument,		NULL, 'h' },
	{ "json",	no_argument,		NULL, 'j' },
	{ "outcome",	required_argument,	NULL, OPT_OUTCOME },
	{ "rationale",	required_argument,	NULL, OPT_RATIONALE },
	{ NULL,		0,			NULL, 0 }
};

static int
cmd_close_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	const char	*outcome = NULL, *rationale = NULL;
	char		 path[CASE_PATH_MAX];
	json_t		*body, *reply;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, ":hj", close_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			aer_cmd_help(&cmd_close_entry, stdout);
			return (AER_EXIT_OK);
		case 'j':
			ctx->json = 1;
			break;
		case OPT_OUTCOME:
			outcome = optarg;
			break;
		case OPT_RATIONALE:
			rationale = optarg;
			break;
		default:
			return (aer_cmd_getopt_error(&cmd_close_entry, ch,
			    argv));
		}
	}
	if (optind == argc)
		return (aer_cmd_usage(&cmd_close_entry, "which case? give its "
		    "ID"));
	if (optind + 1 != argc)
		return (aer_cmd_usage(&cmd_close_entry, "one ID at a time"));
	if (outcome == NULL)
		return (aer_cmd_usage(&cmd_close_entry, "--outcome is "
		    "required"));
	if (!case_id_ok(argv[optind]) || case_path(path, sizeof(path),
	    AER_PATH_REPORTS, argv[optind], "/close") != 0)
		return (AER_EXIT_USAGE);

	body = json_object();
	if ((rc = case_set_text(body, "outcome", "--outcome", outcome,
	    AER_MAX_MESSAGE)) == 0 && (rationale == NULL ||
	    (rc = case_set_text(body, "rationale", "--rationale", rationale,
	    AER_MAX_MESSAGE)) == 0) &&
	    (rc = http_call(ctx, "POST", path, body, NULL, &reply)) == 0) {
		if (ctx->json)
			rc = case_print_json(reply);
		else {
			fputs("Case closed.\n", stdout);
			rc = aer_flush_stdout("the result");
		}
		json_decref(reply);
	}
	json_decref(body);
	return (rc);
}
