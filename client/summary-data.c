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
 * Reading the committee's summary as aerd sends it (doc/API.md, GET
 * /v1/summary): the range asked for, the counts, which of them are
 * hidden, and what can be worked out from them without showing what was
 * hidden. aer summary prints it; aer export --format html draws it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aer.h"

/* A row's place in a Pareto order. */
struct summary_rank {
	size_t		i;
	int		kind;
	long long	count;
};

/*
 * A day, "YYYY-MM-DD", or a month, "YYYY-MM", as a day: a month's first
 * (last == 0) or its last. Returns 0, or -1 if it is neither.
 */
static int
summary_bound(const char *in, int last, char day[SUMMARY_DAY])
{
	static const int	 mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31,
				     30, 31, 30, 31 };
	const char		*p;
	int			 y, m, d = 1;

	if (case_day_ok(in)) {
		snprintf(day, SUMMARY_DAY, "%s", in);
		return (0);
	}
	if (strlen(in) != 7 || in[4] != '-')
		return (-1);
	for (p = in; *p != '\0'; p++) {
		if (p != in + 4 && (*p < '0' || *p > '9'))
			return (-1);
	}
	y = atoi(in);
	m = atoi(in + 5);
	if (y < 1900 || y > 9999 || m < 1 || m > 12)
		return (-1);
	if (last) {
		d = mdays[m - 1];
		if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
			d = 29;
	}
	snprintf(day, SUMMARY_DAY, "%04d-%02d-%02d", y, m, d);
	return (0);
}

/*
 * The range from the flags, each a day or a month (from its first day to
 * its last): --to defaults to today, --from to the first day of the
 * month eleven months before --to, so that a year of whole months is
 * shown. Returns 0, or the exit status of a bad command line.
 */
int
summary_range(const struct cmd_entry *entry, const char *from,
    const char *to, struct summary_range *r)
{
	struct tm	tm;
	time_t		now;

	if (to != NULL && summary_bound(to, 1, r->to) != 0)
		return (args_usage(entry, "--to %s is not a day or a month: "
		    "YYYY-MM-DD or YYYY-MM", to));
	if (from != NULL && summary_bound(from, 0, r->from) != 0)
		return (args_usage(entry, "--from %s is not a day or a month: "
		    "YYYY-MM-DD or YYYY-MM", from));
	if (to == NULL) {
		now = time(NULL);
		if (localtime_r(&now, &tm) == NULL ||
		    strftime(r->to, sizeof(r->to), "%Y-%m-%d", &tm) == 0) {
			aer_warnx("cannot tell what day it is");
			return (AER_EXIT_FAIL);
		}
	}
	if (from == NULL) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = atoi(r->to) - 1900;
		tm.tm_mon = atoi(r->to + 5) - 1 - 11;
		tm.tm_mday = 1;
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		if (mktime(&tm) == (time_t)-1 ||
		    strftime(r->from, sizeof(r->from), "%Y-%m-%d", &tm) == 0) {
			aer_warnx("cannot tell the day a year before %s",
			    r->to);
			return (AER_EXIT_FAIL);
		}
	}
	if (strcmp(r->from, r->to) > 0)
		return (args_usage(entry, "--from %s is after --to %s",
		    r->from, r->to));
	return (AER_EXIT_OK);
}

/*
 * The range as summary_range makes it, but for the committee, which aerd
 * gives only months that have ended: without --to, it ends with the
 * month before this one (aerd is asked who is calling). Returns 0, or
 * the exit status.
 */
int
summary_range_for(struct aer_ctx *ctx, const struct cmd_entry *entry,
    const char *from, const char *to, struct summary_range *r)
{
	json_t		*who = NULL;
	const char	*role;
	char		 month[32], last[SUMMARY_DAY];
	int		 rc, y, m;

	if ((rc = summary_range(entry, from, to, r)) != AER_EXIT_OK ||
	    to != NULL)
		return (rc);
	if ((rc = http_call(ctx, "GET", AER_PATH_WHOAMI, NULL, NULL,
	    &who)) != AER_EXIT_OK)
		return (rc);
	role = case_str(who, "role");
	if (role != NULL && strcmp(role, "committee") == 0) {
		y = atoi(r->to);
		m = atoi(r->to + 5) - 1;
		if (m == 0) {
			y--;
			m = 12;
		}
		snprintf(month, sizeof(month), "%04d-%02d", y, m);
		if (summary_bound(month, 1, last) == 0)
			rc = summary_range(entry, from, last, r);
	}
	json_decref(who);
	return (rc);
}

