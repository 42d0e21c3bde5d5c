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
 * Export rows, read through a connection of their own, opened read-only
 * for each export, so a long export never holds up aerd's writer. It
 * reads in pieces: the route pauses it after each batch of rows, which
 * ends its read transaction, and the next piece starts after the last
 * row read (EXPORT_ROWS). A snapshot held for the whole export would
 * keep the checkpointer from emptying the WAL for as long as it runs,
 * minutes at millions of reports, while every report filed meanwhile
 * went on growing it, in order (DESIGN.md, anonymity; doc/SECURITY.md).
 * The price: a report filed or changed during an export is in it or
 * not, as its place in the order and the moment decide. Each row comes
 * as its values, for CSV as they are or as a JSON object for NDJSON.
 * The FHIR export reads its own columns (EXPORT_FHIR_ROWS) the same way.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"
#include "store-int.h"

struct column {
	const char	*name;
	char		 type;	/* s text, i integer, b boolean */
};

/* The columns of EXPORT_ROWS, in order, with their JSON type. */
static const struct column columns[] = {
	{ "id", 's' }, { "received", 's' }, { "state", 's' },
	{ "event_type", 's' }, { "category", 's' }, { "harm", 's' },
	{ "merp_category", 's' }, { "occurred_on", 's' },
	{ "contributing_factors", 's' },
	{ "sac_score", 'i' }, { "rca_required", 'b' }, { "triaged_on", 's' },
	{ "rca_completed_on", 's' }, { "actions", 'i' },
	{ "actions_stronger", 'i' }, { "actions_intermediate", 'i' },
	{ "actions_weaker", 'i' }, { "actions_verified_effective", 'i' },
	{ "closed_on", 's' },
	/* Who (by role) and free text: rows are for reviewers and admins
	 * only; the committee gets the summary's tables (route-export.c). */
	{ "reporter_role", 's' }, { "location", 's' }, { "description", 's' },
	{ "immediate_actions", 's' }, { "outcome", 's' },
};
#define NCOLUMNS	(sizeof(columns) / sizeof(columns[0]))

/* The columns of EXPORT_FHIR_ROWS (store.h), for fhir.c. */
static const struct column fhir_columns[FHIR_NCOLUMNS] = {
	[FHIR_COL_ID] = { "id", 's' },
	[FHIR_COL_RECEIVED] = { "received", 's' },
	[FHIR_COL_STATE] = { "state", 's' },
	[FHIR_COL_EVENT_TYPE] = { "event_type", 's' },
	[FHIR_COL_EVENT_TYPE_LABEL] = { "event_type_label", 's' },
	[FHIR_COL_CATEGORY] = { "category", 's' },
	[FHIR_COL_CATEGORY_LABEL] = { "category_label", 's' },
	[FHIR_COL_HARM] = { "harm", 's' },
	[FHIR_COL_HARM_LABEL] = { "harm_label", 's' },
	[FHIR_COL_MERP] = { "merp_category", 's' },
	[FHIR_COL_MERP_LABEL] = { "merp_category_label", 's' },
	[FHIR_COL_OCCURRED] = { "occurred_at", 's' },
	[FHIR_COL_LOCATION] = { "location", 's' },
	[FHIR_COL_SAC] = { "sac_score", 'i' },
	[FHIR_COL_FACTORS] = { "factors", 's' },
	[FHIR_COL_CAUSES] = { "causes", 's' },
	[FHIR_COL_ACTIONS] = { "actions", 's' },
	[FHIR_COL_DESCRIPTION] = { "description", 's' },
	[FHIR_COL_IMMEDIATE] = { "immediate_actions", 's' },
	[FHIR_COL_OUTCOME] = { "outcome", 's' },
};
#define MAX_COLUMNS	(NCOLUMNS > FHIR_NCOLUMNS ? NCOLUMNS : FHIR_NCOLUMNS)

struct export_cursor {
	sqlite3			*db;
	sqlite3_stmt		*stmt;
	const struct column	*columns;
	size_t			 ncolumns;	/* then the day received,
						 * for the key */
	struct export_value	 cells[MAX_COLUMNS];
};

/* The names of the columns an export carries, and how many. */
size_t
export_columns(const char **names)
{
	size_t	i;

	for (i = 0; i < NCOLUMNS; i++)
		names[i] = columns[i].name;
	return NCOLUMNS;
}

