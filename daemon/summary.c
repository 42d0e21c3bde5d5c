/*
 * The safety committee's summary, built from the counts the store keeps
 * (sql/004_summary.sql). Any count from 1 to threshold - 1 is suppressed,
 * and where a single suppressed cell could be recovered by subtracting
 * the others from their total, the smallest other cell is suppressed
 * too. Pure: no SQL, no HTTP.
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
 * Marks the small cells, and a complement when only one is small: the
 * smallest other cell that is not zero (hiding a zero would suggest
 * events that did not happen), or a zero one if there is nothing else.
 */
void
summary_suppress(struct cell *cells, size_t n, int threshold)
{
	size_t	i, marked = 0, pick = n;

	for (i = 0; i < n; i++) {
		cells[i].suppressed = small(cells[i].count, threshold);
		marked += cells[i].suppressed;
	}
	if (marked != 1)
		return;
	for (i = 0; i < n; i++) {
		if (cells[i].suppressed)
			continue;
		if (pick == n || (cells[pick].count == 0 && cells[i].count > 0) ||
		    (cells[i].count > 0 && cells[i].count < cells[pick].count))
			pick = i;
	}
	if (pick < n)
		cells[pick].suppressed = 1;
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
	for (i = 1; sort && i < n; i++)		/* largest first, stable */
		for (j = i; j > 0 && cells[j].count > cells[j - 1].count; j--) {
			t = cells[j];
			cells[j] = cells[j - 1];
			cells[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		label = taxonomy_label(tx, enumeration, cells[i].code);
		item = json_pack("{s:s, s:s, s:o}", "code", cells[i].code,
		    "label", label ? label : "Not recorded", "count",
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

static json_t *
months(json_t *raw, const char *from, const char *to, int threshold)
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

json_t *
summary_build(json_t *raw, const struct taxonomy *tx, const char *from,
    const char *to, int threshold)
{
	json_t		*c = json_object_get(raw, "counts");
	json_t		*overdue = json_object_get(raw, "overdue");
	json_t		*ev = json_object_get(c, "event_type");
	struct cell	 total, near, done, on_time, strong, with_action, x;
	struct cell	 rcas[2];
	const char	*key;
	json_t		*v, *out, *rca, *actions;
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
	    "months"), from, to, threshold));
	json_object_set_new(out, "near_miss_share", share(&near, &total));

	/* On time and late are one table: hiding one hides its complement. */
	rcas[0].code = "on_time";
	rcas[1].code = "late";
	rcas[0].count = count_of(json_object_get(c, "rca_on_time"), "on_time");
	rcas[1].count = count_of(json_object_get(c, "rca_on_time"), "late");
	summary_suppress(rcas, 2, threshold);
	fill(&done, rcas[0].count + rcas[1].count, threshold);
	on_time = rcas[0];
	if (rcas[1].suppressed)
		on_time.suppressed = 1;	/* the share would tell it */
	rca = json_pack("{s:o, s:o, s:o}", "completed", cell_json(&done),
	    "on_time", cell_json(&rcas[0]), "late", cell_json(&rcas[1]));
	json_object_set_new(rca, "on_time_share", share(&on_time, &done));
	json_object_set_new(rca, "median_days_to_complete",
	    median(json_object_get(c, "rca_days"), threshold));
	json_object_set_new(rca, "overdue", single(count_of(overdue, "rca"),
	    threshold, &x));
	json_object_set_new(out, "rca", rca);

	fill(&strong, count_of(json_object_get(c, "strong_case"), "1"),
	    threshold);
	fill(&with_action, count_of(json_object_get(c, "action_case"), "1"),
	    threshold);
	actions = json_pack("{s:o, s:o, s:o, s:o}", "by_strength",
	    coded(json_object_get(c, "action_strength"), tx, "action_strength",
	    NULL, threshold, 0), "by_status", keyed(json_object_get(c,
	    "action_status"), "code", threshold),
	    "cases_with_stronger_or_intermediate_share",
	    share(&strong, &with_action), "overdue",
	    single(count_of(overdue, "action"), threshold, &x));
	json_object_set_new(out, "actions", actions);
	json_object_set_new(out, "median_days_to_triage",
	    median(json_object_get(c, "triage_days"), threshold));
	json_object_set_new(out, "median_days_to_close",
	    median(json_object_get(c, "close_days"), threshold));
	return out;
}
