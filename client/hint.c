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
 * Pure helpers for what aer says and how it lays it out: the nearest of
 * a list of words to a word mistyped ("did you mean", as git asks), and
 * fitting columns of text into the terminal's width, UTF-8 aware, with
 * an ellipsis where text is cut. No I/O; tests/check_client_hint.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aer.h"

#define HINT_MAX_WORD	64	/* longer words get no suggestion */

static size_t
hint_min3(size_t a, size_t b, size_t c)
{
	size_t	m = a < b ? a : b;

	return (m < c ? m : c);
}

/*
 * The edit distance from a to b: insertions, deletions, substitutions
 * and swaps of two neighbours (so "reprot" is 1 from "report"), case
 * ignored, '-' and '_' taken as one ("near-miss" is "near_miss").
 */
size_t
hint_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, cost, d;
	size_t	 row[3][HINT_MAX_WORD + 1];
	int	 ca, cb;

	if (la > HINT_MAX_WORD || lb > HINT_MAX_WORD)
		return ((size_t)-1);
	for (j = 0; j <= lb; j++)
		row[0][j] = j;
	for (i = 1; i <= la; i++) {
		row[i % 3][0] = i;
		for (j = 1; j <= lb; j++) {
			ca = tolower((unsigned char)a[i - 1]);
			cb = tolower((unsigned char)b[j - 1]);
			if (ca == '-')
				ca = '_';
			if (cb == '-')
				cb = '_';
			cost = ca != cb;
			d = hint_min3(row[(i - 1) % 3][j] + 1,
			    row[i % 3][j - 1] + 1, row[(i - 1) % 3][j - 1] + cost);
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    row[(i - 2) % 3][j - 2] + 1 < d)
				d = row[(i - 2) % 3][j - 2] + 1;
			row[i % 3][j] = d;
		}
	}
	return (row[la % 3][lb]);
}

/*
 * The word of words (n of them) that word was most likely meant to be:
 * the only one it begins, or the nearest within about a third of its
 * length (the first of equals). NULL when none is near enough.
 */
const char *
hint_nearest(const char *word, const char *const *words, size_t n)
{
	const char	*best = NULL, *prefixed = NULL;
	size_t		 i, d, bestd = (size_t)-1, len = strlen(word), nprefix = 0;
	size_t		 most;

	if (len == 0)
		return (NULL);
	for (i = 0; i < n; i++) {
		if (strncasecmp(words[i], word, len) == 0) {
			prefixed = words[i];
			nprefix++;
		}
		d = hint_distance(word, words[i]);
		if (d < bestd) {
			bestd = d;
			best = words[i];
		}
	}
	if (nprefix == 1 && len >= 2)
		return (strcasecmp(prefixed, word) != 0 ? prefixed : NULL);
	most = len < 4 ? 1 : (len + 2) / 3;
	if (most > 3)
		most = 3;
	return (best != NULL && bestd <= most && strcmp(best, word) != 0 ?
	    best : NULL);
}

/* Columns that n bytes of UTF-8 take: one per character, near enough. */
size_t
hint_width(const char *s, size_t n)
{
	size_t	w = 0;

	for (; n > 0 && *s != '\0'; n--, s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	}
	return (w);
}

/*
 * The bytes of s that fit in cols columns: all of it if it fits, else
 * whole characters up to cols - 1 columns, and *cut set to say that an
 * ellipsis is to follow. Never splits a character.
 */
size_t
hint_fit(const char *s, size_t cols, int *cut)
{
	size_t	i, w = 0, len = strlen(s);

	*cut = 0;
	if (hint_width(s, len) <= cols)
		return (len);
	*cut = 1;
	if (cols == 0)
		return (0);
	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (w == cols - 1)
				break;
			w++;
		}
	}
	return (i);
}

/*
 * Share total columns among n columns that want want[i] each and need
 * at least least[i]: while they do not fit, the widest that can give is
 * cut by one (the last of equals first, so the free text at the end of
 * a row gives first). Writes the widths to width; returns the columns
 * they take, which may exceed total when every column is at its least.
 */
size_t
hint_share(const size_t *want, const size_t *least, size_t n, size_t total,
    size_t *width)
{
	size_t	i, sum = 0, widest;

	for (i = 0; i < n; i++)
		sum += width[i] = want[i] > least[i] ? want[i] : least[i];
	while (sum > total) {
		widest = n;
		for (i = 0; i < n; i++) {
			if (width[i] > least[i] && (widest == n ||
			    width[i] >= width[widest]))
				widest = i;
		}
		if (widest == n)
			break;
		width[widest]--;
		sum--;
	}
	return (sum);
}
