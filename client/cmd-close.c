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
 * aer close: close a case with the outcome the reporter will read ("you
 * said, we did"). aerd refuses while the close rules do not hold and
 * says which one. A question to the reporter still unanswered is shown
 * first, and closing then is asked (on a terminal) or needs --yes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static int	cmd_close_exec(struct aer_ctx *, struct args *);

static const struct args_option close_options[] = {
	{ "outcome", 'o', ARGS_VALUE, "TEXT",
	    "what became of the report, for the reporter" },
	{ "rationale", 'r', ARGS_VALUE, "TEXT",
	    "why weaker actions suffice, for the record" },
	{ "yes", 'y', 0, NULL,
	    "close even if the reporter has not answered" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_close_entry = {
	.name = "close",
	.usage = "ID --outcome TEXT [--rationale TEXT] [--yes] [--json]",
	.summary = "close a case with its outcome (reviewers)",
	.help =
	    "Close case ID. The outcome is shown to the reporter: say what "
	    "changed because\nof the report. aerd refuses while an action is "
	    "open or done, while a required\nRCA is incomplete or no action "
	    "was verified effective, and, when every action\nis weaker, "
	    "without a rationale.\n\nIf the reporter has not answered a question "
	    "(a message with a '?'), aer\nshows it and asks whether to close "
	    "anyway; off a terminal that needs --yes.\n",
	.options = close_options,
	.exec = cmd_close_exec
};

static const struct case_flag close_flags[] = {
	{ "outcome", "--outcome" },
	{ "rationale", "--rationale" },
	{ NULL, NULL }
};

/*
 * The first question (a message with a '?') the reviewers sent since
 * the reporter last wrote, or NULL. Feedback without a question, such
 * as a thank-you, waits for no answer.
 */
static json_t *
close_unanswered(json_t *kase)
{
	json_t	*messages = json_object_get(kase, "messages"), *m, *first = NULL;
	size_t	 i;

	json_array_foreach(messages, i, m) {
		if (strcmp(case_or(m, "from", ""), "reporter") == 0)
			first = NULL;
		else if (first == NULL && strchr(case_or(m, "text", ""),
		    '?') != NULL)
			first = m;
	}
	return (first);
}

/* 0 to close; otherwise nothing is sent and the exit status returned. */
static int
close_ask(json_t *kase, const struct args *args)
{
	json_t	*m = close_unanswered(kase);
	int	 yes;

	if (m == NULL || args_has(args, 'y'))
		return (0);
	fputs("The reporter has not answered your question of ", stderr);
	aer_print_text(stderr, case_or(m, "sent", "?"));
	fputs(":\n    ", stderr);
	aer_print_text(stderr, case_or(m, "text", ""));
	fputc('\n', stderr);
	if (!isatty(STDIN_FILENO)) {
		aer_warnx("to close the case anyway, add --yes; nothing was "
		    "changed");
		return (AER_EXIT_USAGE);
	}
	yes = prompt_yesno("Close anyway? [y/N] ", 0);
	if (yes != 1) {
		fputs("The case stays open.\n", stderr);
		return (AER_EXIT_FAIL);
	}
	return (0);
}

static int
cmd_close_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*outcome, *rationale;
	char		 path[CASE_PATH_MAX];
	json_t		*body, *reply, *kase;
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
	if (!case_id_ok(args->argv[0]))
		return (AER_EXIT_USAGE);

	body = json_object();
	if ((rc = case_set_text(body, "outcome", "--outcome", outcome,
	    AER_MAX_MESSAGE)) != 0 || (rationale != NULL &&
	    (rc = case_set_text(body, "rationale", "--rationale", rationale,
	    AER_MAX_MESSAGE)) != 0) || (rc = case_get(ctx, args->argv[0],
	    &kase, path, sizeof(path), "/close")) != 0) {
		json_decref(body);
		return (rc);
	}
	rc = close_ask(kase, args);
	json_decref(kase);
	if (rc == 0 && (rc = case_call(ctx, "POST", path, body, close_flags,
	    &reply, NULL)) == 0) {
		if (ctx->json)
			rc = case_print_json(reply);
		else {
			fputs("Case closed. The reporter will read the "
			    "outcome with their receipt.\n", stdout);
			rc = aer_flush_stdout("the result");
		}
		json_decref(reply);
	}
	json_decref(body);
	return (rc);
}
