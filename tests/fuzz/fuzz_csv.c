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
 * fuzz_csv: what a reporter wrote, on its way into the committee's
 * spreadsheet. The input, split at NUL bytes, fills the columns of an
 * export row (text columns with the text, numbers and flags from it) as
 * export.c hands them to csv_row as cells.
 *
 * Asserts, by reading the line back as RFC 4180: it ends in CRLF and
 * holds exactly one cell per column; a quoted cell's quotes are doubled
 * and an unquoted one holds no quote, comma or line break; every text
 * cell reads back as written, with a quote character put before one a
 * spreadsheet would run as a formula (=, @, tab, CR; a - or + unless a
 * space or a digit follows it and no "(", "|" or "!" is in the cell),
 * and no cell of text reads back as one of those.
 *
 * The column list is a copy of export.c's: change it there, change it
 * here.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

static const struct {
	const char	*name;
	char		 type;	/* s text, i integer, b boolean */
} columns[] = {
	{ "id", 's' }, { "received", 's' }, { "state", 's' },
	{ "event_type", 's' }, { "category", 's' }, { "harm", 's' },
	{ "merp_category", 's' }, { "occurred_on", 's' },
	{ "reporter_role", 's' }, { "contributing_factors", 's' },
	{ "sac_score", 'i' }, { "rca_required", 'b' }, { "triaged_on", 's' },
	{ "rca_completed_on", 's' }, { "actions", 'i' },
	{ "actions_stronger", 'i' }, { "actions_intermediate", 'i' },
	{ "actions_weaker", 'i' }, { "actions_verified_effective", 'i' },
	{ "closed_on", 's' },
	{ "location", 's' }, { "description", 's' },
	{ "immediate_actions", 's' }, { "outcome", 's' },
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Reads one RFC 4180 cell at *p into out (malloc'd); returns 1 when the
 * line ends after it, 0 when a comma follows.
 */
static int
read_cell(const char **p, char **out, int *quoted)
{
	const char	*s = *p;
	char		*o;
	size_t		 n = 0;

	o = malloc(strlen(s) + 1);
	CHECK(o != NULL);
	*quoted = *s == '"';
	if (*quoted) {
		for (s++; ; s++) {
			CHECK(*s != '\0');	/* a quoted cell is closed */
			if (*s == '"') {
				if (s[1] != '"')
					break;
				s++;
			}
			o[n++] = *s;
		}
		s++;
	} else {
		for (; *s != ',' && *s != '\r' && *s != '\0'; s++) {
			CHECK(*s != '"' && *s != '\n');
			o[n++] = *s;
		}
	}
	o[n] = '\0';
	*out = o;
	if (*s == ',') {
		*p = s + 1;
		return 0;
	}
	CHECK(s[0] == '\r' && s[1] == '\n' && s[2] == '\0');
	*p = s + 2;
	return 1;
}


/* The rule, written again: what a spreadsheet could run. */
static int
runs(const char *s)
{
	if (s[0] == '\0')
		return 0;
	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		return 1;
	if (s[0] != '-' && s[0] != '+')
		return 0;
	if (!(s[1] == ' ' || (s[1] >= '0' && s[1] <= '9')))
		return 1;
	return strchr(s, '(') != NULL || strchr(s, '|') != NULL ||
	    strchr(s, '!') != NULL;
}

static void
check_line(const char *line, const char *const *want, const char *types,
    size_t n)
{
	const char	*p = line;
	char		*cell;
	size_t		 i;
	int		 quoted, end = 0, formula;

	for (i = 0; i < n; i++) {
		CHECK(!end);
		end = read_cell(&p, &cell, &quoted);
		if (types[i] == 's' && want[i] != NULL) {
			formula = runs(want[i]);
			if (formula) {
				CHECK(quoted && cell[0] == '\'');
				CHECK(strcmp(cell + 1, want[i]) == 0);
			} else
				CHECK(strcmp(cell, want[i]) == 0);
			CHECK(!runs(cell));
		} else if (want[i] != NULL)
			CHECK(strcmp(cell, want[i]) == 0);
		else
			CHECK(cell[0] == '\0');
		free(cell);
	}
	CHECK(end);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*names[NCOLUMNS], *want[NCOLUMNS];
	char			 types[NCOLUMNS], nums[NCOLUMNS][32], *text;
	const char		*p, *end;
	struct export_value	 cells[NCOLUMNS];
	struct csv		 line = { NULL, 0, 0, 0 };
	size_t			 i, len;
	long long		 num;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(cells, 0, sizeof(cells));
	p = text;
	end = text + size;
	for (i = 0; i < NCOLUMNS; i++) {
		names[i] = columns[i].name;
		types[i] = columns[i].type;
		want[i] = NULL;
		if (p > end)
			continue;
		len = strlen(p);
		switch (columns[i].type) {
		case 's':
			/* export.c passes UTF-8 only; csv_row takes bytes. */
			cells[i].type = 's';
			cells[i].s = p;
			cells[i].len = len;
			want[i] = p;
			break;
		case 'i':
			num = len > 0 ? (long long)strtoull(p, NULL, 10) : 0;
			if (len % 3 == 2 && num != LLONG_MIN)
				num = -num;
			cells[i].type = 'i';
			cells[i].i = num;
			snprintf(nums[i], sizeof(nums[i]), "%lld", num);
			want[i] = nums[i];
			break;
		case 'b':
			cells[i].type = 'b';
			cells[i].i = len % 2;
			want[i] = len % 2 ? "true" : "false";
			break;
		}
		p += len + 1;
	}
	csv_row(&line, cells, NCOLUMNS);
	if (!line.failed)
		check_line(line.s, want, types, NCOLUMNS);
	line.len = 0;
	csv_header(&line, names, NCOLUMNS);
	if (!line.failed)
		check_line(line.s, names, memset(types, 'h', NCOLUMNS),
		    NCOLUMNS);
	free(line.s);
	free(text);
	return 0;
}
