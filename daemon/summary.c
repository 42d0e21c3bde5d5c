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
 * The safety committee's summary, built from the counts the store keeps
 * (sql/004_summary.sql). Any count from 1 to threshold - 1 is suppressed,
 * and other cells with it until no hidden count can be worked out from
 * the total and the cells shown (summary_suppress). Pure: no SQL, no HTTP.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define MAX_CELLS	512

static int
small(long long n, int threshold)
{
	return threshold > 0 && n > 0 && n < threshold;
}

/*
 * Whether the hidden cells are safe from a reader who knows the total,
 * the cells shown, that a zero is always shown (so each hidden cell is
 * at least 1), and this rule. The hidden cells sum to the total less the
 * cells shown; with two or more of them, each could be anything from 1
 * to that sum less one for each of the others. So they are safe when:
 * - two or more are hidden: one alone is the total less the others;
 * - together they are at least threshold: a group of hidden cells that
 *   adds up to a small count is itself a small cell;
 * - they add up to more than their number: otherwise each is exactly 1.
 */
static int
protected(size_t hidden, long long sum, int threshold)
{
	return hidden >= 2 && sum >= threshold && sum > (long long)hidden;
}

/*
 * Hides the small cells of a distribution, then, while the hidden ones
 * are not protected, the smallest cell still shown that is not zero (the
 * first of equals). A zero is never hidden: "<5" would suggest events
 * that did not happen, and a zero names no one. When every cell that is
 * not zero is hidden and they are still not protected, the total is
 * small (the caller hides it too) or every such cell is 1.
 */
void
summary_suppress(struct cell *cells, size_t n, int threshold)
{
	size_t		i, hidden = 0, pick;
	long long	sum = 0;

	for (i = 0; i < n; i++) {
		cells[i].suppressed = small(cells[i].count, threshold);
		if (cells[i].suppressed) {
			hidden++;
			sum += cells[i].count;
		}
	}
	if (hidden == 0)
		return;
	while (!protected(hidden, sum, threshold)) {
		pick = n;
		for (i = 0; i < n; i++) {
			if (cells[i].suppressed || cells[i].count <= 0)
				continue;
			if (pick == n || cells[i].count < cells[pick].count)
				pick = i;
		}
		if (pick == n)
			return;
		cells[pick].suppressed = 1;
		hidden++;
		sum += cells[pick].count;
	}
}

/* The median of a histogram: values[i] seen counts[i] times. */
double
summary_median(const long long *values, const long long *counts, size_t n)
{
	long long	total = 0, seen = 0, lo = 0;
	size_t		i;
	int		have_lo = 0;

	for (i = 0; i < n; i++)
		total += counts[i];
	if (total == 0)
		return -1;
	for (i = 0; i < n; i++) {
		seen += counts[i];
		if (!have_lo && seen >= (total + 1) / 2) {
			lo = values[i];
			have_lo = 1;
		}
		if (seen >= total / 2 + 1)
			return total % 2 ? (double)lo : (lo + values[i]) / 2.0;
	}
	return (double)lo;
}

static json_t *
cell_json(const struct cell *c)
{
	return json_pack("{s:o, s:b}", "count", c->suppressed ? json_null() :
	    json_integer(c->count), "suppressed", c->suppressed);
}

static long long
count_of(json_t *dim, const char *code)
{
	return json_integer_value(json_object_get(dim, code));
}

/* One cell, alone: suppressed when small. */
static void
fill(struct cell *c, long long n, int threshold)
{
	c->code = NULL;
	c->count = n;
	c->suppressed = small(n, threshold);
}

static json_t *
single(long long n, int threshold, struct cell *c)
{
	fill(c, n, threshold);
	return cell_json(c);
}

/* Whether a goes before b in an order by count that hides hidden ones. */
static int
before(const struct cell *a, const struct cell *b)
{
	if (a->suppressed != b->suppressed)
		return !a->suppressed;
	return !a->suppressed && a->count > b->count;
}