static struct export_cursor *
cursor_open(const char *db_path, int stmt, const struct column *cols,
    size_t ncols, const char *from, const char *to, char *err, size_t errlen)
{
	struct export_cursor	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->columns = cols;
	c->ncolumns = ncols;
	if (store_db_open(db_path, STORE_DB_READER, &c->db, err,
	    errlen) == STORE_ERROR) {
		free(c);
		return NULL;
	}
	if (sqlite3_prepare_v2(c->db, sql_statements[stmt], -1,
	    &c->stmt, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(c->stmt, 1, from, -1, SQLITE_TRANSIENT) !=
	    SQLITE_OK || sqlite3_bind_text(c->stmt, 2, to, -1,
	    SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(c->stmt, 3, "", -1, SQLITE_STATIC) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "cannot read for the export: %s",
		    sqlite3_errmsg(c->db));
		export_close(c);
		return NULL;
	}
	return c;
}

struct export_cursor *
export_open(const char *db_path, const char *from, const char *to,
    char *err, size_t errlen)
{
	return cursor_open(db_path, STMT_EXPORT_ROWS, columns, NCOLUMNS,
	    from, to, err, errlen);
}

/* The rows of the FHIR export: the columns FHIR_COL_* (store.h). */
struct export_cursor *
export_open_fhir(const char *db_path, const char *from, const char *to,
    char *err, size_t errlen)
{
	return cursor_open(db_path, STMT_EXPORT_FHIR_ROWS, fhir_columns,
	    FHIR_NCOLUMNS, from, to, err, errlen);
}

/*
 * The next row's cells, valid until the next call: 1 with a row, 0 at
 * the end, -1 on an error.
 */
int
export_next(struct export_cursor *c, const struct export_value **row)
{
	struct export_value	*v;
	size_t			 i;
	int			 rc;

	*row = NULL;
	if ((rc = sqlite3_step(c->stmt)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		log_warnx("export: %s", sqlite3_errmsg(c->db));
		return -1;
	}
	for (i = 0; i < c->ncolumns; i++) {
		v = &c->cells[i];
		v->type = c->columns[i].type;
		if (sqlite3_column_type(c->stmt, (int)i) == SQLITE_NULL)
			v->type = 0;
		else if (v->type == 's') {
			v->s = (const char *)sqlite3_column_text(c->stmt,
			    (int)i);
			v->len = (size_t)sqlite3_column_bytes(c->stmt, (int)i);
			if (v->s == NULL) {
				log_warnx("export: %s", sqlite3_errmsg(c->db));
				return -1;
			}
			/* Bodies are checked on the way in; a database
			 * edited or restored by hand may still hold text
			 * that is not UTF-8, which goes out as empty. */
			if (!utf8_valid(v->s, v->len))
				v->type = 0;
		} else if (v->type == 'b')
			v->i = sqlite3_column_int64(c->stmt, (int)i) != 0;
		else
			v->i = sqlite3_column_int64(c->stmt, (int)i);
	}
	*row = c->cells;
	return 1;
}

/* A copy of column i of the current row, or NULL. */
static char *
column_copy(sqlite3_stmt *stmt, int i)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, i);

	return s != NULL ? strdup(s) : NULL;
}

/*
 * Called after a row: ends the read transaction, and binds the row's
 * key so that the next export_next reads on after it, in a snapshot of
 * its own. 0, or -1 (the export cannot go on).
 */
int
export_pause(struct export_cursor *c)
{
	char	*id = column_copy(c->stmt, 0);
	char	*received = column_copy(c->stmt, (int)c->ncolumns);
	int	 rc = -1;

	sqlite3_reset(c->stmt);
	if (id != NULL && received != NULL &&
	    sqlite3_bind_text(c->stmt, 1, received, -1, SQLITE_TRANSIENT) ==
	    SQLITE_OK && sqlite3_bind_text(c->stmt, 3, id, -1,
	    SQLITE_TRANSIENT) == SQLITE_OK)
		rc = 0;
	else
		log_warnx("export: cannot read on: %s",
		    id && received ? sqlite3_errmsg(c->db) : "out of memory");
	free(id);
	free(received);
	return rc;
}

/* A row as a JSON object of the n columns named. */
json_t *
export_json(const struct export_value *cells, const char *const *names,
    size_t n)
{
	json_t	*row, *v;
	size_t	 i;

	if ((row = json_object()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		switch (cells[i].type) {
		case 's':
			v = json_stringn(cells[i].s, cells[i].len);
			break;
		case 'i':
			v = json_integer(cells[i].i);
			break;
		case 'b':
			v = json_boolean(cells[i].i);
			break;
		default:
			v = NULL;
		}
		if (json_object_set_new(row, names[i], v ? v : json_null())) {
			json_decref(row);
			return NULL;
		}
	}
	return row;
}

void
export_close(struct export_cursor *c)
{
	if (c == NULL)
		return;
	sqlite3_finalize(c->stmt);
	sqlite3_close(c->db);
	free(c);
}
