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
 * The charts of aer export --format html, drawn as inline SVG that is
 * well-formed XML: what every chart is drawn with (svg.h), and the
 * horizontal bars; the Pareto chart is in svg-pareto.c, the run chart in
 * svg-run.c. A hidden count is drawn as a short hatched stub at the
 * base, labelled "<5", never as a bar whose height could be read as a
 * number; a count aer was not given is left out. Every label from aerd
 * is escaped by html_text, and shown whole.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"
#include "svg.h"

void
svg_axis(struct svg_axis *a, long long max)
{
	static const int	m[] = { 1, 2, 5 };
	long long		step = 1;
	size_t			i;

	if (max < 1)
		max = 1;
	for (i = 0; max > step * m[i] * 5; i = (i + 1) % 3) {
		if (i == 2)
			step *= 10;
	}
	a->step = step * m[i];
	a->top = (max + a->step - 1) / a->step * a->step;
}

/* Characters of a label, as a reader counts them. */
size_t
svg_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

void
svg_open(FILE *out, int id, int h, const char *title)
{
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"c%d-t\" font-family=\"DejaVu Sans, Liberation "
	    "Sans, Arial, Helvetica, sans-serif\" font-size=\"12\" fill=\""
	    SVG_INK "\">\n<title id=\"c%d-t\">", SVG_W, h, SVG_W, h, id, id);
	html_text(out, title);
	fprintf(out, "</title>\n<defs><pattern id=\"c%d-h\" width=\"6\" "
	    "height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
	    "stroke=\"#555555\" stroke-width=\"2\"/></pattern></defs>\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", id, SVG_W,
	    h);
}

/*
 * A bar of count. Bars and hatched boxes carry a class and their count
 * (data-count), for a reader's tools and for tests that check the
 * drawing against the numbers.
 */
void
svg_rect(FILE *out, double x, double y, double w, double h, const char *fill,
    long long count)
{
	fprintf(out, "<rect class=\"bar\" data-count=\"%lld\" x=\"%.1f\" "
	    "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
	    count, x, y, w, h, fill);
}

/*
 * A hatched box: where a hidden count is, not how many (class "hidden");
 * or, with sum >= 0, the known sum of hidden counts ("hidden-sum").
 */
void
svg_hidden(FILE *out, int id, double x, double y, double w, double h,
    long long sum)
{
	fprintf(out, "<rect class=\"%s\"", sum >= 0 ? "hidden-sum" :
	    "hidden");
	if (sum >= 0)
		fprintf(out, " data-count=\"%lld\"", sum);
	fprintf(out, " x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"url(#c%d-h)\" stroke=\"#444444\" "
	    "stroke-dasharray=\"3 2\"/>\n", x, y, w, h, id);
}

/*
 * A legend entry at x along y, returning where the next one goes: kind 0
 * a box, 1 a line, 2 a hatched box, 3 a dashed line, 4 a hollow point.
 */
static double
svg_key(FILE *out, int id, double x, double y, int kind, const char *colour,
    const char *text)
{
	if (kind == 0)
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"12\" fill=\"%s\"/>\n", x, y - 10, colour);
	else if (kind == 1 || kind == 3)
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.5\"%s/>\n",
		    x - 2, y - 4, x + 14, y - 4, colour,
		    kind == 3 ? " stroke-dasharray=\"6 4\"" : "");
	else if (kind == 4)
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
		    x + 6, y - 4, colour);
	else
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"12\" fill=\"url(#c%d-h)\" stroke=\"#444444\" "
		    "stroke-dasharray=\"3 2\"/>\n", x, y - 10, id);
	fprintf(out, "<text class=\"key\" x=\"%.1f\" y=\"%.1f\">", x + 18,
	    y);
	html_text(out, text);
	fputs("</text>\n", out);
	return (x + 18 + SVG_KEYCHAR * (double)svg_chars(text) + 16);
}

/*
 * The legend, its first line's baseline at y, each entry whole: one that
 * would run past the right edge starts a line of its own. Draws it if
 * out is not NULL; returns the number of lines.
 */
