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
 * aer message: a question or feedback from the reviewers to the reporter,
 * who reads it with the receipt (aer status) and may answer (aer reply).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "aer.h"

static int	cmd_message_exec(struct aer_ctx *, struct args *);

static const struct args_option message_options[] = {
	{ "text", 't', ARGS_VALUE, "TEXT",
	    "the message; - reads it from standard input" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_message_entry = {
	.name = "message",
	.usage = "ID [--text TEXT|-] [--json]",
	.summary = "send a question or feedback to a reporter (reviewers)",
	.help =
	    "Send a message to the reporter of case ID, who sees it with the "
	    "receipt\n(aer status) and may answer (aer reply). The reporter "
	    "stays anonymous; write\nnothing that would name them. On a "
	    "terminal without --text, the text is asked\nfor: a few lines, "
	    "ended by an empty line.\n",
	.options = message_options,
	.exec = cmd_message_exec
};

static const struct case_flag message_flags[] = {
	{ "text", "--text" },
	{ NULL, NULL }
};

static int
message_send(struct aer_ctx *ctx, const char *path, const char *text)
{
	json_t	*body, *reply;
	int	 rc;

	body = json_object();
	json_object_set_new(body, "text", json_string(text));
	rc = case_call(ctx, "POST", path, body, message_flags, &reply, NULL);
	json_decref(body);
	if (rc != AER_EXIT_OK)
		return (rc);
	if (ctx->json)
		rc = case_print_json(reply);
	else {
		fputs("Message sent to the reporter.\n", stdout);
		rc = aer_flush_stdout("the result");
	}
	json_decref(reply);
	return (rc);
}

static int
cmd_message_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*arg = args_get(args, 't');
	char		 path[CASE_PATH_MAX], *text;
	int		 rc;

	if (args->argc == 0)
		return (args_usage(&cmd_message_entry, "which case? give "
		    "its ID"));
	if (args->argc != 1)
		return (args_usage(&cmd_message_entry, "unexpected '%s'; "
		    "give the text with --text", args->argv[1]));
	if (!case_id_ok(args->argv[0]) || case_path(path, sizeof(path),
	    AER_PATH_REPORTS, args->argv[0], "/messages") != 0)
		return (AER_EXIT_USAGE);

	if ((rc = case_read_text(arg, "Message to the reporter; end with an "
	    "empty line:\n", AER_MAX_MESSAGE, &text)) != AER_EXIT_OK)
		return (rc);
	rc = message_send(ctx, path, text);
	if (rc != AER_EXIT_OK && arg == NULL) {
		fputs("Not sent. What you wrote, to copy if you try again:\n\n",
		    stderr);
		aer_print_text(stderr, text);
		fputs("\n\n", stderr);
	}
	free(text);
	return (rc);
}