/* GET the summary of a range. Returns the exit status; *reply on 0. */
int
summary_fetch(struct aer_ctx *ctx, const struct summary_range *r,
    int unsuppressed, json_t **reply)
{
	char	path[CASE_PATH_MAX];

	snprintf(path, sizeof(path), "%s?from=%s&to=%s%s", AER_PATH_SUMMARY,
	    r->from, r->to, unsuppressed ? "&unsuppressed=1" : "");
	return (http_call(ctx, "GET", path, NULL, NULL, reply));
}

/*
 * A cell, {"count": N, "suppressed": false} or {"count": null,
 * "suppressed": true}, with "at_least": N when it is the committee's
 * count over months of which some hide it: *count is then N, the least
 * it can be, and otherwise 0 for a hidden cell. Anything else is
 * CELL_NONE: a number aer was not given is never printed.
 */
int
summary_cell(json_t *cell, long long *count)
{
	json_t	*n = json_object_get(cell, "count");
	json_t	*least = json_object_get(cell, "at_least");

	*count = 0;
	if (json_is_true(json_object_get(cell, "suppressed"))) {
		if (json_is_integer(least) && json_integer_value(least) > 0)
			*count = json_integer_value(least);
		return (CELL_HIDDEN);
	}
	if (!json_is_integer(n) || json_integer_value(n) < 0)
		return (json_is_object(cell) && json_is_null(n) ?
		    CELL_HIDDEN : CELL_NONE);
	*count = json_integer_value(n);
	return (CELL_SHOWN);
}

/* A share or a median: 1 and *x when aerd gave a number, else 0. */
int
summary_share(json_t *v, double *x)
{
	if (!json_is_number(v))
		return (0);
	*x = json_number_value(v);
	return (1);
}

/* The count cell of the row of rows with this code, or NULL. */
static json_t *
summary_row_cell(json_t *rows, const char *code)
{
	json_t	*row;
	size_t	 i;

	json_array_foreach(rows, i, row) {
		if (case_str(row, "code") != NULL &&
		    strcmp(case_str(row, "code"), code) == 0)
			return (json_object_get(row, "count"));
	}
	return (NULL);
}

/*
 * The near-miss share, and the share of RCAs completed on time: NULL,
 * and so not shown, when a count either is made of is hidden in the same
 * reply, since share times total would give that count back.
 */
json_t *
summary_near_miss_share(json_t *reply)
{
	long long	n;

	if (summary_cell(json_object_get(reply, "total"), &n) != CELL_SHOWN ||
	    summary_cell(summary_row_cell(json_object_get(reply,
	    "by_event_type"), "near_miss"), &n) != CELL_SHOWN)
		return (NULL);
	return (json_object_get(reply, "near_miss_share"));
}

json_t *
summary_on_time_share(json_t *reply)
{
	json_t		*rca = json_object_get(reply, "rca");
	long long	 n;

	if (summary_cell(json_object_get(rca, "completed"), &n) !=
	    CELL_SHOWN || summary_cell(json_object_get(rca, "on_time"),
	    &n) != CELL_SHOWN)
		return (NULL);
	return (json_object_get(rca, "on_time_share"));
}

/* The threshold under which counts are hidden. */
long long
summary_threshold(json_t *reply)
{
	json_t	*t = json_object_get(reply, "threshold");

	return (json_is_integer(t) && json_integer_value(t) > 0 ?
	    json_integer_value(t) : 5);
}

/* Whether small counts are hidden in this reply (unless it says not). */
int
summary_suppressed(json_t *reply)
{
	return (!json_is_false(json_object_get(reply, "suppression")));
}

/* A code as a person reads it: "verified_effective", "Verified effective". */
const char *
summary_code_label(const char *code, char *buf, size_t len)
{
	size_t	i;

	snprintf(buf, len, "%s", code);
	for (i = 0; buf[i] != '\0'; i++) {
		if (buf[i] == '_')
			buf[i] = ' ';
	}
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return (buf);
}

