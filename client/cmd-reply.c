/*
 * aer reply: the reporter answers the reviewers, with the receipt. The
 * receipt is read as aer status reads it, never from the command line;
 * the text comes from --text or is typed on the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static int	cmd_reply_exec(struct aer_ctx *, struct args *);

static const struct args_option reply_options[] = {
	{ "receipt-file", 'f', ARGS_VALUE | ARGS_SHORT, "FILE",
	    "read the receipt from FILE (- for stdin)" },
	{ "text", 't', ARGS_VALUE, "TEXT",
	    "your answer; - reads it from standard input" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_reply_entry = {
	.name = "reply",
	.usage = "[--receipt-file FILE] [--text TEXT|-] [--json]",
	.summary = "answer the reviewers about a report, with its receipt",
	.help =
	    "Answer a message from the reviewers about your report. The "
	    "receipt is asked\nfor on the terminal (hidden), or read as one "
	    "line of standard input; never\nfrom the command line. The text "
	    "is asked for next, a few lines ended by an\nempty line, unless "
	    "--text gives it. When the receipt comes from standard\ninput, "
	    "give the text with --text TEXT. Leave your name out: the report "
	    "stays\nanonymous.\n",
	.options = reply_options,
	.exec = cmd_reply_exec
};

static int
reply_sent(struct aer_ctx *ctx, json_t *reply)
{
	if (ctx->json)
		return (case_print_json(reply));
	fputs("Reply sent.\n\n", stdout);
	case_print_messages(json_object_get(reply, "messages"));
	return (aer_flush_stdout("the messages"));
}

static int
reply_send(struct aer_ctx *ctx, const char *receipt, const char *text)
{
	json_t	*body, *reply;
	long	 status;
	int	 rc;

	body = json_object();
	json_object_set_new(body, "text", json_string(text));
	rc = http_request(ctx, "POST", AER_PATH_FOLLOWUP_MESSAGES, body,
	    receipt, &reply, &status);
	json_decref(body);
	if (rc != 0)
		return (AER_EXIT_FAIL);
	if (status >= 200 && status < 300)
		rc = reply_sent(ctx, reply);
	else if (status == 404 && !ctx->json) {
		aer_warnx("no report matches that receipt");
		rc = AER_EXIT_FAIL;
	} else
		rc = http_error(ctx, reply, status);
	json_decref(reply);
	return (rc);
}

/* Receipt, then text, then send; the receipt is wiped afterwards. */
static int
reply_run(struct aer_ctx *ctx, const char *path, const char *arg)
{
	char	*receipt, *typed, *text;
	int	 rc;

	if ((rc = receipt_read(path, &receipt)) != AER_EXIT_OK)
		return (rc);
	typed = aer_trim(receipt);
	if (!receipt_ok(typed))
		rc = receipt_bad();
	else if ((rc = case_read_text(arg, "Your answer; leave your name "
	    "out, and end with an empty line:\n", AER_MAX_MESSAGE,
	    &text)) == AER_EXIT_OK) {
		rc = reply_send(ctx, typed, text);
		if (rc != AER_EXIT_OK && (arg == NULL ||
		    strcmp(arg, "-") == 0) && isatty(STDIN_FILENO)) {
			fputs("Not sent. What you wrote, to copy if you try "
			    "again:\n\n", stderr);
			aer_print_text(stderr, text);
			fputs("\n\n", stderr);
		}
		free(text);
	}
	aer_wipe(receipt, strlen(receipt));
	free(receipt);
	return (rc);
}

static int
cmd_reply_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*path = args_get(args, 'f'), *arg = args_get(args, 't');
	int		 from_stdin;

	if (args->argc > 0)
		return (args_usage(&cmd_reply_entry, "unexpected '%s'; "
		    "the receipt is asked for, never given on the command "
		    "line", args->argv[0]));
	from_stdin = path != NULL ? strcmp(path, "-") == 0 :
	    !isatty(STDIN_FILENO);
	if (from_stdin && (arg == NULL || strcmp(arg, "-") == 0))
		return (args_usage(&cmd_reply_entry, "the receipt comes "
		    "from standard input, so give the text with --text TEXT"));
	return (reply_run(ctx, path, arg));
}
