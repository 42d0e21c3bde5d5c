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
 * GET /v1/export?from=&to=&format=csv|ndjson: for reviewers, one row per
 * report, streamed. A batch of rows is read and sent per turn of the
 * event loop, and the next only once the last has gone to the client,
 * so an export of years takes constant memory and a nurse filing a
 * report meanwhile waits for one batch at most: EXPORT_BATCH rows, or
 * fewer if they take longer (export-batch.c). The committee gets no
 * rows of reports: its export is its summary's tables, a row per cell
 * (summary-rows.c), for the whole months that have ended that its
 * summary takes. format=fhir, for reviewers only, is fhir-export.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "aerd.h"

#define EXPORT_BATCH	200	/* rows per turn of the loop, at most */
#define EXPORT_MAX	16	/* exports at once, one a caller */
#define EXPORT_COLUMNS	32
/*
 * The batches run at the group commit's priority (filing.c), the lowest:
 * libevent runs only the highest-priority events ready in a turn, so a
 * batch of a higher priority, ready again every turn, would hold the
 * filings' commit back until the export ended.
 */
#define EXPORT_PRIORITY	2

struct export {
	struct export_cursor	*cursor;
	const char		*names[EXPORT_COLUMNS];
	size_t			 ncolumns;
	int			 as_csv;	/* else NDJSON */
	int			 labels;	/* headers=labels */
	int			 bom;		/* bom=1 */
	int			 begun;		/* the header line is made */
	struct csv		 line;	/* reused for every row */
};

static const struct stream_kind export_kind = {
	.name = "export",
	.max = EXPORT_MAX,
	.priority = EXPORT_PRIORITY,
};

static void
export_free(void *arg)
{
	struct export	*x = arg;

	export_close(x->cursor);
	free(x->line.s);
	free(x);
}

/* A row onto buf, as CSV or a line of JSON: 0, or -1 out of memory. */
static int
add_row(void *arg, const struct export_value *cells, struct evbuffer *buf)
{
	struct export	*x = arg;
	json_t	*row;
	char	*json = NULL;
	int	 rc;

	if (x->as_csv) {
		x->line.len = 0;
		csv_row(&x->line, cells, x->ncolumns);
		if (x->line.failed)
			return -1;
		return evbuffer_add(buf, x->line.s, x->line.len);
	}
	if ((row = export_json(cells, x->names, x->ncolumns)) != NULL)
		json = json_dumps(row, JSON_COMPACT);
	json_decref(row);
	rc = -1;
	if (json != NULL && evbuffer_add(buf, json, strlen(json)) == 0 &&
	    evbuffer_add(buf, "\n", 1) == 0)
		rc = 0;
	free(json);
	return rc;
}

/* CSV's header line, a chunk of its own. */
static void
add_header(struct export *x, struct evbuffer *buf)
{
	struct csv	head = { NULL, 0, 0, 0 };

	export_head(&head, x->names, x->ncolumns, x->labels, x->bom);
	if (head.failed)
		log_warnx("export: no header line: out of memory");
	else
		evbuffer_add(buf, head.s, head.len);
	free(head.s);
}

/* The next batch of rows (stream.c). */
static int
next_rows(void *arg, struct evbuffer *buf)
{
	struct export	*x = arg;

	if (!x->begun) {
		x->begun = 1;
		if (x->as_csv) {
			add_header(x, buf);
			return 1;
		}
	}
	return export_batch(x->cursor, EXPORT_BATCH, add_row, x, buf);
}

static const struct stream_ops export_ops = {
	.next = next_rows,
	.free = export_free,
};

/* The committee's export: its summary's tables, sent as one chunk. */
struct tables {
	char	*text;
	size_t	 len;
};

static int
tables_next(void *arg, struct evbuffer *buf)
{
	struct tables	*t = arg;

	return evbuffer_add(buf, t->text, t->len) == 0 ? 0 : -1;
}

static void
tables_free(void *arg)
{
	struct tables	*t = arg;

	free(t->text);
	free(t);
}

static const struct stream_ops tables_ops = {
	.next = tables_next,
	.free = tables_free,
};

/* The tables' CSV with the header asked for: 0, or -1 out of memory. */
static int
tables_head(struct tables *t, int labels, int bom)
{
	struct csv	c = { NULL, 0, 0, 0 };

	if (export_rehead(&c, t->text, t->len, labels, bom) == -1 ||
	    c.failed) {
		free(c.s);
		return -1;
	}
	free(t->text);
	t->text = c.s;
	t->len = c.len;
	return 0;
}

