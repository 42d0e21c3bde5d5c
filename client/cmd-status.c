/*
 * aer status: what became of a report, for whoever holds its receipt.
 * The receipt is read from a hidden prompt, standard input or a file,
 * never from the command line, where other users and shell history see it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static int	cmd_status_exec(struct aer_ctx *, struct args *);

static const struct args_option status_options[] = {
	{ "receipt-file", 'f', ARGS_VALUE | ARGS_SHORT, "FILE",
	    "read the receipt from FILE (- for stdin)" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "[--receipt-file FILE] [--json]",
	.summary = "follow a report with its receipt",
	.help =
	    "Show what became of a report: its status, messages from the "
	    "reviewers, and\nthe outcome once it is closed. The receipt is "
	    "asked for on the terminal\n(hidden), or read as one line of "
	    "standard input; never from the command line.\n",
	.options = status_options,
	.exec = cmd_status_exec
};

/* What each status means to the reporter. */
static const struct {
	const char	*status;
	const char	*meaning;
} status_meanings[] = {
	{ "new", "waiting to be reviewed" },
	{ "in_review", "being reviewed by the patient-safety team" },
	{ "referred", "referred outside the safety process" },
	{ "closed", "closed" },
};

/* Print text, its later lines indented under the first. */
static void
status_print_indented(const char *text)
{
	const char	*nl;
	char		*line;

	while ((nl = strchr(text, '\n')) != NULL) {
		if ((line = strndup(text, (size_t)(nl - text))) != NULL) {
			aer_print_text(stdout, line);
			free(line);
		}
		fputs("\n    ", stdout);
		text = nl + 1;
	}
	aer_print_text(stdout, text);
	fputc('\n', stdout);
}

static void
status_messages(json_t *messages)
{
	json_t		*m;
	const char	*sent, *from, *text;
	size_t		 i;

	if (json_array_size(messages) == 0) {
		printf("\nNo messages yet.\n");
		return;
	}
	printf("\nMessages:\n");
	json_array_foreach(messages, i, m) {
		sent = json_string_value(json_object_get(m, "sent"));
		from = json_string_value(json_object_get(m, "from"));
		text = json_string_value(json_object_get(m, "text"));
		fputs("  ", stdout);
		aer_print_text(stdout, sent != NULL ? sent : "?");
		fputs("  ", stdout);
		aer_print_text(stdout, from != NULL ? from : "?");
		fputs(": ", stdout);
		status_print_indented(text != NULL ? text : "");
	}
}

static int
status_show(json_t *reply)
{
	const char	*status, *received, *outcome;
	size_t		 i;

	status = json_string_value(json_object_get(reply, "status"));
	received = json_string_value(json_object_get(reply, "received"));
	outcome = json_string_value(json_object_get(reply, "outcome"));
	fputs("Report received ", stdout);
	aer_print_text(stdout, received != NULL ? received : "(no date)");
	fputs(" \xe2\x80\x94 status: ", stdout);
	aer_print_text(stdout, status != NULL ? status : "unknown");
	fputc('\n', stdout);
	for (i = 0; status != NULL && i < sizeof(status_meanings) /
	    sizeof(status_meanings[0]); i++) {
		if (strcmp(status, status_meanings[i].status) == 0)
			printf("The report is %s.\n",
			    status_meanings[i].meaning);
	}
	status_messages(json_object_get(reply, "messages"));
	case_print_earlier(reply);
	if (outcome != NULL) {
		fputs("\nOutcome: ", stdout);
		aer_print_text(stdout, outcome);
		fputc('\n', stdout);
	}
	return (aer_flush_stdout("the status"));
}

static int
status_ask(struct aer_ctx *ctx, const char *receipt)
{
	json_t	*reply;
	long	 status;
	int	 rc;

	if (http_request(ctx, "GET", AER_PATH_FOLLOWUP, NULL, receipt,
	    &reply, &status) != 0)
		return (AER_EXIT_FAIL);
	if (status == 200 && ctx->json) {
		aer_print_json(stdout, reply);
		rc = aer_flush_stdout("aerd's reply");
	} else if (status == 200)
		rc = status_show(reply);
	else if (status == 404 && !ctx->json) {
		aer_warnx("no report matches that receipt");
		rc = AER_EXIT_FAIL;
	} else
		rc = http_error(ctx, reply, status);
	json_decref(reply);
	return (rc);
}

static int
cmd_status_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*path = args_get(args, 'f');
	char		*receipt, *typed;
	int		 rc;

	if (args->argc > 0)
		return (args_usage(&cmd_status_entry, "unexpected '%s'; "
		    "the receipt is asked for, never given on the command line",
		    args->argv[0]));

	if ((rc = receipt_read(path, &receipt)) != AER_EXIT_OK)
		return (rc);
	typed = aer_trim(receipt);
	if (!receipt_ok(typed))
		rc = receipt_bad();
	else
		rc = status_ask(ctx, typed);
	aer_wipe(receipt, strlen(receipt));
	free(receipt);
	return (rc);
}
