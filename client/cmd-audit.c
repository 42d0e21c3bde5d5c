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
 * aer audit verify: have aerd walk the audit trail's hash chain and say
 * whether any entry was altered, removed or reordered, and print its
 * head; given a head recorded before, also whether entries were cut
 * from the end or the chain recomputed. Exits 1 if any.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aer.h"

static int	audit_verify(struct aer_ctx *, struct args *);

static const struct args_option audit_options[] = {
	{ "head", 'H', ARGS_VALUE, "SEQ:HASH",
	    "a head recorded before: it must still be in the chain" },
	ARGS_JSON,
	ARGS_END
};

static const struct cmd_sub audit_subs[] = {
	{ "verify", audit_verify },
	{ NULL, NULL }
};

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "verify [--head SEQ:HASH] [--json]",
	.summary = "check that the audit trail is intact (admins)",
	.help =
	    "Have aerd check the audit trail: each entry holds the hash of "
	    "the one before,\nso an entry altered, removed or put out of "
	    "order breaks the chain. Exits 0\nif the trail is intact, 1 if "
	    "it is broken (or the check could not be made).\n"
	    "\n"
	    "The chain alone cannot show its last entries removed, or a "
	    "chain recomputed\nafter a change by someone with the database "
	    "file. So it prints the head of\nthe chain: record it where "
	    "this machine cannot change it (the committee's\nminutes), and "
	    "give it back with --head to check that it is still there.\n",
	.options = audit_options,
	.subs = audit_subs
};

static int
audit_verify(struct aer_ctx *ctx, struct args *args)
{
	json_t		*reply, *bad, *head;
	const char	*want = args_get(args, 'H');
	char		 path[256];
	int		 rc, ok;

	if (args->argc > 0)
		return (args_usage(&cmd_audit_entry, "unexpected '%s'",
		    args->argv[0]));

	if (want != NULL && (strchr(want, ':') == NULL || strlen(want) > 100 ||
	    strspn(want, "0123456789:abcdefABCDEF") != strlen(want)))
		return (args_usage(&cmd_audit_entry, "--head %s is not a "
		    "head: SEQ:HASH, as aer audit verify prints it", want));
	snprintf(path, sizeof(path), "%s%s%s", AER_PATH_AUDIT_VERIFY,
	    want ? "?head=" : "", want ? want : "");
	if ((rc = http_call(ctx, "GET", path, NULL, NULL, &reply)) !=
	    AER_EXIT_OK)
		return (rc);
	ok = json_is_true(json_object_get(reply, "ok"));
	bad = json_object_get(reply, "first_bad");
	if (ctx->json)
		rc = case_print_json(reply);
	else if (ok) {
		printf("Audit trail intact: %lld entries.\n", (long long)
		    json_integer_value(json_object_get(reply, "entries")));
		if (want != NULL)
			printf("The head given, %.*s..., is in it.\n",
			    (int)(strchr(want, ':') - want + 13), want);
		if ((head = json_object_get(reply, "head")) != NULL) {
			printf("Head: %lld:", (long long)json_integer_value(
			    json_object_get(head, "seq")));
			aer_print_text(stdout, case_or(head, "hash", ""));
			printf("\nRecord the head in the committee's minutes; "
			    "check it later with --head.\n");
		}
		rc = aer_flush_stdout("the result");
	} else {
		printf("Audit trail broken at entry %lld (", (long long)
		    json_integer_value(json_object_get(bad, "seq")));
		aer_print_text(stdout, case_or(bad, "problem", "unknown"));
		fputs(").\n", stdout);
		rc = aer_flush_stdout("the result");
	}
	json_decref(reply);
	if (rc == AER_EXIT_OK && !ok)
		rc = AER_EXIT_FAIL;
	return (rc);
}