/* What a row of a table is called: its label, location or code. */
const char *
summary_label(json_t *row, char *buf, size_t len)
{
	json_t		*loc;
	const char	*s;

	if ((s = case_str(row, "label")) != NULL && *s != '\0')
		return (s);
	if (json_is_true(json_object_get(row, "other")))
		return ("(other locations)");
	if ((loc = json_object_get(row, "location")) != NULL ||
	    json_object_get(row, "month") != NULL) {
		if ((s = json_string_value(loc)) != NULL && *s != '\0')
			return (s);
		if ((s = case_str(row, "month")) != NULL)
			return (s);
		return ("(not given)");
	}
	if ((s = case_str(row, "code")) == NULL)
		return ("?");
	if (strcmp(s, "not_recorded") == 0)
		return (AER_HARM_NOT_APPLICABLE);
	return (summary_code_label(s, buf, len));
}

/* Counts shown first, then the hidden, then the rows with none. */
static int
summary_rank_group(const struct summary_rank *r)
{
	if (r->kind == CELL_SHOWN && r->count > 0)
		return (0);
	return (r->kind == CELL_HIDDEN ? 1 : 2);
}

static int
summary_rank_cmp(const void *a, const void *b)
{
	const struct summary_rank	*x = a, *y = b;

	if (summary_rank_group(x) != summary_rank_group(y))
		return (summary_rank_group(x) < summary_rank_group(y) ? -1 :
		    1);
	if (x->count != y->count)
		return (x->count > y->count ? -1 : 1);
	return (x->i < y->i ? -1 : x->i > y->i);
}

/*
 * The rows in Pareto order: the counts shown, largest first, then the
 * hidden ones, then those with no report, each group in aerd's order. Sorting here keeps a hidden
 * count from being placed by where aerd put it. Returns an array of
 * json_array_size(rows) indexes for the caller to free, or NULL when
 * there are no rows or no memory.
 */
size_t *
summary_order(json_t *rows)
{
	struct summary_rank	*rank;
	size_t			*order, i, n = json_array_size(rows);

	if (n == 0)
		return (NULL);
	rank = calloc(n, sizeof(*rank));
	order = calloc(n, sizeof(*order));
	if (rank == NULL || order == NULL) {
		aer_warnx("out of memory");
		free(rank);
		free(order);
		return (NULL);
	}
	for (i = 0; i < n; i++) {
		rank[i].i = i;
		rank[i].kind = summary_cell(json_object_get(json_array_get(rows,
		    i), "count"), &rank[i].count);
		if (rank[i].kind != CELL_SHOWN)
			rank[i].count = 0;	/* hidden: in aerd's order */
	}
	qsort(rank, n, sizeof(*rank), summary_rank_cmp);
	for (i = 0; i < n; i++)
		order[i] = rank[i].i;
	free(rank);
	return (order);
}

static int
summary_ll_cmp(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x < y ? -1 : x > y);
}

/*
 * The median of the monthly counts that are shown, and how many months
 * that was. Returns 1 if there is one. It is the run chart's median only
 * when every month is shown: aerd gives the median of every month
 * (median_reports_per_month), and this stands in for it when talking to
 * an aerd that does not.
 */
int
summary_median_shown(json_t *months, double *median, size_t *shown)
{
	long long	*v;
	size_t		 i, n = 0;

	*shown = 0;
	*median = 0;
	if (json_array_size(months) == 0 ||
	    (v = calloc(json_array_size(months), sizeof(*v))) == NULL)
		return (0);
	for (i = 0; i < json_array_size(months); i++) {
		if (summary_cell(json_object_get(json_array_get(months, i),
		    "count"), &v[n]) == CELL_SHOWN)
			n++;
	}
	if (n > 0) {
		qsort(v, n, sizeof(*v), summary_ll_cmp);
		*median = n % 2 == 1 ? (double)v[n / 2] :
		    ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
	}
	free(v);
	*shown = n;
	return (n > 0);
}

/*
 * RCAs completed late: completed less on time, when both are shown;
 * hidden when on time is. With
 * suppression on, a result under the threshold is hidden like any other
 * small count. Returns its kind.
 */
