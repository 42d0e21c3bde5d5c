/*
 * The counts behind the committee's summary, from the rollups in
 * summary_counts; summary.c shapes them and suppresses the small ones.
 */
#include "config.h"

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