static void
export_tables(struct req *r, const char *from, const char *to, int as_csv,
    int labels, int bom)
{
	struct tables	*t;
	struct stream	*st = NULL;
	json_t		*s;

	if ((s = summary_for(r, from, to,
	    r->d->config->suppression_threshold)) == NULL)
		return;
	if ((t = calloc(1, sizeof(*t))) != NULL)
		t->text = summary_rows(s, as_csv, &t->len);
	json_decref(s);
	if (t != NULL && t->text != NULL && as_csv && (labels || bom) &&
	    tables_head(t, labels, bom) == -1) {
		free(t->text);
		t->text = NULL;
	}
	if (t == NULL || t->text == NULL ||
	    (st = stream_new(r, &export_kind, &tables_ops, t)) == NULL) {
		if (t != NULL)
			tables_free(t);
		case_failed(r, -1);
		return;
	}
	stream_start(st, as_csv ? "text/csv; charset=utf-8; header=present" :
	    "application/x-ndjson; charset=utf-8");
}

static void
export_get(struct req *r)
{
	static const char *const flags[] = { "format", "narrative", "headers",
				    "bom", NULL };
	const char		*values[4];
	struct export		*x;
	struct stream		*st = NULL;
	char			 from[DAY_LEN], to[DAY_LEN], err[256];
	int			 as_csv, labels, bom, fhir;

	if (range_query(r, from, to, flags, values) == -1)
		return;
	if (values[0] != NULL && strcmp(values[0], "csv") != 0 &&
	    strcmp(values[0], "ndjson") != 0 && strcmp(values[0], "fhir")) {
		reply_error(r, AER_ERR_INVALID, "format", "format is csv, "
		    "ndjson or fhir");
		return;
	}
	fhir = values[0] != NULL && strcmp(values[0], "fhir") == 0;
	if (values[1] != NULL && (!fhir || strcmp(values[1], "1") != 0)) {
		reply_error(r, AER_ERR_INVALID, "narrative", fhir ?
		    "narrative is 1 or not given" : "narrative is for "
		    "format=fhir; CSV and NDJSON rows always hold the text");
		return;
	}
	if (fhir && r->role < ROLE_REVIEWER) {
		reply_error(r, AER_ERR_FORBIDDEN, "format", "the FHIR export "
		    "has a resource per case: reviewers and admins only");
		return;
	}
	as_csv = values[0] == NULL || strcmp(values[0], "csv") == 0;
	if (values[2] != NULL && strcmp(values[2], "labels") != 0 &&
	    strcmp(values[2], "names") != 0) {
		reply_error(r, AER_ERR_INVALID, "headers", "headers is names "
		    "(the default) or labels");
		return;
	}
	if (values[3] != NULL && strcmp(values[3], "1") != 0) {
		reply_error(r, AER_ERR_INVALID, "bom", "bom is 1 or absent");
		return;
	}
	labels = values[2] != NULL && strcmp(values[2], "labels") == 0;
	bom = values[3] != NULL;
	if (!as_csv && (labels || bom)) {
		reply_error(r, AER_ERR_INVALID, labels ? "headers" : "bom",
		    "%s applies to CSV only", labels ? "headers" : "bom");
		return;
	}
	if (stream_refused(r, &export_kind))
		return;
	if (r->role < ROLE_REVIEWER) {
		export_tables(r, from, to, as_csv, labels, bom);
		return;
	}
	if (fhir) {
		fhir_export(r, &export_kind, from, to, values[1] != NULL);
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		case_failed(r, -1);
		return;
	}
	x->as_csv = as_csv;
	x->labels = labels;
	x->bom = bom;
	/* Reviewers only, from here: every column, free text too. */
	x->ncolumns = export_columns(x->names);
	x->cursor = export_open(r->d->config->db_path, from, to,
	    err, sizeof(err));
	if (x->cursor == NULL ||
	    (st = stream_new(r, &export_kind, &export_ops, x)) == NULL) {
		log_warnx("export: %s", x->cursor ? "out of memory" : err);
		export_free(x);
		case_failed(r, -1);
		return;
	}
	stream_start(st, x->as_csv ?
	    "text/csv; charset=utf-8; header=present" :
	    "application/x-ndjson; charset=utf-8");
}

const struct route route_export_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_EXPORT,
	.role = ROLE_COMMITTEE,
	.handle = export_get,
};