int
summary_late(json_t *rca, json_t *reply, long long *late)
{
	long long	done, on_time;

	*late = 0;
	if (summary_cell(json_object_get(rca, "completed"), &done) !=
	    CELL_SHOWN)
		return (CELL_NONE);
	/* Completed less a hidden count would give it away. */
	if (summary_cell(json_object_get(rca, "on_time"), &on_time) ==
	    CELL_HIDDEN)
		return (CELL_HIDDEN);
	if (summary_cell(json_object_get(rca, "on_time"), &on_time) !=
	    CELL_SHOWN || on_time > done)
		return (CELL_NONE);
	*late = done - on_time;
	if (summary_suppressed(reply) && *late > 0 &&
	    *late < summary_threshold(reply)) {
		*late = 0;
		return (CELL_HIDDEN);
	}
	return (CELL_SHOWN);
}

/* 0.534 as "53%"; under 10%, one decimal. */
void
summary_percent(double x, char *buf, size_t len)
{
	x *= 100;
	if (x > 0 && x < 9.95)
		snprintf(buf, len, "%.1f%%", x);
	else
		snprintf(buf, len, "%.0f%%", x);
}

/* Days as "12" or "12.5". */
void
summary_days(double x, char *buf, size_t len)
{
	snprintf(buf, len, "%.1f", x);
	if (strlen(buf) > 2 && strcmp(buf + strlen(buf) - 2, ".0") == 0)
		buf[strlen(buf) - 2] = '\0';
}

/*
 * The median month of the run chart: aerd's, of every month; from an
 * aerd that does not give it, the median of the months when all are
 * shown, since one of only the months shown says nothing of the rest.
 */
int
summary_month_median(json_t *reply, json_t *months, double *median)
{
	json_t	*v = json_object_get(reply, "median_reports_per_month");
	size_t	 shown;

	if (v != NULL)
		return (summary_share(v, median));
	return (summary_median_shown(months, median, &shown) &&
	    shown == json_array_size(months));
}

/*
 * Whether the range from..to (days) has only part of month, YYYY-MM:
 * it starts after the month's first day, ends before its last, or the
 * month has not ended today.
 */
int
summary_month_partial(const char *month, const char *from, const char *to)
{
	char		first[SUMMARY_DAY], last[SUMMARY_DAY], today[SUMMARY_DAY];
	struct tm	tm;
	time_t		now = time(NULL);

	if (summary_bound(month, 0, first) != 0 ||
	    summary_bound(month, 1, last) != 0)
		return (0);
	if (localtime_r(&now, &tm) != NULL &&
	    strftime(today, sizeof(today), "%Y-%m-%d", &tm) != 0 &&
	    strcmp(today, last) < 0)
		return (1);
	return ((from != NULL && strcmp(from, first) > 0) ||
	    (to != NULL && strcmp(to, last) < 0));
}

/*
 * The run chart's median: aerd's, of every month, unless a month is
 * there only in part (summary_month_partial); then the median of the
 * whole months, which can be worked out only when each of them is
 * shown. Returns 1 if there is one.
 */
int
summary_run_median(json_t *reply, json_t *months, double *median)
{
	const char	*from = case_str(reply, "from"), *to = case_str(reply,
			    "to"), *m;
	long long	*v;
	size_t		 i, k = 0;
	int		 partial = 0, ok = 1;

	for (i = 0; i < json_array_size(months); i++) {
		m = case_str(json_array_get(months, i), "month");
		partial |= m != NULL && summary_month_partial(m, from, to);
	}
	if (!partial)
		return (summary_month_median(reply, months, median));
	if ((v = calloc(json_array_size(months) + 1, sizeof(*v))) == NULL)
		return (0);
	for (i = 0; i < json_array_size(months); i++) {
		m = case_str(json_array_get(months, i), "month");
		if (m != NULL && summary_month_partial(m, from, to))
			continue;
		if (summary_cell(json_object_get(json_array_get(months, i),
		    "count"), &v[k]) != CELL_SHOWN)
			ok = 0;
		k++;
	}
	if (ok && k > 0) {
		qsort(v, k, sizeof(*v), summary_ll_cmp);
		*median = k % 2 == 1 ? (double)v[k / 2] :
		    ((double)v[k / 2 - 1] + (double)v[k / 2]) / 2;
	}
	free(v);
	return (ok && k > 0);
}
