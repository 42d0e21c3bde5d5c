/*
 * aer whoami: the role aerd gives this connection, and the name it
 * records in the audit trail (none for a reporter).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "aer.h"

static int	cmd_whoami_exec(struct aer_ctx *, int, char **);

const struct cmd_entry cmd_whoami_entry = {
	.name = "whoami",
	.usage = "[--json]",
	.summary = "show the role and name aerd knows you by",
	.help =
	    "Show the role aerd gives you (reporter, committee, reviewer or "
	    "admin) and,\nexcept for a reporter, the name it records in the "
	    "audit trail. On the Unix\nsocket that follows from your user and "
	    "groups, over TCP from your token.\n"
	    "\n"
	    "  -j, --json  print aerd's JSON reply\n"
	    "  -h, --help  show this help\n",
	.exec = cmd_whoami_exec
};

static const struct option whoami_options[] = {
	{ "help",	no_argument,	NULL, 'h' },
	{ "json",	no_argument,	NULL, 'j' },
	{ NULL,		0,		NULL, 0 }
};

static int
cmd_whoami_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	json_t		*reply;
	const char	*name;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, ":hj", whoami_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			aer_cmd_help(&cmd_whoami_entry, stdout);
			return (AER_EXIT_OK);
		case 'j':
			ctx->json = 1;
			break;
		default:
			return (aer_cmd_getopt_error(&cmd_whoami_entry, ch,
			    argv));
		}
	}
	if (optind < argc)
		return (aer_cmd_usage(&cmd_whoami_entry, "unexpected '%s'",
		    argv[optind]));

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
