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
 * aer token: the bearer tokens that name a caller over TCP. An admin
 * creates one for a person and a role, sees it once, lists them and
 * revokes them. aerd keeps only each token's hash.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aer.h"

/* Longest name aer sends for a token's holder. */
#define TOKEN_NAME_MAX	200

static int	token_create(struct aer_ctx *, struct args *);
static int	token_list(struct aer_ctx *, struct args *);
static int	token_revoke(struct aer_ctx *, struct args *);

static const struct args_option token_options[] = {
	{ "role", 'r', ARGS_VALUE, "ROLE",
	    "create: reviewer, committee, admin or reporter" },
	{ "name", 'n', ARGS_VALUE, "NAME",
	    "create: whose it is; the audit trail records this name" },
	ARGS_JSON,
	ARGS_END
};

static const struct cmd_sub token_subs[] = {
	{ "create", token_create },
	{ "list", token_list },
	{ "revoke", token_revoke },
	{ NULL, NULL }
};

const struct cmd_entry cmd_token_entry = {
	.name = "token",
	.usage = "create --role ROLE --name NAME [--json]\n"
	    "       aer token list [--json]\n"
	    "       aer token revoke ID [--json]",
	.summary = "create, list and revoke TCP tokens (admins)",
	.help =
	    "Manage the tokens that name callers over TCP (aer --url). A "
	    "token is shown\nonce, when it is created; aerd keeps only its "
	    "hash. Its holder passes it in\n$" AER_ENV_TOKEN " or with aer "
	    "--token-file FILE, never on the command line.\n"
	    "\n"
	    "  create       make a token for one person, with --role and "
	    "--name\n"
	    "  list         every token, with whether it is revoked\n"
	    "  revoke ID    stop a token working (ID as in the list)\n",
	.options = token_options,
	.subs = token_subs
};

/* --role and --name go with token create only; 0 or an exit status. */
static int
token_only_create(const struct args *args)
{
	size_t	i;

	for (i = 0; i < args->nflags; i++) {
		if (args->flags[i].key == 'r' || args->flags[i].key == 'n')
			return (args_usage(&cmd_token_entry, "%s goes with "
			    "token create", args->flags[i].key == 'r' ?
			    "--role" : "--name"));
	}
	return (0);
}

static int
token_created(struct aer_ctx *ctx, json_t *reply)
{
	const char	*token, *name;

	if ((token = case_str(reply, "token")) == NULL) {
		aer_warnx("aerd made the token but did not send it; revoke "
		    "it and try again");
		return (AER_EXIT_FAIL);
	}
	name = case_or(reply, "name", "its holder");
	fputs("Token ", stdout);
	case_print_short_id(reply, "id");
	fputs(" created for ", stdout);
	aer_print_text(stdout, name);
	fputs(" (", stdout);
	aer_print_text(stdout, case_or(reply, "role", "?"));
	fputs("):\n\n    ", stdout);
	aer_print_text(stdout, token);
	fputs("\n\nIt will not be shown again: aerd keeps only its hash. "
	    "Give it to ", stdout);
	aer_print_text(stdout, name);
	/* The examples never repeat the token, which would put it in a
	 * shell's history if copied. */
	printf(",\nwho keeps it in a file only they can read and uses it over "
	    "TCP with\n\n    aer --url %s --token-file FILE queue\n\nor with "
	    "the token in $" AER_ENV_TOKEN ".\n",
	    ctx->url != NULL ? ctx->url : "http://127.0.0.1:PORT");
	return (aer_flush_stdout("the token"));
}