/* Cells over a taxonomy enumeration, in its order, plus an extra code. */
static json_t *
coded(json_t *dim, const struct taxonomy *tx, const char *enumeration,
    const char *extra, int threshold, int sort)
{
	struct cell	 cells[MAX_CELLS], t;
	const char	*codes[MAX_CELLS], *label;
	json_t		*list = json_array(), *item;
	size_t		 n, i, j;

	n = taxonomy_codes(tx, enumeration, codes, MAX_CELLS - 1);
	if (n > MAX_CELLS - 1)
		n = MAX_CELLS - 1;
	if (extra != NULL)
		codes[n++] = extra;
	for (i = 0; i < n; i++) {
		cells[i].code = codes[i];
		cells[i].count = count_of(dim, codes[i]);
	}
	summary_suppress(cells, n, threshold);
	/*
	 * Shown cells largest first, then the hidden ones in taxonomy order:
	 * a hidden cell placed by its count would be bounded by its
	 * neighbours. Stable.
	 */
	for (i = 1; sort && i < n; i++)
		for (j = i; j > 0 && before(&cells[j], &cells[j - 1]); j--) {
			t = cells[j];
			cells[j] = cells[j - 1];
			cells[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		label = taxonomy_label(tx, enumeration, cells[i].code);
		item = json_pack("{s:s, s:s, s:o}", "code", cells[i].code,
		    "label", label ? label : AER_HARM_NOT_APPLICABLE, "count",
		    cell_json(&cells[i]));
		json_array_append_new(list, item);
	}
	return list;
}

/* Cells keyed by whatever values the counts hold; "" is null. */
static json_t *
keyed(json_t *dim, const char *name, int threshold)
{
	struct cell	 cells[MAX_CELLS];
	const char	*key;
	json_t		*list = json_array(), *v;
	size_t		 n = 0, i;

	json_object_foreach(dim, key, v) {
		if (n == MAX_CELLS)
			break;
		cells[n].code = key;
		cells[n++].count = json_integer_value(v);
	}
	summary_suppress(cells, n, threshold);
	for (i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s?, s:o}",
		    name, cells[i].code[0] ? cells[i].code : NULL,
		    "count", cell_json(&cells[i])));
	return list;
}

static int
ll_cmp(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The median of n counts, with each hidden one taken as hidden_as, or as
 * it is if hidden_as is negative.
 */
static double
median_with(const struct cell *cells, size_t n, long long hidden_as)
{
	long long	v[MAX_CELLS];
	size_t		i;

	for (i = 0; i < n; i++)
		v[i] = cells[i].suppressed && hidden_as >= 0 ? hidden_as :
		    cells[i].count;
	qsort(v, n, sizeof(v[0]), ll_cmp);
	return n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/*
 * The median of the monthly counts, every month of the range, or null
 * when it could tell something of a hidden month: it is given only if it
 * is the same whatever the hidden months hold, from 1 each (a zero is
 * shown) to as much as all of them could hold together. The median is a
 * count of the months, not of reports, but where a hidden month would be
 * its middle value, it would be that month's count.
 */
static json_t *
month_median(const struct cell *cells, size_t n, int threshold)
{
	long long	sum = 0, most;
	size_t		i, hidden = 0;
	double		m;

	if (n == 0)
		return json_null();
	for (i = 0; i < n; i++)
		if (cells[i].suppressed) {
			hidden++;
			sum += cells[i].count;
		}
	m = median_with(cells, n, -1);
	if (hidden == 0)
		return json_real(m);
	/* A reader who cannot see the total knows it is under threshold. */
	most = (sum > threshold - 1 ? sum : threshold - 1) -
	    (long long)(hidden - 1);
	if (median_with(cells, n, 1) != median_with(cells, n, most))
		return json_null();
	return json_real(m);	/* the same as with either */
}

static json_t *
months(json_t *raw, const char *from, const char *to, int threshold,
    json_t **median)
{
	struct cell	 cells[MAX_CELLS];
	char		 keys[MAX_CELLS][8], day[DAY_LEN];
	json_t		*list = json_array();
	size_t		 n = 0, i;

	snprintf(day, sizeof(day), "%.7s-01", from);
	while (n < MAX_CELLS && strncmp(day, to, 7) <= 0) {
		snprintf(keys[n], sizeof(keys[n]), "%.7s", day);
		cells[n].code = keys[n];
		cells[n].count = count_of(raw, keys[n]);
		n++;
		if (day_add_months(day, 1, day) == -1)
			break;
	}
	summary_suppress(cells, n, threshold);
	*median = month_median(cells, n, threshold);
	for (i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s, s:o}", "month",
		    cells[i].code, "count", cell_json(&cells[i])));
	return list;
}

/* The median of a day histogram, or null when fewer than threshold. */
static json_t *
median(json_t *dim, int threshold)
{
	long long	 values[MAX_CELLS], counts[MAX_CELLS], total = 0, t;
	const char	*key;
	json_t		*v;
	size_t		 n = 0, i, j;

	json_object_foreach(dim, key, v) {
		if (n == MAX_CELLS)
			break;
		values[n] = strtoll(key, NULL, 10);
		counts[n] = json_integer_value(v);
		total += counts[n++];
	}
	if (total == 0 || small(total, threshold))
		return json_null();
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && values[j] < values[j - 1]; j--) {
			t = values[j]; values[j] = values[j - 1]; values[j - 1] = t;
			t = counts[j]; counts[j] = counts[j - 1]; counts[j - 1] = t;
		}
	return json_real(summary_median(values, counts, n));
}

/* The cell of code in a list coded() built, as published. */
static void
published(json_t *list, const char *code, struct cell *c)
{
	json_t	*v, *cell;
	size_t	 i;

	c->code = code;
	c->count = 0;
	c->suppressed = 0;
	json_array_foreach(list, i, v) {
		if (strcmp(json_string_value(json_object_get(v, "code")),
		    code) != 0)
			continue;
		cell = json_object_get(v, "count");
		c->count = json_integer_value(json_object_get(cell, "count"));
		c->suppressed = json_is_true(json_object_get(cell,
		    "suppressed"));
	}
}

