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
 * The committee's export: the tables of its summary (summary-months.c)
 * as rows, one per cell, in CSV or NDJSON, the same columns either way:
 *
 *   table, code, label, count, suppressed, at_least
 *
 * table is the summary's member (total, by_event_type, by_category,
 * by_harm, by_location, by_month, rca, actions.by_strength,
 * actions.by_status, actions); count is empty (null) when suppressed,
 * and at_least then the least it can be. A location's code is what was
 * typed; the row of locations not given and the row of those hidden
 * together have an empty code, and "Not given" and "Other locations"
 * for a label. Pure: it only builds text.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define ROW_COLUMNS	6

static const char *const names[ROW_COLUMNS] = {
	"table", "code", "label", "count", "suppressed", "at_least"
};

struct rows {
	struct csv	 text;
	int		 as_csv;
};

static void
text_value(struct export_value *v, const char *s)
{
	v->type = 's';
	v->s = s != NULL ? s : "";
	v->len = strlen(v->s);
}

static void
int_value(struct export_value *v, json_t *n)
{
	v->type = json_is_integer(n) ? 'i' : 0;
	v->i = json_integer_value(n);
}

/* Text onto the end of t's (csv.c's put, for the lines of NDJSON). */
static void
append(struct rows *t, const char *s)
{
	size_t	 n = strlen(s), cap;
	char	*p;

	if (t->text.failed)
		return;
	if (t->text.len + n + 1 > t->text.cap) {
		cap = t->text.cap ? t->text.cap : 256;
		while (cap < t->text.len + n + 1)
			cap *= 2;
		if ((p = realloc(t->text.s, cap)) == NULL) {
			t->text.failed = 1;
			return;
		}
		t->text.s = p;
		t->text.cap = cap;
	}
	memcpy(t->text.s + t->text.len, s, n + 1);
	t->text.len += n;
}

/* A row's cells as one line of JSON onto the text. */
static void
json_line(struct rows *t, const struct export_value *cells)
{
	json_t	*row = json_object(), *v;
	char	*s = NULL;
	size_t	 i;

	for (i = 0; row != NULL && i < ROW_COLUMNS; i++) {
		v = cells[i].type == 's' ? json_string(cells[i].s) :
		    cells[i].type == 'i' ? json_integer(cells[i].i) :
		    cells[i].type == 'b' ? json_boolean(cells[i].i) :
		    json_null();
		json_object_set_new(row, names[i], v);
	}
	if (row == NULL || (s = json_dumps(row, JSON_COMPACT |
	    JSON_PRESERVE_ORDER)) == NULL) {
		t->text.failed = 1;
	} else {
		append(t, s);
		append(t, "\n");
	}
	free(s);
	json_decref(row);
}

static void
row(struct rows *t, const char *table, const char *code, const char *label,
    json_t *cell)
{
	struct export_value	cells[ROW_COLUMNS];

	memset(cells, 0, sizeof(cells));
	text_value(&cells[0], table);
	text_value(&cells[1], code);
	text_value(&cells[2], label);
	int_value(&cells[3], json_object_get(cell, "count"));
	cells[4].type = 'b';
	cells[4].i = json_is_true(json_object_get(cell, "suppressed"));
	int_value(&cells[5], json_object_get(cell, "at_least"));
	if (t->as_csv)
		csv_row(&t->text, cells, ROW_COLUMNS);
	else
		json_line(t, cells);
}

/* A list of rows, each with code and label, or location, or month. */
static void
list(struct rows *t, const char *table, json_t *rows)
{
	json_t		*v;
	const char	*code, *label;
	size_t		 i;

	json_array_foreach(rows, i, v) {
		code = json_string_value(json_object_get(v, "code"));
		label = json_string_value(json_object_get(v, "label"));
		if (json_object_get(v, "month") != NULL)
			code = label = json_string_value(json_object_get(v,
			    "month"));
		else if (json_object_get(v, "location") != NULL) {
			code = label = json_string_value(json_object_get(v,
			    "location"));
			if (code == NULL)
				label = json_is_true(json_object_get(v,
				    "other")) ? "Other locations" :
				    "Not given";
		}
		row(t, table, code, label != NULL ? label : code,
		    json_object_get(v, "count"));
	}
}

/*
 * The summary's tables as the text of a CSV file (with its header line)
 * or of NDJSON, to free; NULL when out of memory.
 */
char *
summary_rows(json_t *s, int as_csv, size_t *len)
{
	struct rows	 t;
	json_t		*rca = json_object_get(s, "rca");
	json_t		*actions = json_object_get(s, "actions");

	memset(&t, 0, sizeof(t));
	t.as_csv = as_csv;
	if (as_csv)
		csv_header(&t.text, names, ROW_COLUMNS);
	row(&t, "total", NULL, "Reports received", json_object_get(s,
	    "total"));
	list(&t, "by_event_type", json_object_get(s, "by_event_type"));
	list(&t, "by_category", json_object_get(s, "by_category"));
	list(&t, "by_harm", json_object_get(s, "by_harm"));
	list(&t, "by_location", json_object_get(s, "by_location"));
	list(&t, "by_month", json_object_get(s, "by_month"));
	row(&t, "rca", "completed", "Completed", json_object_get(rca,
	    "completed"));
	row(&t, "rca", "on_time", "On time", json_object_get(rca, "on_time"));
	row(&t, "rca", "late", "Late", json_object_get(rca, "late"));
	row(&t, "rca", "overdue", "Overdue", json_object_get(rca, "overdue"));
	list(&t, "actions.by_strength", json_object_get(actions,
	    "by_strength"));
	list(&t, "actions.by_status", json_object_get(actions, "by_status"));
	row(&t, "actions", "overdue", "Overdue", json_object_get(actions,
	    "overdue"));
	if (t.text.failed) {
		free(t.text.s);
		return NULL;
	}
	*len = t.text.len;
	return t.text.s != NULL ? t.text.s : strdup("");
}
