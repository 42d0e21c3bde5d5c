/*
 * aer report: file an anonymous report, from flags, from a JSON file, or
 * through the guided form in report-form.c, and show its receipt once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static int	cmd_report_exec(struct aer_ctx *, struct args *);

static const struct args_option report_options[] = {
	{ "type", 't', ARGS_VALUE, "CODE",
	    "what kind of event (required), e.g. near_miss" },
	{ "category", 'c', ARGS_VALUE, "CODE",
	    "what it concerned (required), e.g. medication" },
	{ "harm", 'H', ARGS_VALUE, "CODE",
	    "harm to the patient (required for an incident)" },
	{ "merp", 'm', ARGS_VALUE, "CODE",
	    "NCC MERP category, medication events only" },
	{ "occurred", 'o', ARGS_VALUE, "WHEN", "when (required): YYYY-MM-DD, "
	    "YYYY-MM-DDTHH:MM,\ntoday, yesterday or now (the hour, not the "
	    "minute)" },
	{ "location", 'l', ARGS_VALUE, "TEXT", "where, e.g. \"4 West\"" },
	{ "description", 'd', ARGS_VALUE, "TEXT",
	    "what happened (required); - reads it from stdin" },
	{ "immediate", 'I', ARGS_VALUE, "TEXT", "what was done immediately" },
	{ "factor", 'f', ARGS_VALUE, "CODE",
	    "a contributing factor; repeat, up to " AER_STR(AER_MAX_FACTORS) },
	{ "role", 'r', ARGS_VALUE, "CODE", "your role, e.g. nurse" },
	{ "json-file", 'J', ARGS_VALUE, "FILE",
	    "send the JSON report in FILE (- for stdin) instead" },
	{ "codes", 'C', 0, NULL, "list the codes aerd accepts, then exit" },
	{ "interactive", 'i', ARGS_SHORT, NULL,
	    "use the form even if stdin is not a terminal" },
	ARGS_JSON,
	ARGS_END
};

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
	    "questions.\n",
	.options = report_options,
	.exec = cmd_report_exec
};

/* A report field set by a flag: the flag, the JSON member, its limit. */
static const struct report_field {
	int		 key;
	const char	*flag;
	const char	*member;
	size_t		 max;
	int		 required;
} report_fields[] = {
	{ 't', "--type", "event_type", AER_MAX_CODE, 1 },
	{ 'c', "--category", "category", AER_MAX_CODE, 1 },
	{ 'H', "--harm", "harm", AER_MAX_CODE, 0 },
	{ 'm', "--merp", "merp_category", AER_MAX_CODE, 0 },
	{ 'o', "--occurred", "occurred_at", AER_MAX_OCCURRED, 1 },
	{ 'l', "--location", "location", AER_MAX_LOCATION, 0 },
	{ 'd', "--description", "description", AER_MAX_DESCRIPTION, 1 },
	{ 'I', "--immediate", "immediate_actions", AER_MAX_IMMEDIATE, 0 },
	{ 'r', "--role", "reporter_role", AER_MAX_CODE, 0 },
};
#define NFIELDS		(sizeof(report_fields) / sizeof(report_fields[0]))
#define FIELD_FLAGS	"tcHmoldIrf"	/* the fields and --factor */

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

/* Check one flag's value and put it in the body; 0 or an exit status. */
static int
report_flag(json_t *body, const struct report_field *f, const char *value)
{
	char		 when[AER_MAX_OCCURRED + 1];
	const char	*why;
	char		*text = NULL;
	int		 rc;

	if (f->key == 'o') {
		if (report_when(value, when, sizeof(when), &why) != WHEN_OK) {
			aer_warnx("%s %s: %s", f->flag, value, why);
			return (AER_EXIT_FAIL);
		}
		value = when;
	} else if (f->key == 'd' && strcmp(value, "-") == 0) {
		if ((text = report_stdin_text(f->max)) == NULL)
			return (AER_EXIT_FAIL);
		value = text;
	} else if (f->key == 'd' && isatty(STDERR_FILENO))
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
report_factors(json_t *body, const struct args *args)
{
	json_t		*list, *have;
	const char	*factor;
	size_t		 i, j;
	int		 dup;

	if (!args_has(args, 'f'))
		return (0);
	list = json_array();
	for (i = 0; (factor = args_value(args, 'f', i)) != NULL; i++) {
		if (!report_code_ok(factor)) {
			aer_warnx("--factor %s is not a code", factor);
			json_decref(list);
			return (AER_EXIT_FAIL);
		}
		dup = 0;
		json_array_foreach(list, j, have)
			dup |= strcmp(json_string_value(have), factor) == 0;
		if (!dup)
			json_array_append_new(list, json_string(factor));
	}
	json_object_set_new(body, "contributing_factors", list);
	return (0);
}

/* The body a report's flags describe; 0 or an exit status. */
static int
report_from_flags(const struct args *args, json_t *body)
{
	const struct report_field	*f;
	const char			*value;
	size_t				 i;
	int				 rc;

	for (i = 0; i < NFIELDS; i++) {
		f = &report_fields[i];
		if (f->required && !args_has(args, f->key))
			return (args_usage(&cmd_report_entry, "%s is "
			    "required", f->flag));
	}
	for (i = 0; i < NFIELDS; i++) {
		f = &report_fields[i];
		if (f->key == 'r' && (rc = report_factors(body, args)) != 0)
			return (rc);
		if ((value = args_get(args, f->key)) != NULL &&
		    (rc = report_flag(body, f, value)) != 0)
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

/* How many field flags were given, each --factor counted. */
static size_t
report_nset(const struct args *args)
{
	const char	*p;
	size_t		 n = 0;

	for (p = FIELD_FLAGS; *p != '\0'; p++)
		n += args_count(args, *p);
	return (n);
}

static int
cmd_report_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*json_file = args_get(args, 'J');
	json_t		*body = NULL, *reply;
	size_t		 nset = report_nset(args);
	int		 rc = 0, form = 0, interactive = args_has(args, 'i');

	if (args_count(args, 'f') > AER_MAX_FACTORS)
		return (args_usage(&cmd_report_entry, "at most %d --factor",
		    AER_MAX_FACTORS));
	if (args->argc > 0)
		return (args_usage(&cmd_report_entry, "unexpected '%s'",
		    args->argv[0]));
	if (args_has(args, 'C')) {
		if (nset > 0 || json_file != NULL || interactive)
			return (args_usage(&cmd_report_entry, "--codes is "
			    "used alone"));
		return (report_codes(ctx));
	}
	if ((json_file != NULL || interactive) && nset > 0)
		return (args_usage(&cmd_report_entry, "--%s cannot be "
		    "mixed with field flags", json_file != NULL ?
		    "json-file" : "interactive"));
	if (json_file != NULL && interactive)
		return (args_usage(&cmd_report_entry, "--json-file and "
		    "--interactive cannot be used together"));
	if (json_file == NULL && nset == 0 && !interactive &&
	    !isatty(STDIN_FILENO))
		return (args_usage(&cmd_report_entry, "nothing to file: "
		    "give the field flags or --json-file, or run it on a "
		    "terminal for the form"));

	if (json_file != NULL) {
		if ((body = report_load(json_file)) == NULL)
			return (AER_EXIT_FAIL);
	} else {
		body = json_object();
		if (nset > 0)
			rc = report_from_flags(args, body);
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
