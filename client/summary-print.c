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
 * aer summary's tables: one row per count, aligned, each with a bar
 * scaled to the largest count shown in its table. A hidden count prints
 * as "<5" (the threshold aerd names), or as "12+" when aerd says it is
 * at least 12 (the committee's, over months), and gets no bar; a share
 * withheld because it would give a hidden count away prints as
 * "hidden", and a figure with nothing to count as "-". The tables fit
 * the terminal's width (80 columns when not a terminal); a label too
 * long for its column wraps at spaces onto the lines under it, whole.
 * Bars are block characters in a UTF-8 locale, '#' otherwise.
 * Everything that came from aerd goes through aer_print_text.
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

/* How many columns of bar count takes when max takes width. */
static int
sp_len(long long count, long long max, int width)
{
	int	len;

	if (max <= 0 || count <= 0)
		return (0);
	len = (int)((double)count * width / (double)max + 0.5);
	return (len == 0 ? 1 : len);
}

/*
 * The text of a count: "12", "<5", "12+" (hidden, at least 12), or "-"
 * when there is none to give.
 */
static const char *
sp_count(struct sp *sp, int kind, long long count, char *buf, size_t len)
{
	if (kind == CELL_SHOWN)
		snprintf(buf, len, "%lld", count);
	else if (kind == CELL_HIDDEN && count > 1) {
		snprintf(buf, len, "%lld+", count);
		sp->at_least = 1;
	} else if (kind == CELL_HIDDEN) {
		snprintf(buf, len, "<%lld", sp->threshold);
		sp->hidden = 1;
	} else
		snprintf(buf, len, "-");
	return (buf);
}

/*
 * One row: label, count, extra (or NULL), then a bar of len columns with
 * the median mark, if mark >= 0, at that column.
 */
static void
sp_row(struct sp *sp, const char *label, int lw, int kind, long long count,
    const char *extra, int len, int mark)
{
	char	num[SP_NUM], *rest;
	int	i;

	fputs("  ", stdout);
	rest = sp_label(sp, label, lw);
	printf("  %6s", sp_count(sp, kind, count, num, sizeof(num)));
	if (extra != NULL)
		printf("  %6s", extra);
	if (kind != CELL_SHOWN)
		len = 0;
	if (len > 0 || mark >= 0)
		fputs("  ", stdout);
	for (i = 0; i < len || i <= mark; i++)
		fputs(i == mark ? sp->mark : i < len ? sp->full : " ", stdout);
	fputc('\n', stdout);
	sp_rest(sp, rest, lw);
}

/* The widest label of rows, within bounds; and the largest count shown. */
static int
sp_measure(const struct sp *sp, json_t *rows, long long *max)
{
	json_t		*row;
	char		 buf[SUMMARY_LABEL];
	long long	 n;
	size_t		 i;
	int		 lw = 8;

	*max = 0;
	json_array_foreach(rows, i, row) {
		if ((int)sp_width(summary_label(row, buf, sizeof(buf))) > lw)
			lw = (int)sp_width(summary_label(row, buf,
			    sizeof(buf)));
		if (summary_cell(json_object_get(row, "count"), &n) ==
		    CELL_SHOWN && n > *max)
			*max = n;
	}
	return (lw > sp->label ? sp->label : lw);
}

static int
sp_bar_width(const struct sp *sp, int lw, int extra)
{
	int	w = sp->width - 2 - lw - 2 - 6 - 2 - (extra ? 8 : 0);

	return (w > SP_BAR ? SP_BAR : w < 10 ? 10 : w);
}

/*
 * A table of rows, in order if given. A Pareto table adds the cumulative
 * share of the total, which stops at the first hidden count: past it,
 * the running sum would give the hidden count away. The last row, all
 * of them, is 100%.
 */
static void
sp_table(struct sp *sp, const char *title, const char *what, json_t *rows,
    const size_t *order, long long total, int total_kind)
{
	json_t		*row;
	char		 buf[SUMMARY_LABEL], cum[SP_NUM];
	long long	 max, n, sum = 0;
	size_t		 i, last_hidden = 0;
	int		 lw, bw, kind, whole = total_kind == CELL_SHOWN &&
			    total > 0, broken = !whole;

	for (i = 0; order != NULL && i < json_array_size(rows); i++) {
		if (summary_cell(json_object_get(json_array_get(rows,
		    order[i]), "count"), &n) == CELL_HIDDEN)
			last_hidden = i + 1;
	}
	printf("\n%s\n", title);
	if (json_array_size(rows) == 0) {
		fputs("  (none)\n", stdout);
		return;
	}
	lw = sp_measure(sp, rows, &max);
	bw = sp_bar_width(sp, lw, order != NULL);
	if (order != NULL)
		printf("  %-*s  %6s  %6s\n", lw, what, "N", "cum %");
	for (i = 0; i < json_array_size(rows); i++) {
		row = json_array_get(rows, order != NULL ? order[i] : i);
		kind = summary_cell(json_object_get(row, "count"), &n);
		if (order != NULL) {
			/* Past the hidden rows, every report is counted. */
			broken |= kind != CELL_SHOWN;
			sum += kind == CELL_SHOWN ? n : 0;
			if (!broken)
				summary_percent((double)sum / (double)total,
				    cum, sizeof(cum));
			else if (whole && (i + 1 == last_hidden ||
			    (i + 1 > last_hidden && kind != CELL_HIDDEN)))
				snprintf(cum, sizeof(cum), "100%%");
			else if (whole) {
				snprintf(cum, sizeof(cum), "hidden");
				sp->footnote = 1;
			} else
				sp_count(sp, CELL_NONE, 0, cum, sizeof(cum));
		}
		sp_row(sp, summary_label(row, buf, sizeof(buf)), lw, kind, n,
		    order != NULL ? cum : NULL, sp_len(n, max, bw), -1);
	}
}

/* The run chart: a bar a month, the median of every month marked. */
static void
sp_months(struct sp *sp, json_t *reply)
{
	json_t		*row, *months = json_object_get(reply, "by_month");
	const char	*label;
	char		 buf[SUMMARY_LABEL], text[SUMMARY_LABEL + 8], med[SP_NUM];
	double		 median;
	long long	 max, n;
	size_t		 i, whole;
	int		 lw, bw, kind, part, mark = -1;

	lw = sp_measure(sp, months, &max) + 7;	/* " (part)" */
	bw = sp_bar_width(sp, lw, 0) - 1;
	if (summary_run_median(reply, months, &median)) {
		summary_days(median, med, sizeof(med));
		printf("\nBy month (%s marks the median month, %s reports)\n",
		    sp->mark, med);
		if (max > 0)
			mark = (int)(median * bw / (double)max + 0.5);
		if (mark > bw)
			mark = bw;
	} else if (json_array_size(months) > 0) {
		for (whole = 0, i = 0; i < json_array_size(months); i++)
			whole += !summary_month_partial(case_or(json_array_get(
			    months, i), "month", ""), case_str(reply, "from"),
			    case_str(reply, "to"));
		fputs(whole == 0 ? "\nBy month (no median: no whole month "
		    "is in the range)\n" : "\nBy month (no median: with "
		    "these months hidden, it could tell one)\n", stdout);
	} else
		fputs("\nBy month\n", stdout);
	if (json_array_size(months) == 0)
		fputs("  (none)\n", stdout);
	json_array_foreach(months, i, row) {
		kind = summary_cell(json_object_get(row, "count"), &n);
		label = summary_label(row, buf, sizeof(buf));
		/* A month the range has only part of says so. */
		part = summary_month_partial(label, case_str(reply, "from"),
		    case_str(reply, "to"));
		snprintf(text, sizeof(text), "%s%s", label, part ?
		    " (part)" : "");
		sp->partial |= part;
		sp_row(sp, text, lw, kind, n, NULL, sp_len(n, max, bw), mark);
	}
}

/* One figure: label, count as in a table, no bar. */
static void
sp_figure(struct sp *sp, const char *label, json_t *cell)
{
	char		num[SP_NUM], *rest;
	long long	n;
	int		kind = summary_cell(cell, &n);

	fputs("  ", stdout);
	rest = sp_label(sp, label, sp->key);
	printf("  %6s\n", sp_count(sp, kind, n, num, sizeof(num)));
	sp_rest(sp, rest, sp->key);
}

/* A share as a percentage with a bar to 100%; or a median in days. */
static void
sp_share(struct sp *sp, const char *label, json_t *v, int days)
{
	char	num[SP_NUM], *rest;
	double	x;
	int	i, len;

	fputs("  ", stdout);
	rest = sp_label(sp, label, sp->key);
	if (v == NULL && sp->suppression) {
		printf("  %6s\n", "hidden");
		sp->footnote = 1;
	} else if (!summary_share(v, &x))
		printf("  %6s\n", sp_count(sp, CELL_NONE, 0, num,
		    sizeof(num)));
	else if (days) {
		summary_days(x, num, sizeof(num));
		printf("  %6s\n", num);
	} else {
		summary_percent(x, num, sizeof(num));
		printf("  %6s  ", num);
		len = (int)(x * SP_SHARE + 0.5);
		for (i = 0; i < SP_SHARE; i++)
			fputs(i < len ? sp->full : sp->empty, stdout);
		fputc('\n', stdout);
	}
	sp_rest(sp, rest, sp->key);
}

static void
sp_rca(struct sp *sp, json_t *reply)
{
	json_t		*rca = json_object_get(reply, "rca");
	long long	 on_time, late, overdue, max = 0;
	int		 k_on, k_late, k_over, bw = sp_bar_width(sp, sp->key, 0);

	fputs("\nRCA timeliness\n", stdout);
	k_on = summary_cell(json_object_get(rca, "on_time"), &on_time);
	k_late = summary_late(rca, reply, &late);
	k_over = summary_cell(json_object_get(rca, "overdue"), &overdue);
	if (k_on == CELL_SHOWN && on_time > max)
		max = on_time;
	if (k_late == CELL_SHOWN && late > max)
		max = late;
	if (k_over == CELL_SHOWN && overdue > max)
		max = overdue;
	sp_figure(sp, "RCAs completed", json_object_get(rca, "completed"));
	sp_row(sp, "  on time (by the due date)", sp->key, k_on, on_time, NULL,
	    sp_len(on_time, max, bw), -1);
	sp_row(sp, "  late", sp->key, k_late, late, NULL,
	    sp_len(late, max, bw), -1);
	sp_row(sp, "RCAs overdue, not complete", sp->key, k_over, overdue,
	    NULL, sp_len(overdue, max, bw), -1);
	sp_share(sp, "Completed on time", summary_on_time_share(reply), 0);
	sp_share(sp, "Median days to complete", json_object_get(rca,
	    "median_days_to_complete"), 1);
}

static void
sp_actions(struct sp *sp, json_t *reply)
{
	json_t	*actions = json_object_get(reply, "actions");

	sp_table(sp, "Corrective actions by strength", NULL,
	    json_object_get(actions, "by_strength"), NULL, 0, CELL_NONE);
	sp_table(sp, "Corrective actions by status", NULL,
	    json_object_get(actions, "by_status"), NULL, 0, CELL_NONE);
	fputc('\n', stdout);
	sp_share(sp, "Cases with a stronger or intermediate action",
	    json_object_get(actions,
	    "cases_with_stronger_or_intermediate_share"), 0);
	sp_figure(sp, "Actions overdue", json_object_get(actions, "overdue"));
}

/* Print the summary for people. Returns the exit status. */
int
summary_print(json_t *reply)
{
	struct sp	 sp;
	json_t		*total = json_object_get(reply, "total");
	long long	 n;
	size_t		*order;
	int		 kind;

	memset(&sp, 0, sizeof(sp));
	sp_glyphs(&sp);
	sp_columns(&sp);
	sp.threshold = summary_threshold(reply);
	sp.suppression = summary_suppressed(reply);
	fputs("aer safety summary ", stdout);
	aer_print_text(stdout, case_or(reply, "from", "?"));
	fputs(sp.dash, stdout);
	aer_print_text(stdout, case_or(reply, "to", "?"));
	fputs(", by the day reports were received\n", stdout);
	if (sp.suppression)
		printf("Counts under %lld are shown as <%lld, with no bar.\n",
		    sp.threshold, sp.threshold);
	else
		fputs("Unsuppressed: small counts are shown. For reviewers "
		    "only; do not pass on.\n", stdout);

	fputc('\n', stdout);
	kind = summary_cell(total, &n);
	sp_figure(&sp, "Reports received", total);
	sp_share(&sp, "Near-miss share", summary_near_miss_share(reply), 0);
	sp_table(&sp, "By event type", NULL, json_object_get(reply,
	    "by_event_type"), NULL, 0, CELL_NONE);
	order = summary_order(json_object_get(reply, "by_category"));
	sp_table(&sp, "By category, largest first (Pareto)", "Category",
	    json_object_get(reply, "by_category"), order, n, kind);
	free(order);
	sp_table(&sp, "By harm", NULL, json_object_get(reply, "by_harm"),
	    NULL, 0, CELL_NONE);
	sp_table(&sp, "By location", NULL, json_object_get(reply,
	    "by_location"), NULL, 0, CELL_NONE);
	sp_months(&sp, reply);
	sp_rca(&sp, reply);
	sp_actions(&sp, reply);
	fputc('\n', stdout);
	sp_share(&sp, "Median days to triage", json_object_get(reply,
	    "median_days_to_triage"), 1);
	sp_share(&sp, "Median days to close", json_object_get(reply,
	    "median_days_to_close"), 1);
	if (sp.footnote)
		printf("\nhidden: not shown, since with the counts shown it "
		    "would give away a count\nunder %lld. - : nothing to "
		    "count.\n", sp.threshold);
	if (sp.hidden)
		printf("<%lld marks a count under %lld, or one hidden so that "
		    "such a count cannot\nbe worked out from the total.\n",
		    sp.threshold, sp.threshold);
	if (sp.partial)
		fputs("(part): only some of the month's days are in the "
		    "range, or it has not ended;\nthe median is of whole "
		    "months.\n", stdout);
	if (sp.at_least)
		fputs("N+ marks a count of at least N, hidden because a month "
		    "of the range hides\npart of it: each month's counts are "
		    "suppressed on their own.\n", stdout);
	return (aer_flush_stdout("the summary"));
}
