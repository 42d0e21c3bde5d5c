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
 * aer status: what became of a report, for whoever holds its receipt.
 * The receipt is read from a hidden prompt, standard input or a file,
 * never from the command line, where other users and shell history see
 * it; followup-print.c shows what aerd says of the report.
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
	    "standard input; never from the command line.\nThe whole line "
	    "shown at filing, \"Receipt:  XXXX-...\", may be pasted.\n",
	.options = status_options,
	.exec = cmd_status_exec
};

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
		rc = followup_show(reply);
	else if (status == 404 && !ctx->json) {
		receipt_not_found();
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
	typed = receipt_clean(receipt);
	if (!receipt_ok(typed))
		rc = receipt_bad(typed);
	else
		rc = status_ask(ctx, typed);
	aer_wipe(receipt, strlen(receipt));
	free(receipt);
	return (rc);
}
