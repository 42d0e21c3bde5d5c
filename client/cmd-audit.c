/*
 * aer audit verify: have aerd walk the audit trail's hash chain and say
 * whether any entry was altered, removed or reordered. Exits 1 if so.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "aer.h"

static int	cmd_audit_exec(struct aer_ctx *, int, char **);
static int	audit_verify(struct aer_ctx *, int, char **);

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "verify [--json]",
	.summary = "check that the audit trail is intact (admins)",
	.help =
	    "Have aerd check the audit trail: each entry holds the hash of "
	    "the one before,\nso an entry altered, removed or put out of "
	    "order breaks the chain. Exits 0\nif the trail is intact, 1 if "
	    "it is broken (or the check could not be made).\n"
	    "\n"
	    "  -j, --json  print aerd's JSON reply\n"
	    "  -h, --help  show this help\n",
	.exec = cmd_audit_exec
};

static const struct option audit_options[] = {
	{ "help",	no_argument,	NULL, 'h' },
	{ "json",	no_argument,	NULL, 'j' },
	{ NULL,		0,		NULL, 0 }
};

static const struct case_sub audit_subs[] = {
	{ "verify", audit_verify },
	{ NULL, NULL }
};

static int
audit_verify(struct aer_ctx *ctx, int argc, char **argv)
{
	json_t	*reply, *bad;
	int	 ch, rc, ok;

	while ((ch = getopt_long(argc, argv, ":hj", audit_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			aer_cmd_help(&cmd_audit_entry, stdout);
			return (AER_EXIT_OK);
		case 'j':
			ctx->json = 1;
			break;
		default:
			return (aer_cmd_getopt_error(&cmd_audit_entry, ch,
			    argv));
		}
	}
	if (optind < argc)
		return (aer_cmd_usage(&cmd_audit_entry, "unexpected '%s'",
		    argv[optind]));

	if ((rc = http_call(ctx, "GET", AER_PATH_AUDIT_VERIFY, NULL, NULL,
	    &reply)) != AER_EXIT_OK)
		return (rc);
	ok = json_is_true(json_object_get(reply, "ok"));
	bad = json_object_get(reply, "first_bad");
	if (ctx->json)
		rc = case_print_json(reply);
	else if (ok) {
		printf("Audit trail intact: %lld entries.\n", (long long)
		    json_integer_value(json_object_get(reply, "entries")));
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

static int
cmd_audit_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	return (case_run_sub(&cmd_audit_entry, audit_subs, ctx, argc, argv));
}
