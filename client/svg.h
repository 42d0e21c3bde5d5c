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
 * What the charts of svg-chart.c, svg-pareto.c and svg-run.c are drawn
 * with: sizes, colours, and the pieces every chart is made of, each in
 * svg-chart.c.
 */
#ifndef AER_SVG_H
#define AER_SVG_H

#define SVG_W		720	/* width of every chart */
#define SVG_BLUE	"#1f4e79"
#define SVG_ORANGE	"#b34700"
#define SVG_GRID	"#d9d9d9"
#define SVG_INK		"#222222"
#define SVG_LINE	34	/* characters of a line of a bar's label */
#define SVG_LINES	4	/* lines of it, at most */
#define SVG_CHAR	6.5	/* pixels of a character at 11px, at most */
#define SVG_KEYCHAR	7.4	/* and at 12px, the legend's */
#define SVG_STUB	7	/* pixels of a hidden count's stub */
#define SVG_SLANT	0.7071	/* sine and cosine of a slanted label */
/* Keeps a number readable where a line crosses it. */
#define SVG_HALO	" stroke=\"#ffffff\" stroke-width=\"3\" " \
			"paint-order=\"stroke\""

/* The axis: from 0 to top, in steps of step (1, 2 or 5 times 10^k). */
struct svg_axis {
	long long	top;
	long long	step;
};

/* A legend's entries, laid out in lines from x0 to SVG_W. */
struct svg_entry {
	int		 kind;
	const char	*colour;
	const char	*text;
};

void		 svg_axis(struct svg_axis *, long long max);
size_t		 svg_chars(const char *);
void		 svg_open(FILE *, int id, int h, const char *title);
void		 svg_rect(FILE *, double x, double y, double w, double h,
		    const char *fill, long long count);
void		 svg_hidden(FILE *, int id, double x, double y, double w,
		    double h, long long sum);
int		 svg_legend(FILE *, int id, double x0, double y,
		    const struct svg_entry *, size_t);
void		 svg_yaxis(FILE *, const struct svg_axis *, double x0,
		    double x1, double y0, double y1, const char *title);
int		 svg_any(const struct chart_bar *, size_t, int kind);
long long	 svg_top(const struct chart_bar *, size_t, long long hidden_sum,
		    long long threshold);
void		 svg_note(FILE *, double x, double y, const char *text);
const char	*svg_hidden_text(char *, size_t, long long threshold);
void		 svg_count(FILE *, double x, double y, int kind,
		    long long count, long long threshold);

#endif
