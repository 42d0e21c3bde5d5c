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
 * The text of aer summary's tables: block characters or ASCII as the
 * locale allows, the terminal's width, and labels cleaned of controls,
 * cut at a character and wrapped at spaces, whole.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"
#include "summary-print.h"

void
sp_glyphs(struct sp *sp)
{
	const char	*cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0)) {
		sp->full = "\xe2\x96\x88";	/* U+2588 FULL BLOCK */
		sp->empty = "\xe2\x96\x91";	/* U+2591 LIGHT SHADE */
		sp->mark = "\xe2\x94\x82";	/* U+2502 LIGHT VERTICAL */
		sp->more = "\xe2\x80\xa6";	/* U+2026 ELLIPSIS */
		sp->dash = " \xe2\x80\x93 ";	/* U+2013 EN DASH */
		sp->bad = "\xef\xbf\xbd";	/* U+FFFD REPLACEMENT CHARACTER */
	} else {
		sp->full = "#";
		sp->empty = ".";
		sp->mark = "|";
		sp->more = "~";
		sp->dash = " to ";
		sp->bad = "?";
	}
}

/*
 * The columns to fill: the terminal's, or 80; and from them, the widths
 * of labels, which take what a wider terminal gives, up to a point.
 */
void
sp_columns(struct sp *sp)
{
	struct winsize	ws;
	int		cols = 80, spare;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	if (cols < 60)
		cols = 60;
	if (cols > 200)
		cols = 200;
	sp->width = cols - 2;
	spare = (cols - 80) / 2;
	sp->label = 30 + spare < 24 ? 24 : 30 + spare > 50 ? 50 : 30 + spare;
	sp->key = 34 + spare < 30 ? 30 : 34 + spare > 50 ? 50 : 34 + spare;
}

size_t
sp_width(const char *s)
{
	size_t	w = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	}
	return (w);
}

void
sp_spaces(int n)
{
	while (n-- > 0)
		fputc(' ', stdout);
}

/*
 * A label with each control character (tab and line feed too, C1, DEL)
 * and bidirectional override as one sp->bad, as the HTML export shows
 * them (html_text): one column each, so the table stays aligned. NULL
 * when out of memory.
 */
char *
sp_clean(const struct sp *sp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*copy, *q;

	if ((copy = malloc(strlen(s) * 3 + 1)) == NULL)
		return (NULL);
	for (q = copy; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			q = stpcpy(q, sp->bad);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			q = stpcpy(q, sp->bad);
			p++;
		} else if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9))) {
			q = stpcpy(q, sp->bad);
			p += 2;
		} else
			*q++ = (char)*p;
	}
	*q = '\0';
	return (copy);
}

/*
 * The bytes of s that fit in width columns as a line: up to the last
 * space that keeps it within width, or, with no space, width - 1
 * columns (a mark then shows it was cut). *cut says which.
 */
size_t
sp_line(const char *s, int width, int *cut)
{
	const char	*p, *space = NULL;
	int		 w = 0;

	*cut = 0;
	if ((int)sp_width(s) <= width)
		return (strlen(s));
	for (p = s; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 && w++ == width)
			break;
		if (*p == ' ')
			space = p;
	}
	if (space != NULL && space > s)
		return ((size_t)(space - s));
	*cut = 1;
	for (w = 0, p = s; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 && w++ == width - 1)
			break;
	}
	return ((size_t)(p - s));
}

/* One line of a clean label: n bytes of s, padded to width columns. */
void
sp_put(const struct sp *sp, const char *s, size_t n, int cut, int width)
{
	char	*copy;

	if ((copy = strndup(s, n)) == NULL)
		return;
	aer_print_text(stdout, copy);
	if (cut)
		fputs(sp->more, stdout);
	sp_spaces(width - (int)sp_width(copy) - cut);
	free(copy);
}

/*
 * A label's first line in exactly width columns, padded; what does not
 * fit is returned (to free) for sp_rest to print under it, or NULL.
 */
char *
sp_label(const struct sp *sp, const char *label, int width)
{
	char	*s, *rest = NULL;
	size_t	 n;
	int	 cut;

	if ((s = sp_clean(sp, label)) == NULL) {
		sp_spaces(width);
		return (NULL);
	}
	n = sp_line(s, width, &cut);
	sp_put(sp, s, n, cut, width);
	while (!cut && s[n] == ' ')
		n++;
	if (!cut && s[n] != '\0')
		rest = strdup(s + n);
	free(s);
	return (rest);
}

/*
 * The rest of a label, on lines of its own under the first, indented,
 * each at most width columns less the indent. Frees rest.
 */
void
sp_rest(const struct sp *sp, char *rest, int width)
{
	const char	*p = rest;
	size_t		 n;
	int		 cut;

	while (p != NULL && *p != '\0') {
		n = sp_line(p, width - SP_INDENT + 2, &cut);
		fputs("  ", stdout);
		sp_spaces(SP_INDENT);
		sp_put(sp, p, n, cut, 0);
		fputc('\n', stdout);
		if (cut)
			break;
		for (p += n; *p == ' '; p++)
			;
	}
	free(rest);
}
