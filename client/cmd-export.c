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
 * aer export: the reports of a range of days, a row each, as CSV or
 * NDJSON streamed from aerd (for the committee, which gets no report's
 * row, the summary's tables, a row per count), or for reviewers a FHIR
 * R4 Bundle of AdverseEvents (free text only with --narrative); or the
 * committee's summary as one HTML file with its charts drawn in SVG,
 * which needs nothing else to be read or printed. A FILE is written by
 * way of a temporary file (mode 0600) renamed into place only once it
 * is whole.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aer.h"

#define EXPORT_TICK_MS	250	/* at most this often, the progress line */

static int	cmd_export_exec(struct aer_ctx *, struct args *);

static const struct args_option export_options[] = {
	{ "format", 'F', ARGS_VALUE, "FORMAT",
	    "csv (the default), ndjson, fhir or html" },
	{ "narrative", 'N', 0, NULL, "with --format fhir: the free text "
	    "too" },
	{ "from", 'f', ARGS_VALUE, "DAY", "the first day, YYYY-MM-DD, or "
	    "month, YYYY-MM (default:\nthe first of the month eleven months "
	    "before --to:\na year of months)" },
	{ "to", 't', ARGS_VALUE, "DAY", "the last day, or month: its last "
	    "day (default: today;\nfor the committee, the last day of last "
	    "month)" },
	{ "headers", 'H', ARGS_VALUE, "WHICH", "the CSV's first line: names "
	    "(the default), or labels\nfor people" },
	{ "bom", 'B', 0, NULL, "begin the CSV with a UTF-8 byte-order mark, "
	    "which Excel\nneeds to read it as UTF-8" },
	{ "output", 'o', ARGS_VALUE | ARGS_SHORT, "FILE", "write to FILE, "
	    "mode 0600, replaced only once whole;\nwithout it, to standard "
	    "output" },
	ARGS_END
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "[--format csv|ndjson|fhir|html] [--narrative] [--from DAY] "
	    "[--to DAY] [--headers names|labels] [--bom] [-o FILE]",
	.summary = "write reports as CSV or NDJSON, or an HTML summary "
	    "(committee)",
	.help =
	    "Write the reports received from DAY to DAY, one row each, "
	    "oldest first, as\nCSV or NDJSON; or the summary that aer "
	    "summary shows as one HTML file, with\ncharts, that opens and "
	    "prints with nothing else. Rows carry codes, dates,\ncounts, "
	    "location, description, immediate actions and outcome. The\n"
	    "committee gets no report's row: its CSV or NDJSON is the "
	    "summary's tables,\na row per count (table, code, label, count, "
	    "suppressed, at_least), for\nwhole months that have ended. In "
	    "the HTML, a count under aerd's threshold is\nshown as <5. "
	    "For a spreadsheet: --headers labels and --bom.\n"
	    "FHIR (reviewers) is a Bundle of AdverseEvents, HL7 FHIR R4,\n"
	    "with no free text but the location unless --narrative.\n",
	.options = export_options,
	.exec = cmd_export_exec
};

/* The bytes received, and the progress line on standard error. */
struct export_progress {
	long long	 bytes;
	int		 tty;		/* show the progress line */
	int		 shown;
	struct timespec	 last;
};

static void
export_size(long long n, char *buf, size_t len)
{
	if (n < 1024)
		snprintf(buf, len, "%lld bytes", n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%.1f KiB", (double)n / 1024);
	else
		snprintf(buf, len, "%.1f MiB", (double)n / (1024 * 1024));
}

/*
 * Show the bytes received so far, a few times a second at most. The line
 * ends in a carriage return, so whatever is printed next replaces it.
 */
static void
export_tick(void *arg, long long bytes)
{
	struct export_progress	*p = arg;
	struct timespec		 now;
	char			 size[32];
	long			 ms;

	p->bytes = bytes;
	if (!p->tty || clock_gettime(CLOCK_MONOTONIC, &now) == -1)
		return;
	ms = (long)(now.tv_sec - p->last.tv_sec) * 1000 +
	    (now.tv_nsec - p->last.tv_nsec) / 1000000;
	if (p->shown && ms < EXPORT_TICK_MS)
		return;
	p->last = now;
	p->shown = 1;
	export_size(bytes, size, sizeof(size));
	fprintf(stderr, "aer: %s received%10s\r", size, "");
}

static void
export_tick_done(struct export_progress *p)
{
	if (p->shown)
		fprintf(stderr, "%40s\r", "");
}

/* Open FILE's temporary file, or standard output. */
static int
export_file_open(const char *file, char **tmp, FILE **out)
{
	int	fd;

	*tmp = NULL;
	*out = stdout;
	if (file == NULL)
		return (AER_EXIT_OK);
	if (asprintf(tmp, "%s.XXXXXX", file) == -1) {
		*tmp = NULL;
		aer_warnx("out of memory");
		return (AER_EXIT_FAIL);
	}
	if ((fd = mkstemp(*tmp)) == -1 || (*out = fdopen(fd, "wb")) == NULL) {
		aer_warn("cannot create %s", *tmp);
		if (fd != -1) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/* Finish the output: flush it, and put a whole file in place. */
static int
export_file_close(const char *file, char *tmp, FILE *out, int rc,
    long long bytes)
{
	char	size[32];

	if (tmp == NULL)
		return (rc == AER_EXIT_OK ? aer_flush_stdout("the export") :
		    rc);
	if ((fflush(out) == EOF || ferror(out) || fsync(fileno(out)) == -1) &&
	    rc == AER_EXIT_OK) {
		aer_warn("cannot write %s", tmp);
		rc = AER_EXIT_FAIL;
	}
	if (fclose(out) != 0 && rc == AER_EXIT_OK) {
		aer_warn("cannot write %s", tmp);
		rc = AER_EXIT_FAIL;
	}
	if (rc == AER_EXIT_OK && rename(tmp, file) == -1) {
		aer_warn("cannot rename %s to %s", tmp, file);
		rc = AER_EXIT_FAIL;
	}
	if (rc != AER_EXIT_OK)
		unlink(tmp);
	else if (bytes > 0) {
		export_size(bytes, size, sizeof(size));
		printf("Export written to %s (%s).\n", file, size);
	} else
		printf("Export written to %s.\n", file);
	free(tmp);
	return (rc);
}

/* CSV, NDJSON or FHIR, as aerd streams it; *bytes, how much. */
static int
export_rows(struct aer_ctx *ctx, const struct summary_range *r,
    const char *format, const char *extra, FILE *out, long long *bytes)
{
	struct export_progress	 p;
	char			 path[CASE_PATH_MAX];
	int			 rc;

	memset(&p, 0, sizeof(p));
	snprintf(path, sizeof(path), "%s?from=%s&to=%s&format=%s%s",
	    AER_PATH_EXPORT, r->from, r->to, format, extra);
	/* Not when the rows themselves go to the same terminal. */
	p.tty = isatty(STDERR_FILENO) && (out != stdout ||
	    !isatty(STDOUT_FILENO));
	rc = http_download_progress(ctx, path, out, export_tick, &p);
	if (rc == AER_EXIT_OK)
		export_tick_done(&p);
	*bytes = p.bytes;
	return (rc);
}

static int
cmd_export_exec(struct aer_ctx *ctx, struct args *args)
{
	struct summary_range	 range;
	const char		*format = args_get(args, 'F');
	const char		*file = args_get(args, 'o');
	const char		*headers = args_get(args, 'H');
	char			 extra[64];
	json_t			*reply = NULL;
	FILE			*out;
	char			*tmp;
	long long		 bytes = 0;
	int			 rc, html;

	if (format == NULL)
		format = "csv";
	if (args->argc > 0)
		return (args_usage(&cmd_export_entry, "unexpected '%s'",
		    args->argv[0]));
	if (strcmp(format, "csv") != 0 && strcmp(format, "ndjson") != 0 &&
	    strcmp(format, "fhir") != 0 && strcmp(format, "html") != 0)
		return (args_usage(&cmd_export_entry, "--format %s: csv, "
		    "ndjson, fhir or html", format));
	if (args_has(args, 'N') && strcmp(format, "fhir") != 0)
		return (args_usage(&cmd_export_entry, "--narrative is for "
		    "--format fhir"));
	if (headers != NULL && strcmp(headers, "names") != 0 &&
	    strcmp(headers, "labels") != 0)
		return (args_usage(&cmd_export_entry, "--headers %s: names "
		    "or labels", headers));
	if ((headers != NULL || args_has(args, 'B')) &&
	    strcmp(format, "csv") != 0)
		return (args_usage(&cmd_export_entry, "%s is for --format "
		    "csv only", headers != NULL ? "--headers" : "--bom"));
	snprintf(extra, sizeof(extra), "%s%s%s", headers != NULL &&
	    strcmp(headers, "labels") == 0 ? "&headers=labels" : "",
	    args_has(args, 'B') ? "&bom=1" : "",
	    args_has(args, 'N') ? "&narrative=1" : "");
	if (file != NULL && *file == '\0')
		return (args_usage(&cmd_export_entry, "-o needs a file"));
	if ((rc = summary_range_for(ctx, &cmd_export_entry,
	    args_get(args, 'f'), args_get(args, 't'), &range)) !=
	    AER_EXIT_OK)
		return (rc);
	html = strcmp(format, "html") == 0;

	/* The summary first: nothing is created if aerd refuses. */
	if (html && (rc = summary_fetch(ctx, &range, 0, &reply)) !=
	    AER_EXIT_OK)
		return (rc);
	if (html && !json_is_object(reply)) {
		aer_warnx("aerd at %s sent a summary aer cannot read",
		    aer_where(ctx));
		json_decref(reply);
		return (AER_EXIT_FAIL);
	}
	if ((rc = export_file_open(file, &tmp, &out)) != AER_EXIT_OK) {
		json_decref(reply);
		return (rc);
	}
	if (html)
		rc = html_report(out, reply, &range);
	else
		rc = export_rows(ctx, &range, format, extra, out, &bytes);
	json_decref(reply);
	return (export_file_close(file, tmp, out, rc, bytes));
}
