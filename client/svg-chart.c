/*
 * The charts of aer export --format html, drawn as inline SVG that is
 * well-formed XML: a Pareto chart, a run chart and horizontal bars. A
 * hidden count is drawn as a short hatched stub at the base, labelled
 * "<5", never as a bar whose height could be read as a number; a count
 * aer was not given is left out. Every label from aerd is escaped by
 * html_text, and shown whole.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

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

static const char *svg_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* The axis: from 0 to top, in steps of step (1, 2 or 5 times 10^k). */
struct svg_axis {
	long long	top;
	long long	step;
};

static void
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
static size_t
svg_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

static void
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
static void
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
static void
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

/* A legend's entries, laid out in lines from x0 to SVG_W. */
struct svg_entry {
	int		 kind;
	const char	*colour;
	const char	*text;
};

/*
 * The legend, its first line's baseline at y, each entry whole: one that
 * would run past the right edge starts a line of its own. Draws it if
 * out is not NULL; returns the number of lines.
 */
static int
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
static void
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

static int
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
static void
svg_note(FILE *out, double x, double y, const char *text)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
	    "font-style=\"italic\">", x, y);
	html_text(out, text);
	fputs("</text>\n", out);
}

/* The legend's text of the hatched box. */
static const char *
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
static long long
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
static void
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
	int			 line, pass, lines;

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
	size_t			 i, every = n / 18 + 1, nkeys = 0;
	int			 year = 0, have = 0, gap = 0, hidden, partial;
	int			 lines, notes;

	hidden = svg_any(bars, n, CELL_HIDDEN);
	for (partial = 0, i = 0; i < n; i++)
		partial |= bars[i].partial;
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
		svg_note(out, l, y, "No median: with these months hidden, it "
		    "could tell what one of them held.");
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
