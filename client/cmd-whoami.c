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
 * aer whoami: the role aerd gives this connection, and the name it
 * records in the audit trail (none for a reporter).
 */
#include "config.h"

#include <stdio.h>

#include "aer.h"

static int	cmd_whoami_exec(struct aer_ctx *, struct args *);

static const struct args_option whoami_options[] = {
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_whoami_entry = {
	.name = "whoami",
	.usage = "[--json]",
	.summary = "show the role and name aerd knows you by",
	.help =
	    "Show the role aerd gives you (reporter, committee, reviewer or "
	    "admin) and,\nexcept for a reporter, the name it records in the "
	    "audit trail. On the Unix\nsocket that follows from your user and "
	    "groups, over TCP from your token.\n",
	.options = whoami_options,
	.exec = cmd_whoami_exec
};

static int
cmd_whoami_exec(struct aer_ctx *ctx, struct args *args)
{
	json_t		*reply;
	const char	*name;
	int		 rc;

	if (args->argc > 0)
		return (args_usage(&cmd_whoami_entry, "unexpected '%s'",
		    args->argv[0]));

	if ((rc = http_call(ctx, "GET", AER_PATH_WHOAMI, NULL, NULL,
	    &reply)) != AER_EXIT_OK)
		return (rc);
	if (ctx->json)
		rc = case_print_json(reply);
	else {
		aer_print_text(stdout, case_or(reply, "role", "unknown"));
		if ((name = case_str(reply, "name")) != NULL) {
			fputc(' ', stdout);
			aer_print_text(stdout, name);
		}
		fputc('\n', stdout);
		rc = aer_flush_stdout("who you are");
	}
	json_decref(reply);
	return (rc);
}
