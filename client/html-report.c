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
 * aer export --format html: the sections of the committee's summary,
 * each a chart (svg-chart.c) over its table, inside the page that
 * html-page.c begins and ends. Every string from aerd is escaped by
 * html_text; a hidden count is written "<5", never as a number.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

#define HR_DASH		"\xe2\x80\x93"	/* U+2013 EN DASH */
#define HR_MONTHS	6	/* months across a table */

struct hr {
	FILE		*out;
	long long	 threshold;
	int		 suppression;
	int		 footnote;	/* a "hidden" was written */
	int		 chart;		/* the id of the last chart */
};

/* The colour of a bar, by its code; the rest are blue. */
static const struct {
	const char	*code;
	const char	*fill;
} hr_fills[] = {
	{ "death", "#4a0d0d" }, { "severe", "#8b1a1a" },
	{ "moderate", "#c0392b" }, { "mild", "#d9822b" },
	{ "none", "#2e7d32" }, { "unknown", "#6b6b6b" },
	{ "not_recorded", "#9a9a9a" },
	{ "stronger", "#1b5e20" }, { "intermediate", "#1f4e79" },
	{ "weaker", "#8a8a8a" },
};

static const char *
hr_fill(json_t *row)
{
	const char	*code = case_str(row, "code");
	size_t		 i;

	for (i = 0; code != NULL && i < sizeof(hr_fills) / sizeof(hr_fills[0]);
	    i++) {
		if (strcmp(hr_fills[i].code, code) == 0)
			return (hr_fills[i].fill);
	}
	return (NULL);
}

/*
 * A count: "12", "<5", "12+" (hidden, at least 12), or a dash when there
 * is none to give.
 */
static void
hr_count(struct hr *hr, int kind, long long n)
{
	if (kind == CELL_SHOWN)
		fprintf(hr->out, "%lld", n);
	else if (kind == CELL_HIDDEN && n > 1)
		fprintf(hr->out, "%lld+", n);
	else if (kind == CELL_HIDDEN)
		fprintf(hr->out, "&lt;%lld", hr->threshold);
	else
		fputs(HR_DASH, hr->out);
}

/* A figure withheld, since with the counts shown it would tell one. */
static void
hr_withheld(struct hr *hr)
{
	fputs("<i class=\"hid\">hidden</i>", hr->out);
	hr->footnote = 1;
}

/* A chart's bar of a cell: a hidden one's count is not in count. */
static void
hr_bar(struct chart_bar *bar, json_t *cell)
{
	bar->kind = summary_cell(cell, &bar->count);
	bar->at_least = 0;
	if (bar->kind != CELL_SHOWN) {
		bar->at_least = bar->count;
		bar->count = 0;
	}
}

/* A share or a number of days, or a dash as for a count. */
static void
hr_share(struct hr *hr, json_t *v, int days)
{
	char	buf[32];
	double	x;

	if (v == NULL && hr->suppression) {
		hr_withheld(hr);
		return;
	}
	if (!summary_share(v, &x)) {
		hr_count(hr, CELL_NONE, 0);
		return;
	}
	if (days)
		summary_days(x, buf, sizeof(buf));
	else
		summary_percent(x, buf, sizeof(buf));
	fputs(buf, hr->out);
}

/* A key figure: value over label. */
static void
hr_figure(struct hr *hr, const char *label, json_t *cell, json_t *share,
    int days)
{
	long long	n;
	int		kind;

	fputs("<div class=\"figure\"><b>", hr->out);
	if (cell != NULL) {
		kind = summary_cell(cell, &n);
		hr_count(hr, kind, n);
	} else
		hr_share(hr, share, days);
	fprintf(hr->out, "</b><span>%s</span></div>\n", label);
}

/* One row of a table: label, count, and a cumulative share if given. */
static void
hr_row(struct hr *hr, const char *label, int kind, long long n,
    const char *cum)
{
	fputs("<tr><td>", hr->out);
	html_text(hr->out, label);
	fprintf(hr->out, "</td><td class=\"n%s\">", kind == CELL_HIDDEN ?
	    " hid" : "");
	hr_count(hr, kind, n);
	fputs("</td>", hr->out);
	if (cum != NULL)
		fprintf(hr->out, "<td class=\"n\">%s</td>", cum);
	fputs("</tr>\n", hr->out);
}

/*
 * A table of rows, in order if given, with the cumulative share of the
 * total until the first hidden count: past it, the running sum would
 * give the hidden count away. The last row, all of them, is 100%.
 */
/* A cumulative share. */
static void
hr_cumulative(struct hr *hr, double x)
{
	char	buf[32];

	summary_percent(x, buf, sizeof(buf));
	fputs(buf, hr->out);
}

