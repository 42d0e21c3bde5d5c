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
 * The run chart of aer export --format html: the reports of each month
 * joined by a line, with the median month.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"
#include "svg.h"

static const char *svg_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/*
 * The month under a point, "Jan", and under it the year when it is not
 * the year of the month labelled before (*year).
 */
static void
svg_month(FILE *out, const char *ym, double x, double y, int *year)
{
	int	m = strlen(ym) == 7 ? atoi(ym + 5) : 0;

	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
	    x, y);
	if (m >= 1 && m <= 12)
		fputs(svg_months[m - 1], out);
	else
		html_text(out, ym);
	fputs("</text>\n", out);
	if (m >= 1 && m <= 12 && atoi(ym) != *year) {
		*year = atoi(ym);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
		    "\"middle\" font-weight=\"bold\">%d</text>\n", x, y + 15,
		    *year);
	}
}

/*
 * A run chart: the count of each month joined by a line, the median of
 * every month of the range (as aerd worked it out, hidden months
 * included) as a dashed line. A hidden month is a stub at the base; the
 * line goes on across it dotted and grey, since what it held is not
 * shown. A month the range has only part of (the one still going on, or
 * cut by the range) is a hollow point, reached by a dashed line: its
 * count is of fewer days than a month's, and the caller's median is
 * then of the whole months.
 */
void
svg_run(FILE *out, int id, const struct chart_bar *bars, size_t n,
    int has_median, double median, long long threshold)
{
	struct svg_axis		 a;
	struct svg_entry	 keys[4];
	const double		 l = 60, r = 612;
	double			 t, b, band, x, y, px = 0, py = 0, h;
	char			 num[32], key[64];
	long long		 max = svg_top(bars, n, -1, threshold);
	size_t			 i, every = n / 18 + 1, nkeys = 0, whole;
	int			 year = 0, have = 0, gap = 0, hidden, partial;
	int			 lines, notes;

	hidden = svg_any(bars, n, CELL_HIDDEN);
	for (partial = 0, whole = 0, i = 0; i < n; i++) {
		partial |= bars[i].partial;
		whole += !bars[i].partial;
	}
	keys[nkeys++] = (struct svg_entry){ 1, SVG_BLUE, "Reports a month" };
	if (has_median)
		keys[nkeys++] = (struct svg_entry){ 3, SVG_ORANGE,
		    "Median month" };
	if (partial)
		keys[nkeys++] = (struct svg_entry){ 4, SVG_BLUE,
		    "Part of a month only" };
	if (hidden)
		keys[nkeys++] = (struct svg_entry){ 2, NULL,
		    svg_hidden_text(key, sizeof(key), threshold) };
	lines = svg_legend(NULL, id, l, 18, keys, nkeys);
	t = 44 + 16 * (lines - 1);
	b = t + 188;
	notes = (hidden || (!has_median && n > 0)) + partial;
	svg_open(out, id, (int)b + 58 + 16 * notes, "Reports received each "
	    "month, with the median month");
	svg_axis(&a, has_median && median > (double)max ? (long long)median +
	    1 : max);
	svg_yaxis(out, &a, l, r, t, b, "Reports");
	band = n > 0 ? (r - l) / (double)n : 0;
	for (i = 0; i < n; i++) {
		if (bars[i].kind == CELL_HIDDEN)
			gap = 1;
		if (bars[i].kind != CELL_SHOWN)
			continue;
		x = l + band * ((double)i + 0.5);
		y = b - (double)bars[i].count * (b - t) / (double)a.top;
		if (have)
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" %s/>\n", px, py, x, y,
			    gap ? "stroke=\"#8a8a8a\" stroke-width=\"1.5\" "
			    "stroke-dasharray=\"2 3\"" : bars[i].partial ?
			    "stroke=\"" SVG_BLUE "\" stroke-width=\"2\" "
			    "stroke-dasharray=\"6 4\"" : "stroke=\"" SVG_BLUE
			    "\" stroke-width=\"2\"");
		px = x;
		py = y;
		have = 1;
		gap = 0;
	}
	for (i = 0; i < n; i++) {
		x = l + band * ((double)i + 0.5);
		if (bars[i].kind == CELL_SHOWN) {
			y = b - (double)bars[i].count * (b - t) / (double)a.top;
			fprintf(out, "<circle class=\"%s\" data-count=\"%lld\" "
			    "cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" "
			    "stroke=\"" SVG_BLUE "\" stroke-width=\"2\"/>\n",
			    bars[i].partial ? "point partial" : "point",
			    bars[i].count, x, y, bars[i].partial ? "#ffffff" :
			    SVG_BLUE);
			if (n <= 24)
				svg_count(out, x, y - 9, CELL_SHOWN,
				    bars[i].count, threshold);
		} else if (bars[i].kind == CELL_HIDDEN) {
			h = SVG_STUB;
			svg_hidden(out, id, x - band * 0.25, b - h,
			    band * 0.5, h, -1);
			svg_count(out, x, b - h - 5, CELL_HIDDEN,
			    bars[i].at_least, threshold);
		}
		if (i % every == 0)
			svg_month(out, bars[i].label, x, b + 16, &year);
	}
	if (has_median) {
		y = b - median * (b - t) / (double)a.top;
		summary_days(median, num, sizeof(num));
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"" SVG_ORANGE "\" stroke-width=\"2\" "
		    "stroke-dasharray=\"6 4\"/>\n<text x=\"%.1f\" y=\"%.1f\" "
		    "fill=\"" SVG_ORANGE "\" font-weight=\"bold\">median "
		    "%s</text>\n", l, y, r, y, r + 6, y + 4, num);
	}
	svg_legend(out, id, l, 18, keys, nkeys);
	y = b + 66;
	if (!has_median && n > 0) {
		svg_note(out, l, y, whole == 0 ? "No median: no whole month "
		    "is in the range." : "No median: with these months "
		    "hidden, it could tell what one of them held.");
		y += 16;
	} else if (hidden) {
		svg_note(out, l, y, "The median is of every month, hidden "
		    "ones included; dotted: the line across hidden months.");
		y += 16;
	}
	if (partial)
		svg_note(out, l, y, "A hollow point counts only the days of "
		    "its month in the range; the median is of whole months.");
	fputs("</svg>\n", out);
}
