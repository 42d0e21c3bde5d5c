/*
 * aer report: file an anonymous report, from flags, from a JSON file, or
 * through the guided form in report-form.c, and show its receipt once.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static int	cmd_report_exec(struct aer_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "[--type CODE] [--category CODE] [--harm CODE] [--merp CODE]\n"
	    "                  [--occurred WHEN] [--location TEXT] "
	    "[--description TEXT|-]\n"
	    "                  [--immediate TEXT] [--factor CODE]... "
	    "[--role CODE] [--json]\n"
	    "       aer report --json-file FILE|- [--json]\n"
	    "       aer report --codes [--json]",
	.summary = "file an anonymous report (a guided form on a terminal)",
	.help =
	    "File an anonymous adverse-event or near-miss report and show its "
	    "receipt.\n"
	    "On a terminal with no field flags, a short form asks the "
	    "questions.\n"
	    "\n"
	    "  --type CODE         what kind of event (required), e.g. "
	    "near_miss\n"
	    "  --category CODE     what it concerned (required), e.g. "
	    "medication\n"
	    "  --harm CODE         harm to the patient (required for an "
	    "incident)\n"
	    "  --merp CODE         NCC MERP category, medication events only\n"
	    "  --occurred WHEN     when (required): YYYY-MM-DD, "
	    "YYYY-MM-DDTHH:MM,\n"
	    "                      today, yesterday or now\n"
	    "  --location TEXT     where, e.g. \"4 West\"\n"
	    "  --description TEXT  what happened (required); - reads it from "
	    "stdin\n"
	    "  --immediate TEXT    what was done immediately\n"
	    "  --factor CODE       a contributing factor; repeat, up to "
	    AER_STR(AER_MAX_FACTORS) "\n"
	    "  --role CODE         your role, e.g. nurse\n"
	    "  --json-file FILE    send the JSON report in FILE (- for stdin) "
	    "instead\n"
	    "  --codes             list the codes aerd accepts, then exit\n"
	    "  -i, --interactive   use the form even if stdin is not a "
	    "terminal\n"
	    "  -j, --json          print aerd's JSON reply\n"
	    "  -h, --help          show this help\n",
	.exec = cmd_report_exec
};

enum {
	OPT_TYPE = 256,
	OPT_CATEGORY,
	OPT_HARM,
	OPT_MERP,
	OPT_OCCURRED,
	OPT_LOCATION,
	OPT_DESCRIPTION,
	OPT_IMMEDIATE,
	OPT_FACTOR,
	OPT_ROLE,
	OPT_JSON_FILE,
	OPT_CODES
};

static const struct option report_options[] = {
	{ "category",	 required_argument,	NULL, OPT_CATEGORY },
	{ "codes",	 no_argument,		NULL, OPT_CODES },
	{ "description", required_argument,	NULL, OPT_DESCRIPTION },
	{ "factor",	 required_argument,	NULL, OPT_FACTOR },
	{ "harm",	 required_argument,	NULL, OPT_HARM },
	{ "help",	 no_argument,		NULL, 'h' },
	{ "immediate",	 required_argument,	NULL, OPT_IMMEDIATE },
	{ "interactive", no_argument,		NULL, 'i' },
	{ "json",	 no_argument,		NULL, 'j' },
	{ "json-file",	 required_argument,	NULL, OPT_JSON_FILE },
	{ "location",	 required_argument,	NULL, OPT_LOCATION },
	{ "merp",	 required_argument,	NULL, OPT_MERP },
	{ "occurred",	 required_argument,	NULL, OPT_OCCURRED },
	{ "role",	 required_argument,	NULL, OPT_ROLE },
	{ "type",	 required_argument,	NULL, OPT_TYPE },
	{ NULL,		 0,			NULL, 0 }
};

/* A report field set by a flag: the flag, the JSON member, its limit. */
struct report_field {
	int		 opt;
	const char	*flag;
	const char	*member;
	size_t		 max;
	int		 required;
	const char	*value;
};

