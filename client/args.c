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
 * A command's flags: each cmd_entry declares them in a table, and here
 * they are parsed, in one place for every command, and its help is
 * written from the same table. -h, --help is every command's and is not
 * declared. A flag may be given more than once; args_get gives the last
 * value, args_count and args_value all of them, in order.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

#define ARGS_INDENT	2	/* columns before a flag in the help */
#define ARGS_GAP	2	/* columns between a flag and what it does */
#define ARGS_WIDE	24	/* a wider flag has a line of its own */
#define ARGS_LONG	256	/* getopt_long's value of a flag without -KEY */

static const struct args_option args_help_option = {
	"help", 'h', ARGS_SHORT, NULL, "show this help"
};

/* The help's "-x, --name VALUE" of a flag, into buf. */
static int
args_flag_text(const struct args_option *o, char *buf, size_t len)
{
	char	shortflag[8] = "";

	if (o->flags & ARGS_SHORT)
		snprintf(shortflag, sizeof(shortflag), "-%c, ", o->key);
	return (snprintf(buf, len, "%s--%s%s%s", shortflag, o->name,
	    o->value != NULL ? " " : "", o->value != NULL ? o->value : ""));
}

/* One flag of the help: what it does starts at col, each line there. */
static void
args_help_flag(FILE *fp, const struct args_option *o, int col)
{
	const char	*p, *nl;
	char		 flag[64];
	int		 n;

	n = args_flag_text(o, flag, sizeof(flag));
	fprintf(fp, "%*s%s", ARGS_INDENT, "", flag);
	if (ARGS_INDENT + n + ARGS_GAP > col)
		fprintf(fp, "\n%*s", col, "");
	else
		fprintf(fp, "%*s", col - ARGS_INDENT - n, "");
	for (p = o->help; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		fprintf(fp, "%.*s\n%*s", (int)(nl - p), p, col, "");
	fprintf(fp, "%s\n", p);
}

/*
 * "usage: aer NAME ...", what the command does, then its flags in a
 * column wide enough for all but the widest, and what follows them.
 */
void
args_help(const struct cmd_entry *entry, FILE *fp)
{
	const struct args_option	*o;
	char				 flag[64];
	int				 n, width;

	fprintf(fp, "usage: aer %s %s\n%s\n", entry->name, entry->usage,
	    entry->help);
	width = args_flag_text(&args_help_option, flag, sizeof(flag));
	for (o = entry->options; o != NULL && o->name != NULL; o++) {
		n = args_flag_text(o, flag, sizeof(flag));
		if (n <= ARGS_WIDE && n > width)
			width = n;
	}
	for (o = entry->options; o != NULL && o->name != NULL; o++)
		args_help_flag(fp, o, ARGS_INDENT + width + ARGS_GAP);
	args_help_flag(fp, &args_help_option, ARGS_INDENT + width + ARGS_GAP);
	if (entry->more != NULL)
		fprintf(fp, "\n%s", entry->more);
}

/* Say what is wrong with the command line, show the usage, return 2. */
int
args_usage(const struct cmd_entry *entry, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "aer %s: ", entry->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: aer %s %s\n"
	    "Try 'aer %s --help' for more.\n",
	    entry->name, entry->usage, entry->name);
	return (AER_EXIT_USAGE);
}

/*
 * getopt_long returned '?' or ':'. optopt is the letter of an unknown
 * -KEY, or of a flag given a value it does not take, "--json=1"; a long
 * flag is the argument before optind.
 */
static int
args_error(const struct cmd_entry *entry, int ch, char **argv)
{
	const struct args_option	*o;
	const char			*opt = argv[optind - 1], *near;
	const char			*names[32];
	char				 name[64];
	size_t				 n = 0;

	if (ch == ':')
		return (args_usage(entry, "%s needs a value", opt));
	if (optopt != 0 && optopt < ARGS_LONG)
		return (args_usage(entry, "unknown option -%c", optopt));
	for (o = entry->options; o != NULL && o->name != NULL && n <
	    sizeof(names) / sizeof(names[0]); o++)
		names[n++] = o->name;
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(opt + 2, "="),
	    opt + 2);
	if (strncmp(opt, "--", 2) == 0 && strchr(opt, '=') != NULL) {
		for (o = entry->options; o != NULL && o->name != NULL; o++)
			if (strcmp(o->name, name) == 0)
				return (args_usage(entry, "--%s takes no "
				    "value", name));
	}
	if (strncmp(opt, "--", 2) == 0 &&
	    (near = hint_nearest(name, names, n)) != NULL)
		return (args_usage(entry, "unknown option %s; did you mean "
		    "--%s?", opt, near));
	return (args_usage(entry, "unknown option %s", opt));
}

