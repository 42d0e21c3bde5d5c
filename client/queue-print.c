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
 * The queue as a table that fits the terminal: one line a case, the
 * columns as wide as their widest cell, and where that is too wide the
 * widest text gives first (hint_share), cut by whole characters with an
 * ellipsis. Flags mark what is overdue and a reply from the reporter
 * that no reviewer has answered.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aer.h"

#define QCOLS		9
#define QUEUE_GAP	2	/* spaces between columns */
#define QUEUE_LEAST	6	/* text narrower than this is not cut */
#define QUEUE_LEAST_DESC 10	/* nor the description below this */

enum { Q_ID, Q_FLAGS, Q_STATE, Q_SAC, Q_HARM, Q_TYPE, Q_CATEGORY, Q_DUE,
    Q_DESC };

static const struct {
	const char	*heading;
	int		 text;		/* may be cut */
	int		 right;		/* numbers, right-aligned */
} queue_cols[QCOLS] = {
	{ "ID", 0, 0 },
	{ "", 0, 0 },
	{ "STATE", 1, 0 },
	{ "SAC", 0, 1 },
	{ "HARM", 1, 0 },
	{ "TYPE", 1, 0 },
	{ "CATEGORY", 1, 0 },
	{ "NEXT DUE", 1, 0 },
	{ "DESCRIPTION", 1, 0 },
};

/*
 * The next deadline, from today: "triage in 7d", "RCA 3d late", "RCA
 * today"; "-" when none.
 */
static void
queue_due_cell(json_t *c, const char *today, char *buf, size_t len)
{
	const char	*due = case_str(c, "next_due");
	const char	*what = case_or(c, "next_due_what", "");
	struct tm	 a, b;
	long		 days;

	if (strcmp(what, "rca_start") == 0)
		what = "RCA start";
	else if (strcmp(what, "rca") == 0)
		what = "RCA";
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (due == NULL || strptime(due, "%Y-%m-%d", &a) == NULL ||
	    strptime(today, "%Y-%m-%d", &b) == NULL) {
		snprintf(buf, len, "%s", due != NULL ? due : "-");
		return;
	}
	a.tm_hour = b.tm_hour = 12;
	a.tm_isdst = b.tm_isdst = -1;
	days = (long)((mktime(&a) - mktime(&b)) / 86400);
	if (days == 0)
		snprintf(buf, len, "%s today", what);
	else if (days > 0)
		snprintf(buf, len, "%s in %ldd", what, days);
	else
		snprintf(buf, len, "%s %ldd late", what, -days);
}

/* The cells of a case, malloc'd; the description on one line. */
static void
queue_cells(json_t *c, const char *today, char *cell[QCOLS])
{
	json_t	*sac = json_object_get(c, "sac_score");
	char	 buf[64], *p;
	int	 overdue, reply;

	overdue = json_array_size(json_object_get(c, "overdue")) > 0;
	reply = json_is_true(json_object_get(c, "reply_unanswered"));
	snprintf(buf, sizeof(buf), "%.*s", CASE_SHORT_ID, case_or(c, "id",
	    "?"));
	cell[Q_ID] = strdup(buf);
	snprintf(buf, sizeof(buf), "%s%s", overdue ? "!" : "",
	    reply ? "R" : "");
	cell[Q_FLAGS] = strdup(buf);
	cell[Q_STATE] = strdup(case_or(c, "state", "?"));
	if (json_is_integer(sac))
		snprintf(buf, sizeof(buf), "%lld",
		    (long long)json_integer_value(sac));
	else
		snprintf(buf, sizeof(buf), "-");
	cell[Q_SAC] = strdup(buf);
	cell[Q_HARM] = strdup(case_or(c, "harm", "-"));
	cell[Q_TYPE] = strdup(case_or(c, "event_type", "-"));
	cell[Q_CATEGORY] = strdup(case_or(c, "category", "-"));
	queue_due_cell(c, today, buf, sizeof(buf));
	cell[Q_DUE] = strdup(buf);
	cell[Q_DESC] = strdup(case_or(c, "description", ""));
	for (p = cell[Q_DESC]; p != NULL && *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	}
}

