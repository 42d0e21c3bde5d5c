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
	{ "urgent", 'U', 0, NULL, "show it to the reviewers at once, not at the "
	    "next\nrelease; they see when it was filed" },
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
	    "[--role CODE]\n"
	    "                  [--urgent] [--json]\n"
	    "       aer report --json-file FILE|- [--urgent] [--json]\n"
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

/*
 * The taxonomy lists behind the code flags, for --codes, and the report's
 * member each fills, for a code aerd refuses.
 */
static const struct {
	const char	*flag;
	const char	*enumeration;
	const char	*member;
} report_codes_lists[] = {
	{ "--type", "event_type", "event_type" },
	{ "--category", "category", "category" },
	{ "--harm", "harm", "harm" },
	{ "--merp", "merp_category", "merp_category" },
	{ "--factor", "contributing_factor", "contributing_factors" },
	{ "--role", "reporter_role", "reporter_role" },
};
#define NCODES_LISTS	(sizeof(report_codes_lists) / \
			    sizeof(report_codes_lists[0]))

/*
 * The receipt, shown once, and when the reviewers will see the report if
 * aerd says.
 */
static int
report_filed(struct aer_ctx *ctx, json_t *reply)
{
	const char	*receipt, *seen;
	char		 buf[128];

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
	    "recovered. Write it down and\nkeep it as you would a PIN: not "
	    "in a shared document, an email or a ward\nfolder, where others "
	    "could open your report.\n", stdout);
	if ((seen = report_seen(reply, buf, sizeof(buf))) != NULL)
		printf("\n%s\n", seen);
	if (aer_flush_stdout("the receipt") != AER_EXIT_OK) {
		fputs("aer: the receipt is: ", stderr);
		aer_print_text(stderr, receipt);
		fputc('\n', stderr);
		return (AER_EXIT_FAIL);
	}
	receipt_offer_save(receipt);
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
		for (i = 0; i < NCODES_LISTS; i++) {
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

/* What Ctrl-C says while the form is being filled in. */
static const char report_cancelled[] =
    "Cancelled: nothing was sent, and no report was filed.\n";

/*
 * The guided form: fetch the taxonomy, ask, and leave the body filled;
 * urgent if the reporter asked with --urgent.
 */
static int
report_guided(struct aer_ctx *ctx, int urgent, json_t *body)
{
	json_t	*tax;
	long	 status;
	int	 rc;

	if (http_request(ctx, "GET", AER_PATH_TAXONOMY, NULL, NULL, &tax,
	    &status) != 0) {
		fputs("The form cannot start; nothing was sent.\n", stderr);
		return (AER_EXIT_FAIL);
	}
	if (status != 200) {
		rc = http_error(ctx, tax, status);
		json_decref(tax);
		return (rc);
	}
	text_on_cancel(report_cancelled);
	rc = report_form(tax, urgent, body);
	text_on_cancel(NULL);
	json_decref(tax);
	if (rc != PROMPT_OK) {
		fputs("Not filed; nothing was sent.\n", stderr);
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/* Filing failed: give back what took longest to type. */
static void
report_give_back(json_t *body, int unreachable)
{
	static const struct {
		const char	*member;
		const char	*heading;
	} texts[] = {
		{ "description", "What happened" },
		{ "immediate_actions", "Done at once" },
		{ "location", "Where" },
	};
	const char	*text;
	size_t		 i;

	if (unreachable)
		fputs("\nNothing was sent, so the report was not filed; your "
		    "text is below, to copy\nand file it again later.\n\n",
		    stderr);
	else
		fputs("Nothing was filed. What you wrote, to copy if you try "
		    "again:\n\n", stderr);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if ((text = json_string_value(json_object_get(body,
		    texts[i].member))) == NULL)
			continue;
		fprintf(stderr, "%s:\n", texts[i].heading);
		aer_print_text(stderr, text);
		fputs("\n\n", stderr);
	}
}

/*
 * aerd refused a code: say which, the valid codes and the nearest, as git
 * does, naming the flag (or, from a file, the member). Returns the exit
 * status, or -1 if the refusal was not about a code in the body.
 */
static int
report_refused_code(struct aer_ctx *ctx, json_t *reply, json_t *body,
    int from_file)
{
	json_t		*err = json_object_get(reply, "error"), *tax, *value, *v;
	const char	*code, *field, *name;
	size_t		 i, j;
	int		 rc = 0;

	code = json_string_value(json_object_get(err, "code"));
	field = json_string_value(json_object_get(err, "field"));
	if (ctx->json || code == NULL || field == NULL ||
	    strcmp(code, AER_ERR_INVALID) != 0)
		return (-1);
	for (i = 0; i < NCODES_LISTS; i++)
		if (strcmp(report_codes_lists[i].member, field) == 0)
			break;
	if (i == NCODES_LISTS || (value = json_object_get(body, field)) == NULL)
		return (-1);
	if (codes_fetch(ctx, &tax) != AER_EXIT_OK)
		return (-1);
	name = from_file ? field : report_codes_lists[i].flag;
	if (json_is_string(value))
		rc = codes_check(tax, report_codes_lists[i].enumeration, name,
		    json_string_value(value));
	json_array_foreach(value, j, v) {
		if (rc == 0 && json_is_string(v))
			rc = codes_check(tax, report_codes_lists[i].enumeration,
			    name, json_string_value(v));
	}
	json_decref(tax);
	if (rc != 0)
		fputs("Nothing was filed; aer report --codes lists the codes "
		    "with their meanings.\n", stderr);
	if (rc == 0)
		return (-1);
	return (from_file ? AER_EXIT_FAIL : rc);
}

/*
 * File the report. Returns the exit status; *unreachable is set when no
 * answer came from aerd at all.
 */
static int
report_send(struct aer_ctx *ctx, json_t *body, int from_file,
    int *unreachable)
{
	json_t	*reply;
	long	 status;
	int	 rc;

	*unreachable = 0;
	if (http_request(ctx, "POST", AER_PATH_REPORTS, body, NULL, &reply,
	    &status) != 0) {
		*unreachable = 1;
		return (AER_EXIT_FAIL);
	}
	if (status >= 200 && status < 300)
		rc = report_filed(ctx, reply);
	else if ((rc = report_refused_code(ctx, reply, body, from_file)) == -1)
		rc = http_error(ctx, reply, status);
	json_decref(reply);
	return (rc);
}

/*
 * An urgent report from flags or a file: say what it costs, and on a
 * terminal ask. Returns 0 to file it, or an exit status. Without a
 * terminal to ask on, --urgent is the answer.
 */
static int
report_confirm_urgent(const struct args *args, json_t *body)
{
	const char	*d = args_get(args, 'd'), *j = args_get(args, 'J');
	int		 tty;

	if (!json_is_true(json_object_get(body, "urgent")))
		return (AER_EXIT_OK);
	fprintf(stderr, "aer: %s", report_urgent_note);
	/* Standard input may have held the description or the report. */
	tty = isatty(STDIN_FILENO) && (d == NULL || strcmp(d, "-") != 0) &&
	    (j == NULL || strcmp(j, "-") != 0);
	if (!tty || prompt_yesno("File it as urgent? [y/N] ", 0) == 1)
		return (AER_EXIT_OK);
	fputs("Not filed; nothing was sent. A report that is not urgent "
	    "reaches the\nreviewers at the next release.\n", stderr);
	return (AER_EXIT_FAIL);
}

/*
 * A report from flags or a file whose answers cannot all be true (a near
 * miss that MERP says reached the patient): point them out, and on a
 * terminal ask. Without one, aerd is given the report as it is.
 */
static int
report_confirm_odd(const struct args *args, json_t *body)
{
	const char	*d = args_get(args, 'd'), *j = args_get(args, 'J');

	if (report_check(NULL, body, NULL, 0) == 0)
		return (AER_EXIT_OK);
	fputs("aer: these answers disagree:\n", stderr);
	(void)report_check(NULL, body, stderr, 80);
	if (!isatty(STDIN_FILENO) || (d != NULL && strcmp(d, "-") == 0) ||
	    (j != NULL && strcmp(j, "-") == 0) ||
	    prompt_yesno("File it as it is? [y/N] ", 0) == 1)
		return (AER_EXIT_OK);
	fputs("Not filed; nothing was sent.\n", stderr);
	return (AER_EXIT_FAIL);
}

static int
cmd_report_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*json_file = args_get(args, 'J');
	json_t		*body = NULL;
	size_t		 nset = report_nset(args);
	int		 rc = 0, give_back = 0, unreachable;
	int		 interactive = args_has(args, 'i');
	int		 urgent = args_has(args, 'U');

	if (args_count(args, 'f') > AER_MAX_FACTORS)
		return (args_usage(&cmd_report_entry, "at most %d --factor",
		    AER_MAX_FACTORS));
	if (args->argc > 0)
		return (args_usage(&cmd_report_entry, "unexpected '%s'",
		    args->argv[0]));
	if (args_has(args, 'C')) {
		if (nset > 0 || json_file != NULL || interactive || urgent)
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

	if (json_file != NULL || nset > 0) {
		if ((rc = report_body(&cmd_report_entry, args, &body)) != 0)
			return (rc);
		if ((rc = report_confirm_odd(args, body)) == 0)
			rc = report_confirm_urgent(args, body);
	} else {
		give_back = 1;
		body = json_object();
		rc = report_guided(ctx, urgent, body);
	}
	if (rc != 0) {
		json_decref(body);
		return (rc);
	}
	/* What was typed at the terminal, in the form or not, is given back. */
	if (args_get(args, 'd') != NULL && strcmp(args_get(args, 'd'),
	    "-") == 0 && isatty(STDIN_FILENO))
		give_back = 1;
	rc = report_send(ctx, body, json_file != NULL, &unreachable);
	if (rc != AER_EXIT_OK && give_back)
		report_give_back(body, unreachable);
	json_decref(body);
	return (rc);
}