static void
hr_table(struct hr *hr, const char *head, const char *what, json_t *rows,
    const size_t *order, json_t *reply)
{
	json_t		*row;
	char		 buf[SUMMARY_LABEL];
	long long	 n, total, sum = 0;
	size_t		 i, last_hidden = 0;
	int		 kind, broken, whole;

	whole = summary_cell(json_object_get(reply, "total"), &total) ==
	    CELL_SHOWN && total > 0;
	broken = !whole;
	for (i = 0; order != NULL && i < json_array_size(rows); i++) {
		if (summary_cell(json_object_get(json_array_get(rows,
		    order[i]), "count"), &n) == CELL_HIDDEN)
			last_hidden = i + 1;
	}
	fprintf(hr->out, "<table><thead><tr><th>%s</th><th class=\"n\">%s"
	    "</th>%s</tr></thead><tbody>\n", head, what, order != NULL ?
	    "<th class=\"n\">Cumulative</th>" : "");
	for (i = 0; i < json_array_size(rows); i++) {
		row = json_array_get(rows, order != NULL ? order[i] : i);
		kind = summary_cell(json_object_get(row, "count"), &n);
		fputs("<tr><td>", hr->out);
		html_text(hr->out, summary_label(row, buf, sizeof(buf)));
		fprintf(hr->out, "</td><td class=\"n%s\">", kind ==
		    CELL_HIDDEN ? " hid" : "");
		hr_count(hr, kind, n);
		fputs("</td>", hr->out);
		if (order != NULL) {
			/* Past the hidden rows, every report is counted. */
			broken |= kind != CELL_SHOWN;
			sum += kind == CELL_SHOWN ? n : 0;
			fputs("<td class=\"n\">", hr->out);
			if (!broken || (whole && i + 1 >= last_hidden &&
			    kind != CELL_HIDDEN) || (whole && i + 1 ==
			    last_hidden))
				hr_cumulative(hr, broken ? 1.0 :
				    (double)sum / (double)total);
			else if (whole)
				hr_withheld(hr);
			else
				hr_count(hr, CELL_NONE, 0);
			fputs("</td>", hr->out);
		}
		fputs("</tr>\n", hr->out);
	}
	if (json_array_size(rows) == 0)
		fputs("<tr><td>None.</td><td></td></tr>\n", hr->out);
	fputs("</tbody></table>\n", hr->out);
}

/*
 * The figure of a chart, with an id that names it for a reader's
 * bookmarks and for tests.
 */
static void
hr_figure_open(struct hr *hr, const char *name, const char *title)
{
	fprintf(hr->out, "<figure id=\"chart-%s\" aria-label=\"", name);
	html_text(hr->out, title);
	fputs("\">\n", hr->out);
}

/*
 * A chart of rows, in order if given: kind 'p' a Pareto chart, 'r' a run
 * chart, 'b' bars; in a figure named name. of_total: the rows add up to
 * the reply's total, so the hidden ones' sum is known. Returns -1 when
 * out of memory.
 */
static int
hr_chart(struct hr *hr, int kind, const char *name, const char *title,
    const char *what, json_t *rows, const size_t *order, json_t *reply,
    int of_total)
{
	struct chart_bar	*bars;
	char			(*labels)[SUMMARY_LABEL];
	json_t			*row;
	size_t			 i, n = json_array_size(rows);
	long long		 total, hidden_sum = 0;
	double			 median;
	int			 total_kind, has_median;

	bars = calloc(n + 1, sizeof(*bars));
	labels = calloc(n + 1, sizeof(*labels));
	if (bars == NULL || labels == NULL) {
		free(bars);
		free(labels);
		aer_warnx("out of memory");
		return (-1);
	}
	total_kind = summary_cell(json_object_get(reply, "total"), &total);
	for (i = 0; i < n; i++) {
		row = json_array_get(rows, order != NULL ? order[i] : i);
		bars[i].label = summary_label(row, labels[i], SUMMARY_LABEL);
		hr_bar(&bars[i], json_object_get(row, "count"));
		bars[i].fill = hr_fill(row);
		if (kind == 'r')
			bars[i].partial = summary_month_partial(bars[i].label,
			    case_str(reply, "from"), case_str(reply, "to"));
		hidden_sum -= bars[i].count;
	}
	/* The hidden rows' sum, where the rows add up to the total. */
	if (!of_total || total_kind != CELL_SHOWN)
		hidden_sum = -1;
	else
		hidden_sum += total;
	hr_figure_open(hr, name, title);
	hr->chart++;
	if (kind == 'p')
		svg_pareto(hr->out, hr->chart, bars, n, total_kind, total,
		    hr->threshold);
	else if (kind == 'r') {
		has_median = summary_run_median(reply, rows, &median);
		svg_run(hr->out, hr->chart, bars, n, has_median, median,
		    hr->threshold);
	} else
		svg_bars(hr->out, hr->chart, title, what, bars, n,
		    hr->threshold, hidden_sum);
	fputs("</figure>\n", hr->out);
	free(bars);
	free(labels);
	return (0);
}