#define NFIELDS	9
static const struct report_field report_fields[NFIELDS] = {
	{ OPT_TYPE, "--type", "event_type", AER_MAX_CODE, 1, NULL },
	{ OPT_CATEGORY, "--category", "category", AER_MAX_CODE, 1, NULL },
	{ OPT_HARM, "--harm", "harm", AER_MAX_CODE, 0, NULL },
	{ OPT_MERP, "--merp", "merp_category", AER_MAX_CODE, 0, NULL },
	{ OPT_OCCURRED, "--occurred", "occurred_at", AER_MAX_OCCURRED, 1,
	    NULL },
	{ OPT_LOCATION, "--location", "location", AER_MAX_LOCATION, 0, NULL },
	{ OPT_DESCRIPTION, "--description", "description",
	    AER_MAX_DESCRIPTION, 1, NULL },
	{ OPT_IMMEDIATE, "--immediate", "immediate_actions",
	    AER_MAX_IMMEDIATE, 0, NULL },
	{ OPT_ROLE, "--role", "reporter_role", AER_MAX_CODE, 0, NULL },
};

/* The taxonomy lists behind the code flags, for --codes. */
static const struct {
	const char	*flag;
	const char	*enumeration;
} report_codes_lists[] = {
	{ "--type", "event_type" },
	{ "--category", "category" },
	{ "--harm", "harm" },
	{ "--merp", "merp_category" },
	{ "--factor", "contributing_factor" },
	{ "--role", "reporter_role" },
};

struct report_args {
	struct report_field	 fields[NFIELDS];
	const char		*factors[AER_MAX_FACTORS];
	size_t			 nfactors;
	int			 nset;		/* field flags given */
	const char		*json_file;
	int			 interactive;
	int			 codes;
};

/* Check one flag's value and put it in the body; 0 or an exit status. */
static int
report_flag(json_t *body, const struct report_field *f)
{
	char		 when[AER_MAX_OCCURRED + 1];
	const char	*value = f->value, *why;
	char		*text = NULL;
	int		 rc;

	if (f->opt == OPT_OCCURRED) {
		if (report_when(value, when, sizeof(when), &why) != WHEN_OK) {
			aer_warnx("%s %s: %s", f->flag, value, why);
			return (AER_EXIT_FAIL);
		}
		value = when;
	} else if (f->opt == OPT_DESCRIPTION && strcmp(value, "-") == 0) {
		if ((text = report_stdin_text(f->max)) == NULL)
			return (AER_EXIT_FAIL);
		value = text;
	} else if (f->opt == OPT_DESCRIPTION && isatty(STDERR_FILENO))
		/* The command line is in the process list and the history. */
		fprintf(stderr, "aer: note: other users can see a --description "
		    "given on the command line while aer runs, and your shell "
		    "keeps it in its history; --description - reads it from "
		    "standard input instead.\n");
	if (f->required && *value == '\0') {
		aer_warnx("%s cannot be empty", f->flag);
		free(text);
		return (AER_EXIT_FAIL);
	}
	rc = report_text(body, f->member, value, f->max);
	free(text);
	if (rc == TEXT_TOO_LONG)
		aer_warnx("%s is too long: at most %zu bytes", f->flag, f->max);
	else if (rc == TEXT_NOT_UTF8)
		aer_warnx("%s is not UTF-8 text", f->flag);
	return (rc == TEXT_OK ? 0 : AER_EXIT_FAIL);
}

/* Put the contributing factors in the body, once each. */
static int
report_factors(json_t *body, const struct report_args *args)
{
	json_t	*list, *have;
	size_t	 i, j;
	int	 dup;

	if (args->nfactors == 0)
		return (0);
	list = json_array();
	for (i = 0; i < args->nfactors; i++) {
		if (!report_code_ok(args->factors[i])) {
			aer_warnx("--factor %s is not a code",
			    args->factors[i]);
			json_decref(list);
			return (AER_EXIT_FAIL);
		}
		dup = 0;
		json_array_foreach(list, j, have)
			dup |= strcmp(json_string_value(have),
			    args->factors[i]) == 0;
		if (!dup)
			json_array_append_new(list,
			    json_string(args->factors[i]));
	}
	json_object_set_new(body, "contributing_factors", list);
	return (0);
}