int
svg_legend(FILE *out, int id, double x0, double y,
    const struct svg_entry *e, size_t n)
{
	double	x = x0, w;
	size_t	i;
	int	lines = 1;

	for (i = 0; i < n; i++) {
		w = 18 + SVG_KEYCHAR * (double)svg_chars(e[i].text);
		if (x > x0 && x + w > SVG_W - 6) {
			x = x0;
			lines++;
		}
		if (out != NULL)
			x = svg_key(out, id, x, y + 16 * (lines - 1), e[i].kind,
			    e[i].colour, e[i].text);
		else
			x += w + 16;
	}
	return (lines);
}

/* Left axis with grid lines, from y0 (top) to y1 (bottom). */
void
svg_yaxis(FILE *out, const struct svg_axis *a, double x0, double x1,
    double y0, double y1, const char *title)
{
	long long	v;
	double		y;

	for (v = 0; v <= a->top; v += a->step) {
		y = y1 - (double)v * (y1 - y0) / (double)a->top;
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\"/>\n<text class=\"tick\" "
		    "x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%lld</text>\n",
		    x0, y, x1, y,
		    v == 0 ? SVG_INK : SVG_GRID, x0 - 6, y + 4, v);
	}
	fprintf(out, "<text transform=\"translate(14 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\">", (y0 + y1) / 2);
	html_text(out, title);
	fputs("</text>\n", out);
}

int
svg_any(const struct chart_bar *bars, size_t n, int kind)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (bars[i].kind == kind)
			return (1);
	}
	return (0);
}

/* The largest count shown: a hidden one has no height to fit. */
static long long
svg_max(const struct chart_bar *bars, size_t n)
{
	long long	max = 0;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (bars[i].kind == CELL_SHOWN && bars[i].count > max)
			max = bars[i].count;
	}
	return (max);
}

/*
 * Where the next line of a label of at most max characters ends: at the
 * last space that keeps it within max, or at max if there is none.
 * Returns the number of bytes, and in *next where the line after starts.
 */
static size_t
svg_wrap(const char *s, size_t max, const char **next)
{
	const char	*p, *space = NULL;
	size_t		 n = 0;

	for (p = s; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80 && n++ == max)
			break;
		if (*p == ' ')
			space = p;
	}
	if (*p == '\0' || space == NULL || space == s) {
		*next = p;
		return ((size_t)(p - s));
	}
	*next = space + 1;
	return ((size_t)(space - s));
}

/* Lines the label takes, wrapped as svg_label wraps it. */
static int
svg_lines(const char *s)
{
	int	lines = 0;

	while (*s != '\0' && lines < SVG_LINES) {
		svg_wrap(s, SVG_LINE, &s);
		lines++;
	}
	return (lines > 0 ? lines : 1);
}

/*
 * A label right-aligned at x, its first line's baseline at y, wrapped at
 * spaces into lines of SVG_LINE characters; past SVG_LINES lines it is
 * cut, and its title holds it whole.
 */
static void
svg_label(FILE *out, const char *s, double x, double y)
{
	const char	*p = s, *next;
	char		*line;
	size_t		 len;
	int		 i;

	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x,
	    y);
	if (svg_chars(s) > SVG_LINE * SVG_LINES) {
		fputs("<title>", out);
		html_text(out, s);
		fputs("</title>", out);
	}
	for (i = 0; *p != '\0' && i < SVG_LINES; i++, p = next) {
		len = svg_wrap(p, SVG_LINE, &next);
		if ((line = strndup(p, len)) == NULL)
			break;
		fprintf(out, "<tspan x=\"%.1f\" dy=\"%d\">", x, i ? 14 : 0);
		html_text(out, line);
		if (i == SVG_LINES - 1 && *next != '\0')
			fputs("\xe2\x80\xa6", out);
		fputs("</tspan>", out);
		free(line);
	}
	fputs("</text>\n", out);
}

/* A note under a chart, at y. */
void
svg_note(FILE *out, double x, double y, const char *text)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
	    "font-style=\"italic\">", x, y);
	html_text(out, text);
	fputs("</text>\n", out);
}

/* The legend's text of the hatched box. */
const char *
svg_hidden_text(char *buf, size_t len, long long threshold)
{
	snprintf(buf, len, "Hidden (under %lld, or would reveal one)",
	    threshold);
	return (buf);
}

/*
 * The top of the axis: the largest count shown, the sum of the hidden
 * ones where it is known (hidden_sum >= 0), and otherwise, with any
 * hidden, at least the threshold, since each could be that high.
 */