/* Two tables side by side. */
static void
hr_pair(struct hr *hr, const char *head1, json_t *rows1, const char *head2,
    json_t *rows2, const char *what, json_t *reply)
{
	fputs("<div class=\"cols\">\n<div>\n", hr->out);
	hr_table(hr, head1, what, rows1, NULL, reply);
	fputs("</div>\n<div>\n", hr->out);
	hr_table(hr, head2, what, rows2, NULL, reply);
	fputs("</div>\n</div>\n", hr->out);
}

/* The months across the page, HR_MONTHS to a table. */
static void
hr_months(struct hr *hr, json_t *months)
{
	json_t		*row;
	char		 buf[SUMMARY_LABEL];
	long long	 n;
	size_t		 i, j, end;
	int		 kind;

	for (i = 0; i < json_array_size(months); i = end) {
		end = i + HR_MONTHS;
		if (end > json_array_size(months))
			end = json_array_size(months);
		fputs("<table class=\"months\"><tbody>\n<tr><th>Month</th>",
		    hr->out);
		for (j = i; j < end; j++) {
			fputs("<th class=\"n\">", hr->out);
			html_text(hr->out, summary_label(json_array_get(months,
			    j), buf, sizeof(buf)));
			fputs("</th>", hr->out);
		}
		fputs("</tr>\n<tr><td>Reports</td>", hr->out);
		for (j = i; j < end; j++) {
			row = json_array_get(months, j);
			kind = summary_cell(json_object_get(row, "count"), &n);
			fprintf(hr->out, "<td class=\"n%s\">", kind ==
			    CELL_HIDDEN ? " hid" : "");
			hr_count(hr, kind, n);
			fputs("</td>", hr->out);
		}
		fputs("</tr>\n</tbody></table>\n", hr->out);
	}
}

/* RCAs completed on time and late, and those overdue. */
static void
hr_rca(struct hr *hr, json_t *reply)
{
	static const char	*label[] = { "Completed on time",
				    "Completed late", "Overdue, not complete" };
	static const char	*fill[] = { "#2e7d32", "#b34700", "#8b1a1a" };
	struct chart_bar	 bars[3];
	json_t			*rca = json_object_get(reply, "rca");
	long long		 n, hidden;
	size_t			 i;
	int			 kind;

	memset(bars, 0, sizeof(bars));
	hr_bar(&bars[0], json_object_get(rca, "on_time"));
	bars[1].kind = summary_late(rca, reply, &bars[1].count);
	hr_bar(&bars[2], json_object_get(rca, "overdue"));
	for (i = 0; i < 3; i++) {
		bars[i].label = label[i];
		bars[i].fill = fill[i];
	}
	/* On time and late hidden: together, they are the completed. */
	hidden = -1;
	if (bars[0].kind == CELL_HIDDEN && bars[1].kind == CELL_HIDDEN &&
	    bars[2].kind != CELL_HIDDEN && summary_cell(json_object_get(rca,
	    "completed"), &n) == CELL_SHOWN)
		hidden = n;
	fputs("<section>\n<h2>Root-cause analyses</h2>\n", hr->out);
	hr_figure_open(hr, "rca-timeliness", "RCA timeliness: completed on "
	    "time, late, and overdue");
	svg_bars(hr->out, ++hr->chart, "RCA timeliness: completed on time, "
	    "late, and overdue", "RCAs", bars, 3, hr->threshold, hidden);
	fputs("</figure>\n<table><tbody>\n", hr->out);
	kind = summary_cell(json_object_get(rca, "completed"), &n);
	hr_row(hr, "RCAs completed", kind, n, NULL);
	for (i = 0; i < 3; i++)
		hr_row(hr, label[i], bars[i].kind, bars[i].kind == CELL_SHOWN ?
		    bars[i].count : bars[i].at_least, NULL);
	fputs("<tr><td>Completed by the due date</td><td class=\"n\">",
	    hr->out);
	hr_share(hr, summary_on_time_share(reply), 0);
	fputs("</td></tr>\n<tr><td>Median days to complete</td>"
	    "<td class=\"n\">", hr->out);
	hr_share(hr, json_object_get(rca, "median_days_to_complete"), 1);
	fputs("</td></tr>\n</tbody></table>\n</section>\n", hr->out);
}