/* The body a report's flags describe; 0 or an exit status. */
static int
report_from_flags(const struct report_args *args, json_t *body)
{
	const struct report_field	*f;
	size_t				 i;
	int				 rc;

	for (i = 0; i < NFIELDS; i++) {
		f = &args->fields[i];
		if (f->required && f->value == NULL)
			return (aer_cmd_usage(&cmd_report_entry, "%s is "
			    "required", f->flag));
	}
	for (i = 0; i < NFIELDS; i++) {
		f = &args->fields[i];
		if (f->opt == OPT_ROLE &&
		    (rc = report_factors(body, args)) != 0)
			return (rc);
		if (f->value != NULL && (rc = report_flag(body, f)) != 0)
			return (rc);
	}
	return (0);
}

/* The receipt, shown once. */
static int
report_filed(struct aer_ctx *ctx, json_t *reply)
{
	const char	*receipt;

	if (ctx->json) {
		aer_print_json(stdout, reply);
		return (aer_flush_stdout("aerd's reply"));
	}
	receipt = json_string_value(json_object_get(reply, "receipt"));
	if (receipt == NULL) {
		aer_warnx("aerd filed the report but sent no receipt");
		return (AER_EXIT_FAIL);
	}
	fputs("Report filed. It is anonymous: nothing in it names you.\n\n"
	    "    Receipt:  ", stdout);
	aer_print_text(stdout, receipt);
	fputs("\n\nKeep this receipt private. It is the only way to follow "
	    "this report\n(aer status), and it cannot be shown again or "
	    "recovered.\n", stdout);
	if (aer_flush_stdout("the receipt") != AER_EXIT_OK) {
		fputs("aer: the receipt is: ", stderr);
		aer_print_text(stderr, receipt);
		fputc('\n', stderr);
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/* One taxonomy list as code and label, for --codes. */
static void
report_codes_list(json_t *list)
{
	json_t		*item;
	const char	*code, *label;
	size_t		 i;

	json_array_foreach(list, i, item) {
		code = json_string_value(json_object_get(item, "code"));
		label = json_string_value(json_object_get(item, "label"));
		if (code == NULL)
			continue;
		fputs("  ", stdout);
		aer_print_text(stdout, code);
		printf("%*s", strlen(code) < 22 ? 22 - (int)strlen(code) : 1,
		    "");
		aer_print_text(stdout, label != NULL ? label : "");
		fputc('\n', stdout);
	}
}

/* --codes: the taxonomy lists behind the code flags. */
static int
report_codes(struct aer_ctx *ctx)
{
	json_t	*tax;
	size_t	 i;
	int	 rc;

	if ((rc = http_call(ctx, "GET", AER_PATH_TAXONOMY, NULL, NULL,
	    &tax)) != AER_EXIT_OK)
		return (rc);
	if (ctx->json)
		aer_print_json(stdout, tax);
	else {
		for (i = 0; i < sizeof(report_codes_lists) /
		    sizeof(report_codes_lists[0]); i++) {
			printf("%s%s (%s)\n", i == 0 ? "" : "\n",
			    report_codes_lists[i].flag,
			    report_codes_lists[i].enumeration);
			report_codes_list(json_object_get(tax,
			    report_codes_lists[i].enumeration));
		}
	}
	json_decref(tax);
	return (aer_flush_stdout("the codes"));
}

/* The guided form: fetch the taxonomy, ask, and leave the body filled. */
static int
report_guided(struct aer_ctx *ctx, json_t *body)
{
	json_t	*tax;
	int	 rc;

	if ((rc = http_call(ctx, "GET", AER_PATH_TAXONOMY, NULL, NULL,
	    &tax)) != AER_EXIT_OK)
		return (rc);
	rc = report_form(tax, body);
	json_decref(tax);
	if (rc != PROMPT_OK) {
		fputs("Not filed; nothing was sent.\n", stderr);
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/* Filing after the form failed: give back what took longest to write. */
static void
report_give_back(json_t *body)
{
	const char	*text;

	text = json_string_value(json_object_get(body, "description"));
	if (text == NULL)
		return;
	fputs("Nothing was filed. What you wrote, to copy if you try "
	    "again:\n\n", stderr);
	aer_print_text(stderr, text);
	fputs("\n\n", stderr);
}

static int
report_args(struct aer_ctx *ctx, struct report_args *args, int argc,
    char **argv)
{
	size_t	i;
	int	ch;

	memset(args, 0, sizeof(*args));
	memcpy(args->fields, report_fields, sizeof(args->fields));
	while ((ch = getopt_long(argc, argv, ":hij", report_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			aer_cmd_help(&cmd_report_entry, stdout);
			return (-1);
		case 'i':
			args->interactive = 1;
			break;
		case 'j':
			ctx->json = 1;
			break;
		case OPT_CODES:
			args->codes = 1;
			break;
		case OPT_JSON_FILE:
			args->json_file = optarg;
			break;
		case OPT_FACTOR:
			if (args->nfactors == AER_MAX_FACTORS)
				return (aer_cmd_usage(&cmd_report_entry,
				    "at most %d --factor", AER_MAX_FACTORS));
			args->factors[args->nfactors++] = optarg;
			args->nset++;
			break;
		case ':':
		case '?':
			return (aer_cmd_getopt_error(&cmd_report_entry, ch,
			    argv));
		default:
			for (i = 0; i < NFIELDS; i++) {
				if (args->fields[i].opt == ch)
					args->fields[i].value = optarg;
			}
			args->nset++;
			break;
		}
	}
	if (optind < argc)
		return (aer_cmd_usage(&cmd_report_entry, "unexpected '%s'",
		    argv[optind]));
	return (0);
}

static int
cmd_report_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	struct report_args	 args;
	json_t			*body = NULL, *reply;
	int			 rc, form = 0;

	if ((rc = report_args(ctx, &args, argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	if (args.codes) {
		if (args.nset > 0 || args.json_file != NULL || args.interactive)
			return (aer_cmd_usage(&cmd_report_entry, "--codes is "
			    "used alone"));
		return (report_codes(ctx));
	}
	if ((args.json_file != NULL || args.interactive) && args.nset > 0)
		return (aer_cmd_usage(&cmd_report_entry, "--%s cannot be "
		    "mixed with field flags", args.json_file != NULL ?
		    "json-file" : "interactive"));
	if (args.json_file != NULL && args.interactive)
		return (aer_cmd_usage(&cmd_report_entry, "--json-file and "
		    "--interactive cannot be used together"));
	if (args.json_file == NULL && args.nset == 0 && !args.interactive &&
	    !isatty(STDIN_FILENO))
		return (aer_cmd_usage(&cmd_report_entry, "nothing to file: "
		    "give the field flags or --json-file, or run it on a "
		    "terminal for the form"));

	if (args.json_file != NULL) {
		if ((body = report_load(args.json_file)) == NULL)
			return (AER_EXIT_FAIL);
	} else {
		body = json_object();
		if (args.nset > 0)
			rc = report_from_flags(&args, body);
		else {
			form = 1;
			rc = report_guided(ctx, body);
		}
		if (rc != 0) {
			json_decref(body);
			return (rc);
		}
	}
	rc = http_call(ctx, "POST", AER_PATH_REPORTS, body, NULL, &reply);
	if (rc == AER_EXIT_OK) {
		rc = report_filed(ctx, reply);
		json_decref(reply);
	} else if (form)
		report_give_back(body);
	json_decref(body);
	return (rc);
}