/* The getopt_long tables of a command's flags, and -h, --help. */
static int
args_tables(const struct cmd_entry *entry, struct option **longopts,
    char **shortopts)
{
	const struct args_option	*o;
	struct option			*lo;
	char				*so;
	size_t				 n = 0;

	for (o = entry->options; o != NULL && o->name != NULL; o++)
		n++;
	*longopts = lo = calloc(n + 2, sizeof(*lo));
	*shortopts = so = calloc(1, 3 * n + 4);
	if (lo == NULL || so == NULL) {
		free(lo);
		free(so);
		aer_warnx("out of memory");
		return (AER_EXIT_FAIL);
	}
	*so++ = ':';
	*so++ = 'h';
	lo->name = args_help_option.name;
	lo++->val = 'h';
	for (o = entry->options; o != NULL && o->name != NULL; o++) {
		lo->name = o->name;
		lo->has_arg = o->flags & ARGS_VALUE ? required_argument :
		    no_argument;
		lo++->val = o->flags & ARGS_SHORT ? o->key :
		    ARGS_LONG + o->key;
		if (o->flags & ARGS_SHORT) {
			*so++ = (char)o->key;
			if (o->flags & ARGS_VALUE)
				*so++ = ':';
		}
	}
	return (AER_EXIT_OK);
}

/*
 * Parse argv, from the command's (or sub-command's) name on, into a:
 * the flags in the order given, then the other arguments. Returns 0,
 * ARGS_HELP once the help is shown, or an exit status; a is filled only
 * on 0, for args_free.
 */
int
args_parse(const struct cmd_entry *entry, int argc, char **argv,
    struct args *a)
{
	struct option	*longopts;
	char		*shortopts;
	int		 ch, rc;

	memset(a, 0, sizeof(*a));
	if ((rc = args_tables(entry, &longopts, &shortopts)) != AER_EXIT_OK)
		return (rc);
	if ((a->flags = calloc((size_t)argc, sizeof(*a->flags))) == NULL) {
		aer_warnx("out of memory");
		rc = AER_EXIT_FAIL;
	}
	optind = 0;
	opterr = 0;
	while (rc == AER_EXIT_OK && (ch = getopt_long(argc, argv, shortopts,
	    longopts, NULL)) != -1) {
		if (ch == 'h') {
			args_help(entry, stdout);
			rc = ARGS_HELP;
		} else if (ch == ':' || ch == '?')
			rc = args_error(entry, ch, argv);
		else {
			a->flags[a->nflags].key = ch >= ARGS_LONG ?
			    ch - ARGS_LONG : ch;
			a->flags[a->nflags++].value = optarg;
		}
	}
	free(longopts);
	free(shortopts);
	if (rc != AER_EXIT_OK) {
		args_free(a);
		return (rc);
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	return (AER_EXIT_OK);
}

void
args_free(struct args *a)
{
	free(a->flags);
	memset(a, 0, sizeof(*a));
}

/* How many times the flag was given. */
size_t
args_count(const struct args *a, int key)
{
	size_t	i, n = 0;

	for (i = 0; i < a->nflags; i++)
		n += a->flags[i].key == key;
	return (n);
}

int
args_has(const struct args *a, int key)
{
	return (args_count(a, key) > 0);
}

/* The value the flag was given the nth time (from 0), or NULL. */
const char *
args_value(const struct args *a, int key, size_t nth)
{
	size_t	i;

	for (i = 0; i < a->nflags; i++) {
		if (a->flags[i].key == key && nth-- == 0)
			return (a->flags[i].value);
	}
	return (NULL);
}

/* The value the flag was given last, or NULL. */
const char *
args_get(const struct args *a, int key)
{
	size_t	n = args_count(a, key);

	return (n > 0 ? args_value(a, key, n - 1) : NULL);
}