/* s in exactly width columns (the last column unpadded). */
static void
queue_cell(FILE *fp, const char *s, size_t width, int right, int last)
{
	size_t	 n, w;
	char	*copy;
	int	 cut;

	n = hint_fit(s, width, &cut);
	w = hint_width(s, n) + (size_t)cut;
	if (right)
		fprintf(fp, "%*s", (int)(width - w), "");
	if ((copy = strndup(s, n)) != NULL) {
		aer_print_text(fp, copy);
		free(copy);
	}
	if (cut)
		fputs("\xe2\x80\xa6", fp);	/* an ellipsis */
	if (!right && !last)
		fprintf(fp, "%*s", (int)(width - w), "");
}

static void
queue_line(FILE *fp, char *const cell[QCOLS], const size_t width[QCOLS])
{
	int	i, last = QCOLS - 1;

	while (last > 0 && width[last] == 0)
		last--;
	for (i = 0; i <= last; i++) {
		if (i > 0 && width[i] > 0)
			fprintf(fp, "%*s", i == Q_FLAGS ? 1 : QUEUE_GAP, "");
		else if (width[i] == 0)
			continue;
		queue_cell(fp, cell[i], width[i], queue_cols[i].right,
		    i == last);
	}
	fputc('\n', fp);
}

/*
 * The table of cases into fp, fitted to cols columns (0: as wide as it
 * takes). Returns the lines written.
 */
size_t
queue_print(FILE *fp, json_t *cases, size_t cols)
{
	char	***cells, *head[QCOLS];
	size_t	 want[QCOLS], least[QCOLS], width[QCOLS], n, i, w, gaps;
	int	 k, flagged = 0;
	char	 today[16];
	time_t	 now = time(NULL);

	strftime(today, sizeof(today), "%Y-%m-%d", localtime(&now));
	n = json_array_size(cases);
	if ((cells = calloc(n, sizeof(*cells))) == NULL)
		return (0);
	for (k = 0; k < QCOLS; k++) {
		head[k] = (char *)queue_cols[k].heading;
		want[k] = strlen(head[k]);
	}
	for (i = 0; i < n; i++) {
		if ((cells[i] = calloc(QCOLS, sizeof(char *))) == NULL)
			break;
		queue_cells(json_array_get(cases, i), today, cells[i]);
		for (k = 0; k < QCOLS; k++) {
			if (cells[i][k] == NULL)
				cells[i][k] = strdup("");
			w = cells[i][k] != NULL ? hint_width(cells[i][k],
			    strlen(cells[i][k])) : 0;
			if (w > want[k])
				want[k] = w;
		}
		flagged |= *cells[i][Q_FLAGS] != '\0';
	}
	n = i;
	for (k = 0; k < QCOLS; k++) {
		least[k] = !queue_cols[k].text ? want[k] : want[k] <
		    QUEUE_LEAST ? want[k] : QUEUE_LEAST;
		if (k == Q_DESC && want[k] > QUEUE_LEAST_DESC)
			least[k] = QUEUE_LEAST_DESC;
	}
	if (want[Q_FLAGS] == 0)
		least[Q_FLAGS] = 0;
	gaps = QUEUE_GAP * (QCOLS - 2) + (want[Q_FLAGS] > 0);
	if (cols == 0)
		cols = (size_t)-1 / 2;
	hint_share(want, least, QCOLS, cols > gaps ? cols - gaps : 0, width);
	queue_line(fp, head, width);
	for (i = 0; i < n; i++) {
		queue_line(fp, cells[i], width);
		for (k = 0; k < QCOLS; k++)
			free(cells[i][k]);
		free(cells[i]);
	}
	free(cells);
	if (flagged)
		fputs("! overdue   R a reply from the reporter awaits an "
		    "answer\n", fp);
	return (n + 1 + (size_t)flagged);
}
