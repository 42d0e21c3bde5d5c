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
 * The counts behind the committee's summary, from the rollups in
 * summary_counts; summary.c shapes them and suppresses the small ones.
 * The committee's own figures are made month by month
 * (summary-months.c), from store_summary_months.
 */
#include "config.h"

#include <string.h>

#include "aerd.h"
#include "store-int.h"

static const char *
column(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/*
 * The raw counts behind a summary of days from to to: {"counts":
 * {dimension: {value: n}}, "months": {"YYYY-MM": n}, "overdue":
 * {"rca": n, "action": n}}.
 */
int
store_summary(struct store *st, const char *from, const char *to,
    const char *today, json_t **out)
{
	sqlite3_stmt	*s;
	json_t		*counts, *months, *overdue, *dim;
	int		 rc = SQLITE_DONE;

	*out = NULL;
	if (store_set_clock(st, today) == STORE_ERROR)
		return STORE_ERROR;
	counts = json_object();
	months = json_object();
	overdue = json_object();
	if ((s = store_stmt(st, STMT_SUMMARY_COUNTS, "ss", from, to)) == NULL)
		rc = SQLITE_ERROR;
	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((dim = json_object_get(counts, column(s, 0))) == NULL) {
			dim = json_object();
			json_object_set_new(counts, column(s, 0), dim);
		}
		json_object_set_new(dim, column(s, 1),
		    json_integer(sqlite3_column_int64(s, 2)));
	}
	if (s != NULL)
		store_done(s);
	if (rc == SQLITE_DONE &&
	    (s = store_stmt(st, STMT_SUMMARY_MONTHS, "ss", from, to)) != NULL) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			json_object_set_new(months, column(s, 0),
			    json_integer(sqlite3_column_int64(s, 1)));
		store_done(s);
	}
	if (rc == SQLITE_DONE &&
	    (s = store_stmt(st, STMT_SUMMARY_OVERDUE, "ss", from, to)) != NULL) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			json_object_set_new(overdue, column(s, 0),
			    json_integer(sqlite3_column_int64(s, 1)));
		store_done(s);
	}
	*out = json_pack("{s:o, s:o, s:o}", "counts", counts, "months", months,
	    "overdue", overdue);
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return STORE_ERROR;
	}
	return *out ? STORE_OK : STORE_ERROR;
}

/* The raw counts of month m in out, made if it is not there yet. */
static json_t *
month_raw(json_t *out, const char *m)
{
	json_t	*raw;

	if ((raw = json_object_get(out, m)) == NULL) {
		raw = json_pack("{s:{}, s:{}, s:{}}", "counts", "months",
		    "overdue");
		if (raw == NULL || json_object_set_new(out, m, raw) == -1)
			return NULL;
	}
	return raw;
}

/*
 * The raw counts of each month from the month of day from to that of
 * day to, each as store_summary gives a range's: {"YYYY-MM": {"counts":
 * ..., "months": {"YYYY-MM": n}, "overdue": ...}}. A month with nothing
 * in it is absent.
 */
int
store_summary_months(struct store *st, const char *from, const char *to,
    const char *today, json_t **out)
{
	sqlite3_stmt	*s;
	json_t		*raw, *dim, *counts, *total;
	long long	 n;
	int		 rc = SQLITE_ERROR;

	*out = NULL;
	if (store_set_clock(st, today) == STORE_ERROR ||
	    (*out = json_object()) == NULL)
		return STORE_ERROR;
	if ((s = store_stmt(st, STMT_SUMMARY_BY_MONTH, "ss", from, to)) != NULL) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if ((raw = month_raw(*out, column(s, 0))) == NULL)
				break;
			counts = json_object_get(raw, "counts");
			if ((dim = json_object_get(counts, column(s, 1))) == NULL) {
				dim = json_object();
				json_object_set_new(counts, column(s, 1), dim);
			}
			n = sqlite3_column_int64(s, 3);
			json_object_set_new(dim, column(s, 2), json_integer(n));
			if (strcmp(column(s, 1), "event_type") != 0)
				continue;
			/* A month's reports: its event types together. */
			total = json_object_get(json_object_get(raw, "months"),
			    column(s, 0));
			json_object_set_new(json_object_get(raw, "months"),
			    column(s, 0), json_integer(n +
			    json_integer_value(total)));
		}
		store_done(s);
	}
	if (rc == SQLITE_DONE && (s = store_stmt(st,
	    STMT_SUMMARY_OVERDUE_BY_MONTH, "ss", from, to)) != NULL) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if ((raw = month_raw(*out, column(s, 0))) == NULL)
				break;
			json_object_set_new(json_object_get(raw, "overdue"),
			    column(s, 1), json_integer(sqlite3_column_int64(s,
			    2)));
		}
		store_done(s);
	}
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return STORE_ERROR;
	}
	return STORE_OK;
}
