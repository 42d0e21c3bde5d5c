/*
 * aer close: close a case with the outcome the reporter will read ("you
 * said, we did"). aerd refuses while the close rules do not hold and
 * says which one.
 */
#include "config.h"

#include <stdio.h>

#include "aer.h"

static int	cmd_close_exec(struct aer_ctx *, struct args *);

static const struct args_option close_options[] = {
	{ "outcome", 'o', ARGS_VALUE, "TEXT",
	    "what became of the report, for the reporter" },
	{ "rationale", 'r', ARGS_VALUE, "TEXT",
	    "why weaker actions suffice, for the record" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_close_entry = {
	.name = "close",
	.usage = "ID --outcome TEXT [--rationale TEXT] [--json]",
	.summary = "close a case with its outcome (reviewers)",
	.help =
	    "Close case ID. The outcome is shown to the reporter: say what "
	    "changed because\nof the report. aerd refuses while an action is "
	    "open or done, while a required\nRCA is incomplete or no action "
	    "was verified effective, and, when every action\nis weaker, "
	    "without a rationale.\n",
	.options = close_options,
	.exec = cmd_close_exec
};

static int
cmd_close_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*outcome, *rationale;
	char		 path[CASE_PATH_MAX];
	json_t		*body, *reply;
	int		 rc;

	outcome = args_get(args, 'o');
	rationale = args_get(args, 'r');
	if (args->argc == 0)
		return (args_usage(&cmd_close_entry, "which case? give its "
		    "ID"));
	if (args->argc != 1)
		return (args_usage(&cmd_close_entry, "one ID at a time"));
	if (outcome == NULL)
		return (args_usage(&cmd_close_entry, "--outcome is "
		    "required"));
	if (!case_id_ok(args->argv[0]) || case_path(path, sizeof(path),
	    AER_PATH_REPORTS, args->argv[0], "/close") != 0)
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
