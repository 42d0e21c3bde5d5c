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
 * The Pareto chart of aer export --format html: the categories by their
 * count, largest first, with the cumulative share of every report.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"
#include "svg.h"

/*
 * A Pareto chart: the counts shown, largest first, as bars; then the
 * hidden ones as one hatched bar, as high as their sum where the total
 * is shown (the total less the counts shown, which the table tells
 * anyway), a stub where it is not; categories with no report are left
 * out, and a note says how many. The cumulative share of the total runs
 * through the bars shown to 100% at the hidden bar; with the total
 * hidden there is no line. The axis reaches the tallest bar. Labels are
 * slanted and whole; the left margin makes room for them.
 */
void
svg_pareto(FILE *out, int id, const struct chart_bar *bars, size_t n,
    int total_kind, long long total, long long threshold)
{
	struct svg_axis		 a;
	struct svg_entry	 keys[3];
	struct chart_bar	*d;
	const double		 r = 656;
	double			 l = 64, t, b, band, x, h, w, need, drop = 0;
	double			 hgt;
	char			 hidden_label[64], key[64], note[160];
	long long		 sum = 0, shown = 0, least = 0;
	size_t			 i, m = 0, hidden = 0, zero = 0, nkeys = 0;
	int			 line, pass, lines, hidden_bars;

	if ((d = calloc(n + 1, sizeof(*d))) == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (bars[i].kind == CELL_SHOWN && bars[i].count > 0) {
			d[m++] = bars[i];
			shown += bars[i].count;
		} else if (bars[i].kind == CELL_HIDDEN) {
			hidden++;
			least += bars[i].at_least > 0 ? bars[i].at_least : 1;
		} else
			zero++;
	}
	line = total_kind == CELL_SHOWN && total > 0;
	if (hidden > 0) {
		snprintf(hidden_label, sizeof(hidden_label), "%zu hidden "
		    "%s", hidden, hidden == 1 ? "category" : "categories");
		d[m].label = hidden_label;
		d[m].kind = CELL_HIDDEN;
		d[m].at_least = least > 1 ? least : 0;
		/* The sum is known from the total, but not one alone. */
		if (line && hidden > 1 && total - shown >= least) {
			d[m].count = total - shown;
			d[m].at_least = 0;
		}
		m++;
	}
	hidden_bars = hidden > 0;
	/* Room for the slanted labels: below, and left of the first bars. */
	for (pass = 0; pass < 2; pass++) {
		band = m > 0 ? (r - l) / (double)m : 0;
		for (i = 0; i < m; i++) {
			need = SVG_SLANT * SVG_CHAR * (double)svg_chars(
			    d[i].label);
			if (need > drop)
				drop = need;
			if (need + 12 - band * ((double)i + 0.5) > l)
				l = need + 12 - band * ((double)i + 0.5);
		}
	}
	band = m > 0 ? (r - l) / (double)m : 0;
	w = band * 0.7 < 90 ? band * 0.7 : 90;	/* a few bars stay bars */
	if (m > (size_t)hidden_bars)	/* a bar of a count shown */
		keys[nkeys++] = (struct svg_entry){ 0, SVG_BLUE, "Reports" };
	if (line)
		keys[nkeys++] = (struct svg_entry){ 1, SVG_ORANGE,
		    "Cumulative % of all reports" };
	if (hidden > 0)
		keys[nkeys++] = (struct svg_entry){ 2, NULL,
		    svg_hidden_text(key, sizeof(key), threshold) };
	lines = svg_legend(NULL, id, l, 18, keys, nkeys);
	t = 44 + 16 * (lines - 1);
	b = t + 192;
	hgt = b + 22 + drop + 24;
	svg_open(out, id, (int)hgt + (zero > 0 && m > 0 ? 16 : 0), "Events by category, largest first, "
	    "with the cumulative share of all reports");
	svg_axis(&a, svg_top(d, m, hidden > 0 && d[m - 1].count > 0 ?
	    d[m - 1].count : -1, threshold));
	svg_yaxis(out, &a, l, r, t, b, "Reports");
	for (i = 0; line && i <= 4; i++)
		fprintf(out, "<text class=\"pct\" x=\"%.1f\" y=\"%.1f\">"
		    "%zu%%</text>\n",
		    r + 6, b - (double)i * (b - t) / 4 + 4, i * 25);
	if (line)
		fprintf(out, "<text transform=\"translate(%d %.1f) "
		    "rotate(90)\" text-anchor=\"middle\">Cumulative %%"
		    "</text>\n", SVG_W - 12, (t + b) / 2);
	for (i = 0; i < m; i++) {
		x = l + band * (double)i;
		h = d[i].count > 0 ? (double)d[i].count * (b - t) /
		    (double)a.top : SVG_STUB;
		if (d[i].kind == CELL_SHOWN)
			svg_rect(out, x + (band - w) / 2, b - h, w, h,
			    SVG_BLUE, d[i].count);
		else
			svg_hidden(out, id, x + (band - w) / 2, b - h, w, h,
			    d[i].count > 0 ? d[i].count : -1);
		fprintf(out, "<text transform=\"translate(%.1f %.1f) "
		    "rotate(-45)\" text-anchor=\"end\" font-size=\"11\">",
		    x + band / 2 + 4, b + 12);
		html_text(out, d[i].label);
		fputs("</text>\n", out);
	}
	if (line && m > 0 && (hidden == 0 || d[m - 1].count > 0)) {
		fputs("<polyline fill=\"none\" stroke=\"" SVG_ORANGE "\" "
		    "stroke-width=\"2.5\" points=\"", out);
		for (sum = 0, i = 0; i < m; i++) {
			sum += d[i].count;
			fprintf(out, "%s%.1f,%.1f", i > 0 ? " " : "", l + band *
			    ((double)i + 0.5), b - (double)sum * (b - t) /
			    (double)total);
		}
		fputs("\"/>\n", out);
		for (sum = 0, i = 0; i < m; i++) {
			sum += d[i].count;
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
			    "r=\"3.5\" fill=\"" SVG_ORANGE "\"/>\n", l + band *
			    ((double)i + 0.5), b - (double)sum * (b - t) /
			    (double)total);
		}
	}
	/* The counts last, over the line. */
	for (i = 0; i < m; i++) {
		h = d[i].count > 0 ? (double)d[i].count * (b - t) /
		    (double)a.top : SVG_STUB;
		if (d[i].kind == CELL_HIDDEN && d[i].count > 0)
			svg_count(out, l + band * ((double)i + 0.5), b - h - 5,
			    CELL_SHOWN, d[i].count, threshold);
		else
			svg_count(out, l + band * ((double)i + 0.5), b - h - 5,
			    d[i].kind, d[i].kind == CELL_SHOWN ? d[i].count :
			    d[i].at_least, threshold);
	}
	svg_legend(out, id, l, 18, keys, nkeys);
	if (m == 0)
		svg_note(out, 64, hgt - 8, "No reports in this range.");
	else if (!line)
		svg_note(out, 64, hgt - 8, "No cumulative line: the total is "
		    "hidden, and the line would tell it.");
	else if (hidden > 1 && d[m - 1].count > 0) {
		snprintf(note, sizeof(note), "The hatched bar is the %zu "
		    "hidden categories together; the table names them.",
		    hidden);
		svg_note(out, 64, hgt - 8, note);
	}
	if (zero > 0 && m > 0) {
		snprintf(note, sizeof(note), "Not drawn: %zu %s with no "
		    "report.", zero, zero == 1 ? "category" : "categories");
		svg_note(out, 64, hgt + 8, note);
	}
	fputs("</svg>\n", out);
	free(d);
}