static json_t *
share(const struct cell *part, const struct cell *whole)
{
	if (part->suppressed || whole->suppressed || whole->count == 0)
		return json_null();
	return json_real((double)part->count / (double)whole->count);
}

/*
 * The share of cases with a stronger or intermediate action, or null if
 * it could give back a hidden count: when either kind of case, with
 * such an action or without, is small or is hidden as the other's
 * complement, and when any count of actions by strength is hidden, since
 * where a case has one action the share times the actions (the sum of
 * those by status) would be the actions of that strength.
 */
static json_t *
strong_share(json_t *c, json_t *by_strength, int threshold)
{
	struct cell	 pair[2], whole;
	json_t		*v;
	size_t		 i;

	json_array_foreach(by_strength, i, v)
		if (json_is_true(json_object_get(json_object_get(v, "count"),
		    "suppressed")))
			return json_null();
	pair[0].count = count_of(json_object_get(c, "strong_case"), "1");
	fill(&whole, count_of(json_object_get(c, "action_case"), "1"),
	    threshold);
	pair[1].count = whole.count - pair[0].count;
	summary_suppress(pair, 2, threshold);
	if (pair[1].suppressed)
		pair[0].suppressed = 1;
	return share(&pair[0], &whole);
}

json_t *
summary_build(json_t *raw, const struct taxonomy *tx, const char *from,
    const char *to, int threshold)
{
	json_t		*c = json_object_get(raw, "counts");
	json_t		*overdue = json_object_get(raw, "overdue");
	json_t		*ev = json_object_get(c, "event_type");
	struct cell	 total, near, done, on_time, x;
	struct cell	 rcas[2];
	const char	*key;
	json_t		*v, *out, *rca, *actions, *by_strength;
	json_t		*by_month_median;
	long long	 sum = 0;

	json_object_foreach(ev, key, v)
		sum += json_integer_value(v);
	out = json_pack("{s:s, s:s, s:i, s:b, s:o}", "from", from, "to", to,
	    "threshold", threshold, "suppression", threshold > 0, "total",
	    single(sum, threshold, &total));
	json_object_set_new(out, "by_event_type", coded(ev, tx, "event_type",
	    NULL, threshold, 0));
	/* As published: hidden as a complement hides the share too. */
	published(json_object_get(out, "by_event_type"), "near_miss", &near);
	json_object_set_new(out, "by_category", coded(json_object_get(c,
	    "category"), tx, "category", NULL, threshold, 1));
	json_object_set_new(out, "by_harm", coded(json_object_get(c, "harm"),
	    tx, "harm", "not_recorded", threshold, 0));
	json_object_set_new(out, "by_location", keyed(json_object_get(c,
	    "location"), "location", threshold));
	json_object_set_new(out, "by_month", months(json_object_get(raw,
	    "months"), from, to, threshold, &by_month_median));
	json_object_set_new(out, "median_reports_per_month",
	    by_month_median);
	json_object_set_new(out, "near_miss_share", share(&near, &total));

	/*
	 * On time and late are one table, completed its total: the share is
	 * given only when all three are shown.
	 */
	rcas[0].code = "on_time";
	rcas[1].code = "late";
	rcas[0].count = count_of(json_object_get(c, "rca_on_time"), "on_time");
	rcas[1].count = count_of(json_object_get(c, "rca_on_time"), "late");
	summary_suppress(rcas, 2, threshold);
	fill(&done, rcas[0].count + rcas[1].count, threshold);
	on_time = rcas[0];
	on_time.suppressed |= rcas[1].suppressed;
	rca = json_pack("{s:o, s:o, s:o}", "completed", cell_json(&done),
	    "on_time", cell_json(&rcas[0]), "late", cell_json(&rcas[1]));
	json_object_set_new(rca, "on_time_share", share(&on_time, &done));
	json_object_set_new(rca, "median_days_to_complete",
	    median(json_object_get(c, "rca_days"), threshold));
	json_object_set_new(rca, "overdue", single(count_of(overdue, "rca"),
	    threshold, &x));
	json_object_set_new(out, "rca", rca);

	by_strength = coded(json_object_get(c, "action_strength"), tx,
	    "action_strength", NULL, threshold, 0);
	actions = json_pack("{s:o, s:o, s:o, s:o}", "by_strength",
	    by_strength, "by_status", keyed(json_object_get(c,
	    "action_status"), "code", threshold),
	    "cases_with_stronger_or_intermediate_share",
	    strong_share(c, by_strength, threshold), "overdue",
	    single(count_of(overdue, "action"), threshold, &x));
	json_object_set_new(out, "actions", actions);
	json_object_set_new(out, "median_days_to_triage",
	    median(json_object_get(c, "triage_days"), threshold));
	json_object_set_new(out, "median_days_to_close",
	    median(json_object_get(c, "close_days"), threshold));
	return out;
}
