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
 * The first line of an export's CSV, as a spreadsheet user asks for it:
 * the columns' names (the keys of the NDJSON, for programs) or their
 * labels, for people (headers=labels), after a UTF-8 byte-order mark
 * if asked (bom=1), which Excel needs to read the file as UTF-8. Only
 * the header changes: the rows are the same either way.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aerd.h"

#define HEAD_BOM	"\xef\xbb\xbf"

static const struct {
	const char	*name;
	const char	*label;
} labels[] = {
	/* The reviewers' rows (store-export.c). */
	{ "id", "Report ID" },
	{ "received", "Received on" },
	{ "state", "State" },
	{ "event_type", "Event type" },
	{ "category", "Category" },
	{ "harm", "Harm" },
	{ "merp_category", "NCC MERP category" },
	{ "occurred_on", "Occurred on" },
	{ "contributing_factors", "Contributing factors" },
	{ "sac_score", "SAC score" },
	{ "rca_required", "RCA required" },
	{ "triaged_on", "Triaged on" },
	{ "rca_completed_on", "RCA completed on" },
	{ "actions", "Corrective actions" },
	{ "actions_stronger", "Stronger actions" },
	{ "actions_intermediate", "Intermediate actions" },
	{ "actions_weaker", "Weaker actions" },
	{ "actions_verified_effective", "Actions verified effective" },
	{ "closed_on", "Closed on" },
	{ "reporter_role", "Reporter's role" },
	{ "location", "Location" },
	{ "description", "What happened" },
	{ "immediate_actions", "Immediate actions" },
	{ "outcome", "Outcome" },
	/* The committee's tables (summary-rows.c). */
	{ "table", "Table" },
	{ "code", "Code" },
	{ "label", "Label" },
	{ "count", "Count" },
	{ "suppressed", "Hidden (small count)" },
	{ "at_least", "At least" },
};

/* A column's label; a column without one keeps its name. */
const char *
export_label(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		if (strcmp(labels[i].name, name) == 0)
			return labels[i].label;
	}
	return name;
}

/* The header line of these columns, CRLF-terminated, onto t. */
void
export_head(struct csv *t, const char *const *names, size_t n,
    int use_labels, int bom)
{
	const char	*out[EXPORT_HEAD_MAX];
	size_t		 i;

	if (n > EXPORT_HEAD_MAX)
		n = EXPORT_HEAD_MAX;
	for (i = 0; i < n; i++)
		out[i] = use_labels ? export_label(names[i]) : names[i];
	if (bom)
		csv_text(t, HEAD_BOM);
	csv_header(t, out, n);
}

/*
 * The same for CSV made whole (the committee's tables): its first line,
 * of names, read back and written again. Returns 0, or -1 if text has
 * no header line.
 */
int
export_rehead(struct csv *t, const char *text, size_t len, int use_labels,
    int bom)
{
	const char	*names[EXPORT_HEAD_MAX];
	char		 line[512], *p, *next;
	const char	*end;
	size_t		 n = 0;

	if ((end = memchr(text, '\r', len)) == NULL ||
	    (size_t)(end - text) >= sizeof(line) ||
	    (size_t)(end - text) + 2 > len || end[1] != '\n')
		return -1;
	memcpy(line, text, (size_t)(end - text));
	line[end - text] = '\0';
	for (p = line; p != NULL && n < EXPORT_HEAD_MAX; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		names[n++] = p;
	}
	export_head(t, names, n, use_labels, bom);
	csv_bytes(t, end + 2, len - (size_t)(end - text) - 2);
	return 0;
}