static int
token_create(struct aer_ctx *ctx, struct args *args)
{
	const char	*role = args_get(args, 'r');
	const char	*name = args_get(args, 'n');
	json_t		*body, *reply;
	int		 rc;

	if (args->argc > 0)
		return (args_usage(&cmd_token_entry, "unexpected '%s'",
		    args->argv[0]));
	if (role == NULL || name == NULL)
		return (args_usage(&cmd_token_entry, "token create needs "
		    "--role and --name"));
	if (!report_code_ok(role)) {
		aer_warnx("--role %s is not a role", role);
		return (AER_EXIT_FAIL);
	}
	body = json_object();
	json_object_set_new(body, "role", json_string(role));
	if ((rc = case_set_text(body, "name", "--name", name,
	    TOKEN_NAME_MAX)) == 0 &&
	    (rc = http_call(ctx, "POST", AER_PATH_TOKENS, body, NULL,
	    &reply)) == AER_EXIT_OK) {
		rc = ctx->json ? case_print_json(reply) :
		    token_created(ctx, reply);
		json_decref(reply);
	}
	json_decref(body);
	return (rc);
}

static void
token_table(json_t *tokens)
{
	json_t	*t;
	size_t	 i;
	int	 wname = 4, wrole = 4, wcreated = 7, w;

	json_array_foreach(tokens, i, t) {
		if ((w = (int)strlen(case_or(t, "name", "-"))) > wname)
			wname = w;
		if ((w = (int)strlen(case_or(t, "role", "-"))) > wrole)
			wrole = w;
		if ((w = (int)strlen(case_or(t, "created", "-"))) > wcreated)
			wcreated = w;
	}
	printf("%-*s  %-*s  %-*s  %-*s  %s\n", CASE_SHORT_ID, "ID", wname,
	    "NAME", wrole, "ROLE", wcreated, "CREATED", "REVOKED");
	json_array_foreach(tokens, i, t) {
		case_print_short_id(t, "id");
		fputs("  ", stdout);
		case_print_cell(case_or(t, "name", "-"), wname + 2);
		case_print_cell(case_or(t, "role", "-"), wrole + 2);
		case_print_cell(case_or(t, "created", "-"), wcreated + 2);
		fputs(json_is_true(json_object_get(t, "revoked")) ? "yes\n" :
		    "no\n", stdout);
	}
}

static int
token_list(struct aer_ctx *ctx, struct args *args)
{
	json_t	*reply, *tokens;
	int	 rc;

	if ((rc = token_only_create(args)) != 0)
		return (rc);
	if (args->argc > 0)
		return (args_usage(&cmd_token_entry, "unexpected '%s'",
		    args->argv[0]));
	if ((rc = http_call(ctx, "GET", AER_PATH_TOKENS, NULL, NULL,
	    &reply)) != AER_EXIT_OK)
		return (rc);
	tokens = json_object_get(reply, "tokens");
	if (ctx->json)
		rc = case_print_json(reply);
	else {
		if (json_array_size(tokens) == 0)
			fputs("No tokens.\n", stdout);
		else
			token_table(tokens);
		rc = aer_flush_stdout("the tokens");
	}
	json_decref(reply);
	return (rc);
}

static int
token_revoke(struct aer_ctx *ctx, struct args *args)
{
	char	 path[CASE_PATH_MAX];
	json_t	*reply;
	int	 rc;

	if ((rc = token_only_create(args)) != 0)
		return (rc);
	if (args->argc != 1)
		return (args_usage(&cmd_token_entry, args->argc == 0 ?
		    "which token? give its ID" : "one ID at a time"));
	if (!case_id_ok(args->argv[0]))
		return (AER_EXIT_USAGE);
	if (case_path(path, sizeof(path), AER_PATH_TOKENS, args->argv[0],
	    "") != 0)
		return (AER_EXIT_USAGE);
	if ((rc = http_call(ctx, "DELETE", path, NULL, NULL, &reply)) !=
	    AER_EXIT_OK)
		return (rc);
	if (ctx->json)
		rc = case_print_json(reply);
	else {
		fputs("Token ", stdout);
		if (case_str(reply, "id") != NULL)
			case_print_short_id(reply, "id");
		else
			aer_print_text(stdout, args->argv[0]);
		fputs(" revoked.\n", stdout);
		rc = aer_flush_stdout("the result");
	}
	json_decref(reply);
	return (rc);
}
