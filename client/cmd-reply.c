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
 * aer reply: the reporter answers the reviewers, with the receipt. The
 * receipt is read as aer status reads it, never from the command line;
 * on a terminal the conversation so far is shown first, and a report
 * that takes no more replies (closed, referred) is said to before the
 * answer is typed. The text comes from --text or is typed.
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
	    "line of standard input; never\nfrom the command line. The "
	    "conversation so far is shown, then the text is\nasked for, a "
	    "few lines ended by an empty line, unless --text gives it.\n"
	    "When the receipt comes from standard input, give the text with "
	    "--text TEXT.\nLeave your name out: the report stays "
	    "anonymous.\n",
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
		receipt_not_found();
		rc = AER_EXIT_FAIL;
	} else
		rc = http_error(ctx, reply, status);
	json_decref(reply);
	return (rc);
}

/*
 * The conversation so far, before anything is typed; and whether a reply
 * can still be sent (AER_EXIT_OK) or not.
 */
static int
reply_conversation(struct aer_ctx *ctx, const char *receipt, int show)
{
	json_t	*reply;
	long	 status;
	int	 rc = AER_EXIT_OK;

	if (http_request(ctx, "GET", AER_PATH_FOLLOWUP, NULL, receipt,
	    &reply, &status) != 0)
		return (AER_EXIT_FAIL);
	if (status == 404 && !ctx->json) {
		receipt_not_found();
		rc = AER_EXIT_FAIL;
	} else if (status != 200)
		rc = http_error(ctx, reply, status);
	else {
		if (show && (rc = followup_show(reply)) == AER_EXIT_OK)
			fputc('\n', stdout);
		if (followup_ended(reply) == FOLLOWUP_ENDED) {
			aer_warnx("this report is %s, so it takes no more "
			    "replies; nothing was sent",
			    json_string_value(json_object_get(reply,
			    "status")));
			rc = AER_EXIT_FAIL;
		}
	}
	fflush(stdout);
	json_decref(reply);
	return (rc);
}

/* The answer typed on the terminal, up to the limit, in characters. */
static int
reply_type(char **text)
{
	char	*start = NULL;
	size_t	 n;
	int	 rc;

	for (;;) {
		rc = text_entry("Your answer; leave your name out, and end "
		    "with an empty line:\n", 1, start, text);
		free(start);
		if (rc != PROMPT_OK) {
			aer_warnx("nothing to send; nothing was sent");
			return (AER_EXIT_FAIL);
		}
		if ((n = text_chars(*text)) <= AER_MAX_MESSAGE)
			return (AER_EXIT_OK);
		fprintf(stderr, "That is %zu characters; the limit is %d, so "
		    "it is %zu too many.\nNothing you typed is lost: it is "
		    "below to shorten. Backspace takes off the\nend, Ctrl-U "
		    "a whole line.\n", n, AER_MAX_MESSAGE,
		    n - AER_MAX_MESSAGE);
		start = *text;
		*text = NULL;
	}
}

/* The answer from --text or standard input, limited in characters. */
static int
reply_given(const char *arg, char **text)
{
	int	rc;

	/* Bytes enough for the limit in any characters; counted below. */
	if ((rc = case_read_text(arg, "", AER_MAX_MESSAGE * 4, text)) !=
	    AER_EXIT_OK)
		return (rc);
	if (text_chars(*text) > AER_MAX_MESSAGE) {
		aer_warnx("--text is %zu characters; the limit is %d",
		    text_chars(*text), AER_MAX_MESSAGE);
		free(*text);
		*text = NULL;
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/*
 * Receipt, then the conversation so far, then the text, then send; the
 * receipt is wiped afterwards.
 */
static int
reply_run(struct aer_ctx *ctx, const char *path, const char *arg)
{
	char	*receipt, *typed, *text = NULL;
	int	 rc, typing;

	typing = (arg == NULL || strcmp(arg, "-") == 0) &&
	    isatty(STDIN_FILENO);

	if ((rc = receipt_read(path, &receipt)) != AER_EXIT_OK)
		return (rc);
	typed = receipt_clean(receipt);
	if (!receipt_ok(typed))
		rc = receipt_bad(typed);
	else if ((rc = reply_conversation(ctx, typed, typing &&
	    !ctx->json)) == AER_EXIT_OK &&
	    (rc = typing ? reply_type(&text) : reply_given(arg, &text)) ==
	    AER_EXIT_OK) {
		rc = reply_send(ctx, typed, text);
		if (rc != AER_EXIT_OK && typing) {
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
