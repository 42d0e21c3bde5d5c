/*
 * aer triage: score a new case with the VA Safety Assessment Code. aerd
 * works out the score, whether an RCA is required, the next state and
 * the deadlines; aer sends what the reviewer judged.
 */
#include "config.h"

#include <stdio.h>

#include "aer.h"

/* Longest triage note aer sends. */
#define TRIAGE_NOTE_MAX	AER_MAX_IMMEDIATE

static int	cmd_triage_exec(struct aer_ctx *, struct args *);

static const struct args_option triage_options[] = {
	{ "severity", 's', ARGS_VALUE, "S",
	    "catastrophic, major, moderate or minor" },
	{ "probability", 'p', ARGS_VALUE, "P",
	    "frequent, occasional, uncommon or remote" },
	{ "sentinel", 'S', 0, NULL, "a sentinel event: an RCA is required" },
	{ "blameworthy", 'b', 0, NULL,
	    "criminal, abusive or deliberately unsafe: refer it" },
	{ "note", 'n', ARGS_VALUE, "TEXT", "why, for the record" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_triage_entry = {
	.name = "triage",
	.usage = "ID --severity S --probability P [--sentinel] "
	    "[--blameworthy]\n"
	    "                  [--note TEXT] [--json]",
	.summary = "score a new case: severity and probability (reviewers)",
	.help =
	    "Triage a new case. Severity (for a near miss, the worst "
	    "credible outcome)\ntimes probability gives the SAC score, 1 to "
	    "3; a score of 3 or a sentinel\nevent requires an RCA. A case "
	    "marked blameworthy leaves the safety process\nand is referred.\n",
	.options = triage_options,
	.exec = cmd_triage_exec
};

/* The body the flags describe; NULL (and told) if a value is refused. */
static json_t *
triage_body(const struct args *args)
{
	const char	*severity = args_get(args, 's');
	const char	*probability = args_get(args, 'p');
	const char	*note = args_get(args, 'n');
	json_t		*body;

	if (!report_code_ok(severity)) {
		aer_warnx("--severity %s is not a code", severity);
		return (NULL);
	}
	if (!report_code_ok(probability)) {
		aer_warnx("--probability %s is not a code", probability);
		return (NULL);
	}
	body = json_object();
	json_object_set_new(body, "severity", json_string(severity));
	json_object_set_new(body, "probability", json_string(probability));
	json_object_set_new(body, "sentinel",
	    json_boolean(args_has(args, 'S')));
	json_object_set_new(body, "blameworthy",
	    json_boolean(args_has(args, 'b')));
	if (note != NULL && case_set_text(body, "note", "--note", note,
	    TRIAGE_NOTE_MAX) != 0) {
		json_decref(body);
		return (NULL);
	}
	return (body);
}

static int
triage_done(json_t *kase)
{
	json_t	*sac = json_object_get(kase, "sac_score");

	if (json_is_integer(sac))
		printf("SAC score %lld; ", (long long)json_integer_value(sac));
	else
		fputs("Triaged; ", stdout);
	fputs("case is now ", stdout);
	aer_print_text(stdout, case_or(kase, "state", "?"));
	fputs(".\n", stdout);
	if (json_is_true(json_object_get(kase, "rca_required")))
		fputs("An RCA is required.\n", stdout);
	case_print_due(kase);
	return (aer_flush_stdout("the result"));
}

static int
cmd_triage_exec(struct aer_ctx *ctx, struct args *args)
{
	char	 path[CASE_PATH_MAX];
	json_t	*body, *reply;
	int	 rc;

	if (args->argc != 1)
		return (args_usage(&cmd_triage_entry, args->argc == 0 ?
		    "which case? give its ID" : "one ID at a time"));
	if (args_get(args, 's') == NULL || args_get(args, 'p') == NULL)
		return (args_usage(&cmd_triage_entry, "--severity and "
		    "--probability are required"));
	if (!case_id_ok(args->argv[0]) || case_path(path, sizeof(path),
	    AER_PATH_REPORTS, args->argv[0], "/triage") != 0)
		return (AER_EXIT_USAGE);
	if ((body = triage_body(args)) == NULL)
		return (AER_EXIT_FAIL);

	rc = http_call(ctx, "POST", path, body, NULL, &reply);
	json_decref(body);
	if (rc != AER_EXIT_OK)
		return (rc);
	rc = ctx->json ? case_print_json(reply) : triage_done(reply);
	json_decref(reply);
	return (rc);
}
