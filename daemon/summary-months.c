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
 * The committee's figures, made only from tables that each month
 * publishes on its own (month_table): a month's table is suppressed
 * within that month, and is the same whichever range it is part of. A
 * range's count is the sum of that count over its months when none of
 * them hides it, and hidden otherwise, with at_least: the sum of those
 * shown and 1 for each hidden (a zero is never hidden). Shares and
 * medians are made from the months likewise. Whatever ranges are asked
 * for, then, what can be worked out from them is what the months'
 * tables show, and no more: two ranges differ by whole months, each of
 * which hides its small cells by itself (doc/API.md). Pure: no SQL, no
 * HTTP.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define MAX_CODES	512

/* A count over months: the sum of those shown, and how many hide it. */
struct sum {
	const char	*code;		/* borrowed */
	long long	 shown;
	size_t		 hidden;
};

/* The months of a range and their tables. */
struct months {
	size_t		  n;
	char		(*key)[8];	/* YYYY-MM */
	json_t		**table;	/* each month's, or empty's */
	json_t		**raw;		/* its counts; NULL if none */
	json_t		 *empty;	/* the table of a month of nothing */
};

static void
add(struct sum *s, json_t *cell)
{
	if (json_is_true(json_object_get(cell, "suppressed")))
		s->hidden++;
	else
		s->shown += json_integer_value(json_object_get(cell, "count"));
}

static json_t *
sum_json(const struct sum *s)
{
	if (s->hidden == 0)
		return json_pack("{s:I, s:b}", "count", (json_int_t)s->shown,
		    "suppressed", 0);
	return json_pack("{s:n, s:b, s:I}", "count", "suppressed", 1,
	    "at_least", (json_int_t)(s->shown + (long long)s->hidden));
}

/* Whether a sum is shown and, if so, its count. */
static int
shown(const struct sum *s, long long *n)
{
	*n = s->shown;
	return s->hidden == 0;
}

/* The cell of what, an object path of up to two names, in month i. */
static json_t *
cell_at(const struct months *m, size_t i, const char *a, const char *b)
{
	json_t	*v = json_object_get(m->table[i], a);

	return b != NULL ? json_object_get(v, b) : v;
}

/* The count cell of the row of list whose field is value, or NULL. */
static json_t *
row_cell(json_t *list, const char *field, const char *value)
{
	json_t		*row;
	const char	*s;
	size_t		 i;

	json_array_foreach(list, i, row) {
		s = json_string_value(json_object_get(row, field));
		if (s != NULL && strcmp(s, value) == 0)
			return json_object_get(row, "count");
	}
	return NULL;	/* not there: zero */
}

static struct sum
over(const struct months *m, const char *a, const char *b)
{
	struct sum	s = { NULL, 0, 0 };
	size_t		i;

	for (i = 0; i < m->n; i++)
		add(&s, cell_at(m, i, a, b));
	return s;
}

static int
code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sum *)a)->code,
	    ((const struct sum *)b)->code);
}

/* Shown counts largest first, then the hidden ones, as they came. */
static void
pareto(struct sum *s, size_t n)
{
	struct sum	t;
	size_t		i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (s[j].hidden == 0) &&
		    (s[j - 1].hidden != 0 || s[j].shown > s[j - 1].shown);
		    j--) {
			t = s[j];
			s[j] = s[j - 1];
			s[j - 1] = t;
		}
}

/*
 * A list of coded rows (by_event_type, by_category, ...), at a or in a
 * under b, over the codes of enumeration and extra, in their order or,
 * with sort, as a Pareto.
 */
static json_t *
coded(const struct months *m, const struct taxonomy *tx, const char *a,
    const char *b, const char *enumeration, const char *extra, int sort)
{
	struct sum	 s[MAX_CODES];
	const char	*codes[MAX_CODES], *label;
	json_t		*list = json_array(), *rows;
	size_t		 n, i, k;

	n = taxonomy_codes(tx, enumeration, codes, MAX_CODES - 1);
	if (n > MAX_CODES - 1)
		n = MAX_CODES - 1;
	if (extra != NULL)
		codes[n++] = extra;
	for (k = 0; k < n; k++) {
		s[k].code = codes[k];
		s[k].shown = 0;
		s[k].hidden = 0;
		for (i = 0; i < m->n; i++) {
			rows = cell_at(m, i, a, b);
			add(&s[k], row_cell(rows, "code", codes[k]));
		}
	}
	if (sort)
		pareto(s, n);
	for (k = 0; k < n; k++) {
		label = taxonomy_label(tx, enumeration, s[k].code);
		json_array_append_new(list, json_pack("{s:s, s:s, s:o}",
		    "code", s[k].code, "label", label ? label :
		    AER_HARM_NOT_APPLICABLE, "count", sum_json(&s[k])));
	}
	return list;
}

/*
 * Rows keyed by whatever values the months hold (actions by status), in
 * the order of their codes.
 */
