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
 * The committee's locations. A location is free text, typed by a
 * reporter: a name given once can be the reporter's. So in the tables
 * the committee sees, the locations whose counts are hidden are one row,
 * {"location": null, "other": true}, without their names, and no hidden
 * location's text leaves aerd. Over a range of months (summary-months.c)
 * a location is counted from the months that show it, and its count is
 * exact only where no other month hides a location, since whether a
 * month left it out as none or among the hidden ones is not told. Pure:
 * no SQL, no HTTP.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define MAX_PLACES	512

static json_t *
cell(long long n, int hidden, long long at_least)
{
	if (!hidden)
		return json_pack("{s:I, s:b}", "count", (json_int_t)n,
		    "suppressed", 0);
	if (at_least < 0)
		return json_pack("{s:n, s:b}", "count", "suppressed", 1);
	return json_pack("{s:n, s:b, s:I}", "count", "suppressed", 1,
	    "at_least", (json_int_t)at_least);
}

/*
 * One month's locations, counts as the store keeps them ({"name": n},
 * "" not given): those shown, by name, then the others together. That
 * row's count, the sum of the hidden ones, is what the total less the
 * cells shown gives anyway; the complement makes it the threshold or
 * more, unless every location that is not zero is hidden and the total
 * is small, when it is hidden too.
 */
json_t *
summary_places_month(json_t *counts, int threshold)
{
	struct cell	 cells[MAX_PLACES];
	const char	*key;
	json_t		*list = json_array(), *v;
	long long	 other = 0;
	size_t		 n = 0, i;

	json_object_foreach(counts, key, v) {
		if (n == MAX_PLACES)
			break;
		cells[n].code = key;
		cells[n++].count = json_integer_value(v);
	}
	summary_suppress(cells, n, threshold);
	for (i = 0; i < n; i++) {
		if (cells[i].suppressed)
			other += cells[i].count;
		else
			json_array_append_new(list, json_pack("{s:s?, s:o}",
			    "location", cells[i].code[0] ? cells[i].code : NULL,
			    "count", cell(cells[i].count, 0, 0)));
	}
	json_array_append_new(list, json_pack("{s:n, s:b, s:o}", "location",
	    "other", 1, "count", cell(other, threshold > 0 && other > 0 &&
	    other < threshold, -1)));
	return list;
}

/* Whether a month's list hides no location: its others are a zero shown. */
static int
all_named(json_t *list)
{
	json_t	*row, *c;
	size_t	 i;

	json_array_foreach(list, i, row) {
		if (!json_is_true(json_object_get(row, "other")))
			continue;
		c = json_object_get(row, "count");
		return !json_is_true(json_object_get(c, "suppressed")) &&
		    json_integer_value(json_object_get(c, "count")) == 0;
	}
	return 1;
}

/* The count cell of name's row in a month's list (NULL: not given). */
static json_t *
named(json_t *list, const char *name)
{
	json_t		*row;
	const char	*loc;
	size_t		 i;

	json_array_foreach(list, i, row) {
		loc = json_string_value(json_object_get(row, "location"));
		if (json_is_true(json_object_get(row, "other")) ||
		    (loc == NULL) != (name == NULL) ||
		    (loc != NULL && strcmp(loc, name) != 0))
			continue;
		return json_object_get(row, "count");
	}
	return NULL;
}

/* A location's row over the months: exact, or at least what is shown. */
static json_t *
place(json_t *months, const char *name)
{
	json_t		*list, *c;
	long long	 n = 0;
	size_t		 i;
	int		 unsure = 0;

	json_array_foreach(months, i, list) {
		if ((c = named(list, name)) != NULL)
			n += json_integer_value(json_object_get(c, "count"));
		else if (!all_named(list))
			unsure = 1;
	}
	return json_pack("{s:s?, s:o}", "location", name, "count",
	    cell(n, unsure, n));
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The locations of a range from its months' lists (an array of what
 * summary_places_month made): each named in some month, in the order of
 * their names; then not given; then the others of every month together,
 * hidden if any month's are, and at least those shown and 1 for each
 * month that hides them.
 */
json_t *
summary_places(json_t *months)
{
	json_t		*out = json_array(), *names = json_object(), *list;
	json_t		*row, *c;
	const char	*name, **sorted = NULL;
	long long	 other = 0, hidden = 0;
	size_t		 n = 0, i, j;
	int		 none = 0;

	json_array_foreach(months, i, list)
		json_array_foreach(list, j, row) {
			name = json_string_value(json_object_get(row,
			    "location"));
			c = json_object_get(row, "count");
			if (!json_is_true(json_object_get(row, "other"))) {
				if (name == NULL)
					none = 1;
				else
					json_object_set_new(names, name,
					    json_true());
			} else if (json_is_true(json_object_get(c,
			    "suppressed")))
				hidden++;
			else
				other += json_integer_value(json_object_get(c,
				    "count"));
		}
	if (json_object_size(names) > 0 && (sorted =
	    calloc(json_object_size(names), sizeof(*sorted))) != NULL) {
		json_object_foreach(names, name, row)
			sorted[n++] = name;
		qsort(sorted, n, sizeof(*sorted), str_cmp);
	}
	for (i = 0; i < n; i++)
		json_array_append_new(out, place(months, sorted[i]));
	if (none)
		json_array_append_new(out, place(months, NULL));
	if (other > 0 || hidden > 0)
		json_array_append_new(out, json_pack("{s:n, s:b, s:o}",
		    "location", "other", 1, "count", cell(other, hidden > 0,
		    other + hidden)));
	free(sorted);
	json_decref(names);
	return out;
}