long long
svg_top(const struct chart_bar *bars, size_t n, long long hidden_sum,
    long long threshold)
{
	long long	max = svg_max(bars, n);
	size_t		i;

	for (i = 0; i < n; i++) {
		if (bars[i].kind != CELL_HIDDEN)
			continue;
		if (hidden_sum < 0 && threshold > max)
			max = threshold;
		if (bars[i].at_least > max)
			max = bars[i].at_least;
	}
	return (hidden_sum > max ? hidden_sum : max);
}

/* The count over a bar or a point, or "<5" over a hatched box. */
void
svg_count(FILE *out, double x, double y, int kind, long long count,
    long long threshold)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-size=\"11\"" SVG_HALO ">", x, y);
	if (kind == CELL_SHOWN || count > 1)	/* hidden: count is at_least */
		fprintf(out, "%lld%s", count, kind == CELL_SHOWN ? "" : "+");
	else
		fprintf(out, "&lt;%lld", threshold);
	fputs("</text>\n", out);
}

/*
 * Horizontal bars, a row each, the count at the end of each bar; a
 * hidden count is a stub with "<5". Labels wrap onto more lines. Where
 * the sum of two or more hidden counts is known (hidden_sum > 0: a total
 * less the counts shown), a last row draws it, hatched, so that the
 * axis and the eye take in every report; the axis reaches it.
 */
void
svg_bars(FILE *out, int id, const char *title, const char *axis,
    const struct chart_bar *bars, size_t n, long long threshold,
    long long hidden_sum)
{
	struct svg_axis	 a;
	const double	 x0 = 250, x1 = 650, row = 26, t = 12;
	double		 y, w, b = t;
	long long	 v;
	size_t		 i, hidden = 0;
	int		 together;

	for (i = 0; i < n; i++) {
		b += row + 14 * (svg_lines(bars[i].label) - 1);
		hidden += bars[i].kind == CELL_HIDDEN;
	}
	together = hidden > 1 && hidden_sum > 0;
	if (together)
		b += row + 14;
	svg_open(out, id, (int)b + 46, title);
	svg_axis(&a, svg_top(bars, n, together ? hidden_sum : -1,
	    threshold));
	for (v = 0; v <= a.top; v += a.step) {
		w = x0 + (double)v * (x1 - x0) / (double)a.top;
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\"/>\n<text class=\"tick\" "
		    "x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%lld"
		    "</text>\n", w, t, w, b,
		    v == 0 ? SVG_INK : SVG_GRID, w, b + 16, v);
	}
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
	    (x0 + x1) / 2, b + 36);
	html_text(out, axis);
	fputs("</text>\n", out);
	for (y = t, i = 0; i < n; i++) {
		svg_label(out, bars[i].label, x0 - 10, y + 17);
		if (bars[i].kind == CELL_SHOWN) {
			w = (double)bars[i].count * (x1 - x0) / (double)a.top;
			svg_rect(out, x0, y + 4, w, 18, bars[i].fill != NULL ?
			    bars[i].fill : SVG_BLUE, bars[i].count);
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%lld"
			    "</text>\n", x0 + w + 6, y + 17, bars[i].count);
		} else if (bars[i].kind == CELL_HIDDEN) {
			svg_hidden(out, id, x0, y + 4, SVG_STUB, 18, -1);
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" "
			    "font-style=\"italic\">%s%lld%s</text>\n",
			    x0 + SVG_STUB + 6, y + 17, bars[i].at_least > 1 ?
			    "" : "&lt;", bars[i].at_least > 1 ?
			    bars[i].at_least : threshold, bars[i].at_least > 1 ?
			    "+" : "");
		} else
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">\xe2\x80\x93"
			    "</text>\n", x0 + 6, y + 17);
		y += row + 14 * (svg_lines(bars[i].label) - 1);
	}
	if (together) {
		svg_label(out, "The hidden rows, together", x0 - 10, y + 17);
		w = (double)hidden_sum * (x1 - x0) / (double)a.top;
		svg_hidden(out, id, x0, y + 4, w, 18, hidden_sum);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" "
		    "font-style=\"italic\">%lld</text>\n", x0 + w + 6, y + 17,
		    hidden_sum);
	}
	fputs("</svg>\n", out);
}
