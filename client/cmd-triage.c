/*
 * aer triage: score a new case with the VA Safety Assessment Code. aerd
 * works out the score, whether an RCA is required, the next state and
 * the deadlines; aer sends what the reviewer judged.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "aer.h"

/* Longest triage note aer sends. */
#define TRIAGE_NOTE_MAX	AER_MAX_IMMEDIATE

static int	cmd_triage_exec(struct aer_ctx *, int, char **);

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
	    "marked blameworthy leaves the safety process\nand is referred.\n"
	    "\n"
	    "  --severity S     catastrophic, major, moderate or minor\n"
	    "  --probability P  frequent, occasional, uncommon or remote\n"
	    "  --sentinel       a sentinel event: an RCA is required\n"
	    "  --blameworthy    criminal, abusive or deliberately unsafe: "
	    "refer it\n"
	    "  --note TEXT      why, for the record\n"
	    "  -j, --json       print aerd's JSON reply\n"
	    "  -h, --help       show this help\n",
	.exec = cmd_triage_exec
};

enum {
	OPT_SEVERITY = 256,
	OPT_PROBABILITY,
	OPT_SENTINEL,
	OPT_BLAMEWORTHY,
	OPT_NOTE
};

static const struct option triage_options[] = {
	{ "blameworthy", no_argument,		NULL, OPT_BLAMEWORTHY },
	{ "help",	 no_argument,		NULL, 'h' },
	{ "json",	 no_argument,		NULL, 'j' },
	{ "note",	 required_argument,	NULL, OPT_NOTE },
	{ "probability", required_argument,	NULL, OPT_PROBABILITY },
	{ "sentinel",	 no_argument,		NULL, OPT_SENTINEL },
	{ "severity",	 required_argument,	NULL, OPT_SEVERITY },
	{ NULL,		 0,			NULL, 0 }
};

struct triage_args {
	const char	*severity;
	const char	*probability;
	const char	*note;
	int		 sentinel;
	int		 blameworthy;
};

static int
triage_args(struct aer_ctx *ctx, struct triage_args *a, int argc,
    char **argv)
{
	int	ch;

	while ((ch = getopt_long(argc, argv, ":hj", triage_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			aer_cmd_help(&cmd_triage_entry, stdout);
			return (-1);
		case 'j':
			ctx->json = 1;
			break;
		case OPT_SEVERITY:
			a->severity = optarg;
			break;
		case OPT_PROBABILITY:
			a->probability = optarg;
			break;
		case OPT_SENTINEL:
			a->sentinel = 1;
			break;
		case OPT_BLAMEWORTHY:
			a->blameworthy = 1;
			break;
		case OPT_NOTE:
			a->note = optarg;
			break;
		default:
			return (aer_cmd_getopt_error(&cmd_triage_entry, ch,
			    argv));
		}
	}
	if (optind + 1 != argc)
		return (aer_cmd_usage(&cmd_triage_entry, optind == argc ?
		    "which case? give its ID" : "one ID at a time"));
	if (a->severity == NULL || a->probability == NULL)
		return (aer_cmd_usage(&cmd_triage_entry, "--severity and "
		    "--probability are required"));
	return (0);
}

/* The body the flags describe; NULL (and told) if a value is refused. */
static json_t *
triage_body(const struct triage_args *a)
{
	json_t	*body;

	if (!report_code_ok(a->severity)) {
		aer_warnx("--severity %s is not a code", a->severity);
		return (NULL);
	}
	if (!report_code_ok(a->probability)) {
		aer_warnx("--probability %s is not a code", a->probability);
		return (NULL);
	}
	body = json_object();
	json_object_set_new(body, "severity", json_string(a->severity));
	json_object_set_new(body, "probability", json_string(a->probability));
	json_object_set_new(body, "sentinel", json_boolean(a->sentinel));
	json_object_set_new(body, "blameworthy", json_boolean(a->blameworthy));
	if (a->note != NULL && case_set_text(body, "note", "--note", a->note,
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
cmd_triage_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	struct triage_args	 a = { NULL, NULL, NULL, 0, 0 };
	char			 path[CASE_PATH_MAX];
	json_t			*body, *reply;
	int			 rc;

	if ((rc = triage_args(ctx, &a, argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	if (!case_id_ok(argv[optind]) || case_path(path, sizeof(path),
	    AER_PATH_REPORTS, argv[optind], "/triage") != 0)
		return (AER_EXIT_USAGE);
	if ((body = triage_body(&a)) == NULL)
		return (AER_EXIT_FAIL);

	rc = http_call(ctx, "POST", path, body, NULL, &reply);
	json_decref(body);
	if (rc != AER_EXIT_OK)
		return (rc);
	rc = ctx->json ? case_print_json(reply) : triage_done(reply);
	json_decref(reply);
	return (rc);
}
