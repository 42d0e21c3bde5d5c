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
 * GET /v1/export?format=fhir: a FHIR R4 Bundle of type collection, one
 * AdverseEvent (fhir.c) per case received in the range, streamed as
 * the rows of the CSV export are (route-export.c): a batch of cases per
 * turn of the event loop, the next only once the last has gone, read
 * in pieces from a read-only connection (store-export.c), so an export
 * of years takes constant memory. It counts among the exports that may
 * run at once (the stream kind the route passes).
 *
 * Each resource is made and escaped by jansson. The Bundle around them
 * cannot be one JSON value in memory, so it is sent in pieces: its
 * opening members (made by jansson too), then each entry after ","
 * and the first after the "entry" member's opening, then its close. A
 * bundle of no case has no "entry" at all, as FHIR wants of an empty
 * list.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "aerd.h"
#include "fhir.h"

#define FHIR_BATCH	100	/* cases per turn of the loop, at most */

struct fhir_export {
	struct export_cursor	*cursor;
	int			 narrative;
	int			 precision;	/* received_precision */
	int			 begun;
	unsigned long		 entries;
};

static void
fhir_free(void *arg)
{
	struct fhir_export	*x = arg;

	export_close(x->cursor);
	free(x);
}

/* The Bundle's first members, without the brace that closes them. */
static int
add_head(struct evbuffer *buf)
{
	json_t	*b;
	char	*s = NULL;
	int	 rc = -1;

	if ((b = json_pack("{s:s, s:s}", "resourceType", "Bundle", "type",
	    "collection")) != NULL)
		s = json_dumps(b, JSON_COMPACT);
	if (s != NULL && strlen(s) > 1 && s[strlen(s) - 1] == '}')
		rc = evbuffer_add(buf, s, strlen(s) - 1);
	json_decref(b);
	free(s);
	return rc;
}

/* A case as the Bundle's next entry: 0, or -1. */
static int
add_entry(void *arg, const struct export_value *row, struct evbuffer *buf)
{
	struct fhir_export	*x = arg;
	json_t	*ae, *entry = NULL;
	char	*s = NULL;
	int	 rc = -1;

	if ((ae = fhir_adverse_event(row, x->narrative, x->precision)) != NULL)
		entry = json_pack("{s:s+, s:o}", "fullUrl", "urn:uuid:",
		    row[FHIR_COL_ID].s, "resource", ae);
	if (entry != NULL)
		s = json_dumps(entry, JSON_COMPACT);
	if (s != NULL && evbuffer_add_printf(buf, "%s%s",
	    x->entries == 0 ? ",\"entry\":[" : ",", s) > 0) {
		x->entries++;
		rc = 0;
	} else
		log_warnx("export: a case could not be made a FHIR resource");
	json_decref(entry);
	free(s);
	return rc;
}

/* The next batch of cases (stream.c). */
static int
fhir_next(void *arg, struct evbuffer *buf)
{
	struct fhir_export	*x = arg;
	int			 rc;

	if (!x->begun) {
		x->begun = 1;
		if (add_head(buf) == -1)
			return -1;
	}
	rc = export_batch(x->cursor, FHIR_BATCH, add_entry, x, buf);
	if (rc == 0 && evbuffer_add_printf(buf, "%s",
	    x->entries > 0 ? "]}" : "}") < 0)
		rc = -1;
	return rc;
}

static const struct stream_ops fhir_ops = {
	.next = fhir_next,
	.free = fhir_free,
};

/*
 * Starts the export of the range for a reviewer or admin; on failure it
 * has replied. narrative: whether free text (the description, immediate
 * actions, causes' statements, actions' descriptions, the outcome) goes
 * in.
 */
void
fhir_export(struct req *r, const struct stream_kind *kind, const char *from,
    const char *to, int narrative)
{
	struct fhir_export	*x;
	struct stream		*st = NULL;
	char			 err[256];

	if ((x = calloc(1, sizeof(*x))) == NULL) {
		case_failed(r, -1);
		return;
	}
	x->narrative = narrative;
	x->precision = r->d->config->received_precision;
	x->cursor = export_open_fhir(r->d->config->db_path, from, to, err,
	    sizeof(err));
	if (x->cursor == NULL ||
	    (st = stream_new(r, kind, &fhir_ops, x)) == NULL) {
		log_warnx("export: %s", x->cursor ? "out of memory" : err);
		fhir_free(x);
		case_failed(r, -1);
		return;
	}
	stream_start(st, "application/fhir+json; fhirVersion=4.0; "
	    "charset=utf-8");
}