static json_t *
keyed(const struct months *m, const char *a, const char *b)
{
	struct sum	 s[MAX_CODES];
	json_t		*list = json_array(), *row;
	const char	*code;
	size_t		 n = 0, i, j, k;

	for (i = 0; i < m->n; i++)
		json_array_foreach(cell_at(m, i, a, b), j, row) {
			if ((code = json_string_value(json_object_get(row,
			    "code"))) == NULL)
				continue;
			for (k = 0; k < n && strcmp(s[k].code, code) != 0; k++)
				;
			if (k == n && n == MAX_CODES)
				continue;
			if (k == n) {
				s[n].code = code;
				s[n].shown = 0;
				s[n++].hidden = 0;
			}
			add(&s[k], json_object_get(row, "count"));
		}
	qsort(s, n, sizeof(s[0]), code_cmp);
	for (k = 0; k < n; k++)
		json_array_append_new(list, json_pack("{s:s, s:o}", "code",
		    s[k].code, "count", sum_json(&s[k])));
	return list;
}

static int
double_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
middle(double *v, size_t n)
{
	qsort(v, n, sizeof(v[0]), double_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/*
 * A median of days over the range: the median of its months' medians,
 * of the months that give one (each of at least threshold values). The
 * median of all the range's days would be a figure of its own, not
 * made from the months' tables.
 */
static json_t *
median_days(const struct months *m, const char *a, const char *b)
{
	double	*v;
	size_t	 i, n = 0;
	json_t	*x, *out = json_null();

	if ((v = calloc(m->n ? m->n : 1, sizeof(*v))) == NULL)
		return out;
	for (i = 0; i < m->n; i++)
		if (json_is_number(x = cell_at(m, i, a, b)))
			v[n++] = json_number_value(x);
	if (n > 0)
		out = json_real(middle(v, n));
	free(v);
	return out;
}

/*
 * The median of every month's count, hidden months included, when it is
 * the same whatever they hold: from 1 each to threshold - 1 each (a
 * month is hidden only when small). Since a median only grows as a count
 * does, those two settle it.
 */
static json_t *
month_median(const struct months *m, int threshold)
{
	double		*lo, *hi, a, b;
	json_t		*c, *out = json_null();
	size_t		 i;

	if (m->n == 0)
		return out;
	lo = calloc(m->n, sizeof(*lo));
	hi = calloc(m->n, sizeof(*hi));
	for (i = 0; lo != NULL && hi != NULL && i < m->n; i++) {
		c = cell_at(m, i, "total", NULL);
		if (json_is_true(json_object_get(c, "suppressed"))) {
			lo[i] = 1;
			hi[i] = threshold - 1 > 1 ? threshold - 1 : 1;
		} else
			lo[i] = hi[i] = (double)json_integer_value(
			    json_object_get(c, "count"));
	}
	if (lo != NULL && hi != NULL) {
		a = middle(lo, m->n);
		b = middle(hi, m->n);
		if (a == b)
			out = json_real(a);
	}
	free(lo);
	free(hi);
	return out;
}

static json_t *
share(const struct sum *part, const struct sum *whole)
{
	long long	p, w;

	if (!shown(part, &p) || !shown(whole, &w) || w == 0)
		return json_null();
	return json_real((double)p / (double)w);
}

/*
 * The share of cases with a stronger or intermediate action: given only
 * if every month with such cases gives its own, and then of the cases of
 * all of them together. Its two counts are not in the months' tables,
 * but each month's rule let its share be shown, which it does only when
 * both kinds of case are the threshold or more and no action of a
 * strength is hidden: they hide nothing, whatever is worked out of them.
 */
static json_t *
strong_share(const struct months *m)
{
	json_t		*c;
	long long	 strong = 0, cases = 0, n;
	size_t		 i;

	for (i = 0; i < m->n; i++) {
		if (m->raw[i] == NULL)
			continue;
		c = json_object_get(m->raw[i], "counts");
		n = json_integer_value(json_object_get(json_object_get(c,
		    "action_case"), "1"));
		if (n == 0)
			continue;
		if (!json_is_number(cell_at(m, i, "actions",
		    "cases_with_stronger_or_intermediate_share")))
			return json_null();
		cases += n;
		strong += json_integer_value(json_object_get(
		    json_object_get(c, "strong_case"), "1"));
	}
	return cases > 0 ? json_real((double)strong / (double)cases) :
	    json_null();
}

static json_t *
compose(const struct months *m, const struct taxonomy *tx,
    const char *from, const char *to, int threshold)
{
	struct sum	 total, near, done, on_time, late, x;
	json_t		*out, *list, *rca, *actions;
	size_t		 i;

	total = over(m, "total", NULL);
	out = json_pack("{s:s, s:s, s:i, s:b, s:b, s:o}", "from", from, "to",
	    to, "threshold", threshold, "suppression", threshold > 0,
	    "month_tables", 1, "total", sum_json(&total));
	json_object_set_new(out, "by_event_type", coded(m, tx,
	    "by_event_type", NULL, "event_type", NULL, 0));
	json_object_set_new(out, "by_category", coded(m, tx, "by_category",
	    NULL, "category", NULL, 1));
	json_object_set_new(out, "by_harm", coded(m, tx, "by_harm", NULL,
	    "harm", "not_recorded", 0));
	list = json_array();
	for (i = 0; i < m->n; i++)
		json_array_append(list, cell_at(m, i, "by_location", NULL));
	json_object_set_new(out, "by_location", summary_places(list));
	json_decref(list);
	list = json_array();
	for (i = 0; i < m->n; i++)
		json_array_append_new(list, json_pack("{s:s, s:O}", "month",
		    m->key[i], "count", cell_at(m, i, "total", NULL)));
	json_object_set_new(out, "by_month", list);
	json_object_set_new(out, "median_reports_per_month",
	    month_median(m, threshold));
	near = (struct sum){ NULL, 0, 0 };
	for (i = 0; i < m->n; i++)
		add(&near, row_cell(cell_at(m, i, "by_event_type", NULL),
		    "code", "near_miss"));
	json_object_set_new(out, "near_miss_share", share(&near, &total));

	done = over(m, "rca", "completed");
	on_time = over(m, "rca", "on_time");
	late = over(m, "rca", "late");
	x = over(m, "rca", "overdue");
	rca = json_pack("{s:o, s:o, s:o}", "completed", sum_json(&done),
	    "on_time", sum_json(&on_time), "late", sum_json(&late));
	json_object_set_new(rca, "on_time_share", late.hidden ? json_null() :
	    share(&on_time, &done));
	json_object_set_new(rca, "median_days_to_complete", median_days(m,
	    "rca", "median_days_to_complete"));
	json_object_set_new(rca, "overdue", sum_json(&x));
	json_object_set_new(out, "rca", rca);

	x = over(m, "actions", "overdue");
	actions = json_pack("{s:o, s:o, s:o, s:o}", "by_strength", coded(m,
	    tx, "actions", "by_strength", "action_strength", NULL, 0),
	    "by_status", keyed(m, "actions", "by_status"),
	    "cases_with_stronger_or_intermediate_share", strong_share(m),
	    "overdue", sum_json(&x));
	json_object_set_new(out, "actions", actions);
	json_object_set_new(out, "median_days_to_triage", median_days(m,
	    "median_days_to_triage", NULL));
	json_object_set_new(out, "median_days_to_close", median_days(m,
	    "median_days_to_close", NULL));
	return out;
}

/*
 * The table month (YYYY-MM) publishes to the committee: the summary of
 * that month alone, suppressed within it, its hidden locations one row
 * without their names. The same whichever range it is part of.
 */
static json_t *
month_table(json_t *raw, const struct taxonomy *tx, const char *month,
    int threshold)
{
	char	 from[DAY_LEN], to[DAY_LEN];
	json_t	*t;

	snprintf(from, sizeof(from), "%.7s-01", month);
	if (day_add_months(from, 1, to) == -1 ||
	    day_add_days(to, -1, to) == -1 ||
	    (t = summary_build(raw, tx, from, to, threshold)) == NULL)
		return NULL;
	json_object_set_new(t, "by_location", summary_places_month(
	    json_object_get(json_object_get(raw, "counts"), "location"),
	    threshold));
	return t;
}

static void
months_free(struct months *m)
{
	size_t	i;

	for (i = 0; m->table != NULL && i < m->n; i++)
		if (m->table[i] != m->empty)
			json_decref(m->table[i]);
	json_decref(m->empty);
	free(m->key);
	free(m->table);
	free(m->raw);
}

/*
 * The committee's summary of whole months from to to (days: the first
 * of a month, the last of one), from raw, each month's counts as
 * store_summary_months gives them. NULL when out of memory.
 */
json_t *
summary_months(json_t *raw, const struct taxonomy *tx, const char *from,
    const char *to, int threshold)
{
	struct months	 m;
	json_t		*none, *out = NULL;
	char		 day[DAY_LEN];
	size_t		 i, n = 0;

	memset(&m, 0, sizeof(m));
	snprintf(day, sizeof(day), "%.7s-01", from);
	while (strncmp(day, to, 7) <= 0 && day_add_months(day, 1, day) == 0)
		n++;
	none = json_pack("{s:{}, s:{}, s:{}}", "counts", "months", "overdue");
	m.key = calloc(n ? n : 1, sizeof(*m.key));
	m.table = calloc(n ? n : 1, sizeof(*m.table));
	m.raw = calloc(n ? n : 1, sizeof(*m.raw));
	if (none == NULL || m.key == NULL || m.table == NULL ||
	    m.raw == NULL || (m.empty = month_table(none, tx, from,
	    threshold)) == NULL)
		goto done;
	snprintf(day, sizeof(day), "%.7s-01", from);
	for (i = 0; i < n; i++) {
		snprintf(m.key[i], sizeof(m.key[i]), "%.7s", day);
		m.raw[i] = json_object_get(raw, m.key[i]);
		m.table[i] = m.raw[i] == NULL ? m.empty :
		    month_table(m.raw[i], tx, m.key[i], threshold);
		m.n++;
		if (m.table[i] == NULL || (i + 1 < n &&
		    day_add_months(day, 1, day) == -1))
			goto done;
	}
	out = compose(&m, tx, from, to, threshold);
done:
	json_decref(none);
	months_free(&m);
	return out;
}