static int
hr_actions(struct hr *hr, json_t *reply)
{
	json_t		*actions = json_object_get(reply, "actions");
	long long	 n;
	int		 kind;

	fputs("<section>\n<h2>Corrective actions</h2>\n", hr->out);
	if (hr_chart(hr, 'b', "action-strength", "Corrective actions by "
	    "strength (RCA\xc2\xb2 hierarchy)", "Actions",
	    json_object_get(actions, "by_strength"),
	    NULL, reply, 0) == -1)
		return (-1);
	hr_pair(hr, "Strength", json_object_get(actions, "by_strength"),
	    "Status", json_object_get(actions, "by_status"), "Actions", reply);
	fputs("<table><tbody>\n", hr->out);
	kind = summary_cell(json_object_get(actions, "overdue"), &n);
	hr_row(hr, "Actions overdue", kind, n, NULL);
	fputs("<tr><td>Cases with a stronger or intermediate action</td>"
	    "<td class=\"n\">", hr->out);
	hr_share(hr, json_object_get(actions,
	    "cases_with_stronger_or_intermediate_share"), 0);
	fputs("</td></tr>\n</tbody></table>\n</section>\n", hr->out);
	return (0);
}

static void
hr_figures(struct hr *hr, json_t *reply)
{
	json_t	*rca = json_object_get(reply, "rca");
	json_t	*actions = json_object_get(reply, "actions");

	fputs("<section>\n<h2>Key figures</h2>\n<div class=\"figures\">\n",
	    hr->out);
	hr_figure(hr, "reports received", json_object_get(reply, "total"),
	    NULL, 0);
	hr_figure(hr, "near misses", NULL, summary_near_miss_share(reply), 0);
	hr_figure(hr, "RCAs completed on time", NULL,
	    summary_on_time_share(reply), 0);
	hr_figure(hr, "cases with a stronger or intermediate action", NULL,
	    json_object_get(actions,
	    "cases_with_stronger_or_intermediate_share"), 0);
	hr_figure(hr, "RCAs overdue", json_object_get(rca, "overdue"), NULL,
	    0);
	hr_figure(hr, "actions overdue", json_object_get(actions, "overdue"),
	    NULL, 0);
	hr_figure(hr, "median days to triage", NULL, json_object_get(reply,
	    "median_days_to_triage"), 1);
	hr_figure(hr, "median days to close", NULL, json_object_get(reply,
	    "median_days_to_close"), 1);
	fputs("</div>\n</section>\n", hr->out);
}

/* The whole report, to out. Returns the exit status. */
int
html_report(FILE *out, json_t *reply, const struct summary_range *r)
{
	struct hr	 hr;
	json_t		*rows;
	size_t		*order;
	int		 rc = 0;

	memset(&hr, 0, sizeof(hr));
	hr.out = out;
	hr.threshold = summary_threshold(reply);
	hr.suppression = summary_suppressed(reply);
	html_begin(out, reply, r);
	hr_figures(&hr, reply);
	rows = json_object_get(reply, "by_category");
	order = summary_order(rows);
	fputs("<section>\n<h2>Events by category</h2>\n", out);
	if (json_array_size(rows) > 0 && order == NULL)
		rc = -1;
	else {
		rc |= hr_chart(&hr, 'p', "category-pareto", "Events by "
		    "category, largest first (Pareto)", "Reports", rows, order,
		    reply, 1);
		hr_table(&hr, "Category", "Reports", rows, order, reply);
	}
	free(order);
	rows = json_object_get(reply, "by_month");
	fputs("</section>\n<section>\n<h2>Reports by month</h2>\n", out);
	rc |= hr_chart(&hr, 'r', "monthly-run", "Reports received each "
	    "month, with the median month (run chart)", "Reports", rows, NULL,
	    reply, 1);
	hr_months(&hr, rows);
	fputs("</section>\n<section>\n<h2>Harm and event type</h2>\n", out);
	rc |= hr_chart(&hr, 'b', "harm", "Reports by harm to the patient",
	    "Reports", json_object_get(reply, "by_harm"), NULL, reply, 1);
	hr_pair(&hr, "Harm", json_object_get(reply, "by_harm"), "Event type",
	    json_object_get(reply, "by_event_type"), "Reports", reply);
	fputs("</section>\n<section>\n<h2>Location</h2>\n", out);
	hr_table(&hr, "Location", "Reports", json_object_get(reply,
	    "by_location"), NULL, reply);
	fputs("</section>\n", out);
	hr_rca(&hr, reply);
	rc |= hr_actions(&hr, reply);
	html_end(out, reply, hr.footnote);
	return (rc == 0 ? AER_EXIT_OK : AER_EXIT_FAIL);
}
