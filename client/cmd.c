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
 * The table of aer's commands, each in its own cmd-*.c, and running one:
 * its sub-command found, its flags parsed by args.c, then its exec.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aer.h"

static const struct cmd_entry *cmd_table[] = {
	&cmd_report_entry,
	&cmd_status_entry,
	&cmd_reply_entry,
	&cmd_queue_entry,
	&cmd_show_entry,
	&cmd_triage_entry,
	&cmd_rca_entry,
	&cmd_action_entry,
	&cmd_message_entry,
	&cmd_close_entry,
	&cmd_summary_entry,
	&cmd_export_entry,
	&cmd_token_entry,
	&cmd_audit_entry,
	&cmd_backup_entry,
	&cmd_whoami_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**entry;

	for (entry = cmd_table; *entry != NULL; entry++) {
		if (strcmp((*entry)->name, name) == 0)
			return (*entry);
	}
	return (NULL);
}

/*
 * Say that there is no command name, and the nearest there is: "aer
 * reprot" asks whether report was meant.
 */
void
cmd_unknown(const char *name)
{
	const char	*names[sizeof(cmd_table) / sizeof(cmd_table[0])];
	const char	*near;
	size_t		 n;

	for (n = 0; cmd_table[n] != NULL; n++)
		names[n] = cmd_table[n]->name;
	fputs("aer: no command '", stderr);
	aer_print_text(stderr, name);
	fputc('\'', stderr);
	if ((near = hint_nearest(name, names, n)) != NULL)
		fprintf(stderr, "; did you mean 'aer %s'?", near);
	fputs("\nThe commands are in aer --help.\n", stderr);
}

/* A line for each command, for aer --help. */
void
cmd_list(FILE *fp)
{
	const struct cmd_entry	**entry;

	for (entry = cmd_table; *entry != NULL; entry++)
		fprintf(fp, "  %-8s %s\n", (*entry)->name, (*entry)->summary);
}

/*
 * The sub-command argv[1] of a command such as "aer action add", or
 * NULL with *rc set: after its help, or to a usage error.
 */
static const struct cmd_sub *
cmd_find_sub(const struct cmd_entry *entry, int argc, char **argv, int *rc)
{
	const struct cmd_sub	*sub, *subs = entry->subs;
	const char		*words[16], *near;
	char			 names[128] = "";
	size_t			 len, n = 0;

	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		args_help(entry, stdout);
		*rc = AER_EXIT_OK;
		return (NULL);
	}
	for (sub = subs; argc >= 2 && sub->name != NULL; sub++) {
		if (strcmp(sub->name, argv[1]) == 0)
			return (sub);
	}
	for (sub = subs; sub->name != NULL; sub++) {
		if (n < sizeof(words) / sizeof(words[0]))
			words[n++] = sub->name;
		len = strlen(names);
		snprintf(names + len, sizeof(names) - len, "%s%s",
		    sub == subs ? "" : sub[1].name == NULL ? " or " : ", ",
		    sub->name);
	}
	if (argc < 2)
		*rc = args_usage(entry, "say which: %s", names);
	else if ((near = hint_nearest(argv[1], words, n)) != NULL)
		*rc = args_usage(entry, "'%s' is not one of %s; did you mean "
		    "'%s'?", argv[1], names, near);
	else
		*rc = args_usage(entry, "'%s' is not one of %s", argv[1],
		    names);
	return (NULL);
}

/*
 * Run a command, argv from its name on. A sub-command sees argv from its
 * own name on, as a command does. A command that declares --json sets
 * ctx->json with it, as aer --json does.
 */
int
cmd_run(const struct cmd_entry *entry, struct aer_ctx *ctx, int argc,
    char **argv)
{
	const struct cmd_sub	*sub = NULL;
	struct args		 args;
	int			 rc;

	if (entry->subs != NULL) {
		if ((sub = cmd_find_sub(entry, argc, argv, &rc)) == NULL)
			return (rc);
		argc--;
		argv++;
	}
	if ((rc = args_parse(entry, argc, argv, &args)) != AER_EXIT_OK)
		return (rc == ARGS_HELP ? AER_EXIT_OK : rc);
	if (args_has(&args, 'j'))
		ctx->json = 1;
	rc = sub != NULL ? sub->exec(ctx, &args) : entry->exec(ctx, &args);
	args_free(&args);
	return (rc);
}
