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
 * Rows as RFC 4180 CSV: a field is quoted when it holds a comma, a quote
 * or a line break, quotes doubled; a text cell a spreadsheet would run
 * as a formula is prefixed with a quote character (csv_formula says
 * which). Pure: it only builds strings, each line appended to a buffer
 * the caller keeps, so an export of millions of rows reuses one
 * allocation.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

static void
put(struct csv *t, const char *s, size_t n)
{
	char	*p;
	size_t	 cap;

	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		cap = t->cap ? t->cap : 256;
		while (cap < t->len + n + 1)
			cap *= 2;
		if ((p = realloc(t->s, cap)) == NULL) {
			t->failed = 1;
			return;
		}
		t->s = p;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/*
 * Whether a spreadsheet could run text as a formula, and so it must be
 * guarded. Starting with =, @, a tab or a carriage return, always. A
 * leading - or + is a formula too (-2+3, or -1+cmd|' /C calc'!A0, which
 * runs a program through DDE), except where a narrative writes it: a -
 * or + then a space or a digit ("- dose held", "+2 units", "-5 mg"),
 * with none of what a harmful formula cannot do without: a function's
 * "(", DDE's "|", or the "!" of a reference to another sheet or
 * program. What is left can at worst be read as arithmetic on numbers
 * and cells in this sheet, which runs nothing and reaches nothing.
 */
int
csv_formula(const char *s)
{
	if (s[0] == '\0')
		return 0;
	if (strchr("=@\t\r", s[0]) != NULL)
		return 1;
	if (s[0] != '-' && s[0] != '+')
		return 0;
	if (s[1] != ' ' && (s[1] < '0' || s[1] > '9'))
		return 1;
	return strpbrk(s, "(|!") != NULL;
}

/* Text as it is, not a field: a byte-order mark, lines made already. */
void
csv_bytes(struct csv *t, const char *s, size_t n)
{
	put(t, s, n);
}

void
csv_text(struct csv *t, const char *s)
{
	put(t, s, strlen(s));
}

static void
put_field(struct csv *t, const char *s, int is_text)
{
	const char	*q;
	int		 quote = strpbrk(s, ",\"\r\n") != NULL;
	int		 formula = is_text && csv_formula(s);

	if (quote || formula)
		put(t, "\"", 1);
	if (formula)
		put(t, "'", 1);
	for (; (q = strchr(s, '"')) != NULL; s = q + 1) {
		put(t, s, (size_t)(q - s));
		put(t, "\"\"", 2);
	}
	put(t, s, strlen(s));
	if (quote || formula)
		put(t, "\"", 1);
}

/* The header line, CRLF-terminated. */
void
csv_header(struct csv *t, const char *const *names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			put(t, ",", 1);
		put_field(t, names[i], 0);
	}
	put(t, "\r\n", 2);
}

/* One row of n cells, CRLF-terminated; a NULL cell is empty. */
void
csv_row(struct csv *t, const struct export_value *cells, size_t n)
{
	char	num[32];
	size_t	i;
	int	len;

	for (i = 0; i < n; i++) {
		if (i > 0)
			put(t, ",", 1);
		switch (cells[i].type) {
		case 's':
			put_field(t, cells[i].s, 1);
			break;
		case 'i':
			len = snprintf(num, sizeof(num), "%lld", cells[i].i);
			put(t, num, (size_t)len);
			break;
		case 'b':
			put(t, cells[i].i ? "true" : "false",
			    cells[i].i ? 4 : 5);
			break;
		}
	}
	put(t, "\r\n", 2);
}
