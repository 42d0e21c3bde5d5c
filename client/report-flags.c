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
 * A report from aer report's command line: the body the field flags
 * describe, each value checked as the guided form checks its answer, or
 * the JSON file given instead; and "urgent": true with --urgent. It
 * builds the body and sends nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

/* A report field set by a flag: the flag, the JSON member, its limit. */
static const struct report_field {
	int		 key;
	const char	*flag;
	const char	*member;
	size_t		 max;
	int		 required;
} report_fields[] = {
	{ 't', "--type", "event_type", AER_MAX_CODE, 1 },
	{ 'c', "--category", "category", AER_MAX_CODE, 1 },
	{ 'H', "--harm", "harm", AER_MAX_CODE, 0 },
	{ 'm', "--merp", "merp_category", AER_MAX_CODE, 0 },
	{ 'o', "--occurred", "occurred_at", AER_MAX_OCCURRED, 1 },
	{ 'l', "--location", "location", AER_MAX_LOCATION, 0 },
	{ 'd', "--description", "description", AER_MAX_DESCRIPTION, 1 },
	{ 'I', "--immediate", "immediate_actions", AER_MAX_IMMEDIATE, 0 },
	{ 'r', "--role", "reporter_role", AER_MAX_CODE, 0 },
};
#define NFIELDS		(sizeof(report_fields) / sizeof(report_fields[0]))
#define FIELD_FLAGS	"tcHmoldIrf"	/* the fields and --factor */

/* Check one flag's value and put it in the body; 0 or an exit status. */
static int
report_flag(json_t *body, const struct report_field *f, const char *value)
{
	char		 when[AER_MAX_OCCURRED + 1];
	const char	*why;
	char		*text = NULL;
	int		 rc;

	if (f->key == 'o') {
		if (report_when(value, when, sizeof(when), &why) != WHEN_OK) {
			aer_warnx("%s %s: %s", f->flag, value, why);
			return (AER_EXIT_FAIL);
		}
		value = when;
	} else if (f->key == 'd' && strcmp(value, "-") == 0) {
		if ((text = report_stdin_text(f->max)) == NULL)
			return (AER_EXIT_FAIL);
		value = text;
	} else if (f->key == 'd' && isatty(STDERR_FILENO))
		/* The command line is in the process list and the history. */
		fprintf(stderr, "aer: note: other users can see a --description "
		    "given on the command line while aer runs, and your shell "
		    "keeps it in its history; --description - reads it from "
		    "standard input instead.\n");
	if (f->required && *value == '\0') {
		aer_warnx("%s cannot be empty", f->flag);
		free(text);
		return (AER_EXIT_FAIL);
	}
	rc = report_text(body, f->member, value, f->max);
	if (rc == TEXT_TOO_LONG)
		aer_warnx("%s is %zu characters; the limit is %zu", f->flag,
		    text_chars(value), f->max);
	else if (rc == TEXT_NOT_UTF8)
		aer_warnx("%s is not UTF-8 text", f->flag);
	free(text);
	return (rc == TEXT_OK ? 0 : AER_EXIT_FAIL);
}

/* Put the contributing factors in the body, once each. */
static int
report_factors(json_t *body, const struct args *args)
{
	json_t		*list, *have;
	const char	*factor;
	size_t		 i, j;
	int		 dup;

	if (!args_has(args, 'f'))
		return (0);
	list = json_array();
	for (i = 0; (factor = args_value(args, 'f', i)) != NULL; i++) {
		if (!report_code_ok(factor)) {
			aer_warnx("--factor %s is not a code", factor);
			json_decref(list);
			return (AER_EXIT_FAIL);
		}
		dup = 0;
		json_array_foreach(list, j, have)
			dup |= strcmp(json_string_value(have), factor) == 0;
		if (!dup)
			json_array_append_new(list, json_string(factor));
	}
	json_object_set_new(body, "contributing_factors", list);
	return (0);
}

/* The body a report's flags describe; 0 or an exit status. */
static int
report_from_flags(const struct cmd_entry *entry, const struct args *args,
    json_t *body)
{
	const struct report_field	*f;
	const char			*value;
	size_t				 i;
	int				 rc;

	for (i = 0; i < NFIELDS; i++) {
		f = &report_fields[i];
		if (f->required && !args_has(args, f->key))
			return (args_usage(entry, "%s is required", f->flag));
	}
	for (i = 0; i < NFIELDS; i++) {
		f = &report_fields[i];
		if (f->key == 'r' && (rc = report_factors(body, args)) != 0)
			return (rc);
		if ((value = args_get(args, f->key)) != NULL &&
		    (rc = report_flag(body, f, value)) != 0)
			return (rc);
	}
	return (0);
}

/* How many field flags were given, each --factor counted. */
size_t
report_nset(const struct args *args)
{
	const char	*p;
	size_t		 n = 0;

	for (p = FIELD_FLAGS; *p != '\0'; p++)
		n += args_count(args, *p);
	return (n);
}

/*
 * The body of a report filed without the form, from --json-file (key
 * 'J') or the field flags, with "urgent": true if --urgent ('U') was
 * given. Returns 0 with *body set, or an exit status.
 */
int
report_body(const struct cmd_entry *entry, const struct args *args,
    json_t **body)
{
	const char	*json_file = args_get(args, 'J');
	int		 rc;

	if (json_file != NULL) {
		if ((*body = report_load(json_file)) == NULL)
			return (AER_EXIT_FAIL);
	} else {
		*body = json_object();
		if ((rc = report_from_flags(entry, args, *body)) != 0) {
			json_decref(*body);
			*body = NULL;
			return (rc);
		}
	}
	if (args_has(args, 'U'))
		json_object_set_new(*body, "urgent", json_true());
	return (AER_EXIT_OK);
}
