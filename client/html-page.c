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
 * The page around aer export --format html: one file that browsers read
 * as HTML and XML tools as well-formed XHTML, with its style inline and
 * nothing loaded from elsewhere, readable on a screen and printed on A4.
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "aer.h"

#define HTML_DASH		"\xe2\x80\x93"	/* U+2013 EN DASH */
#define HTML_BAD		"\xef\xbf\xbd"	/* U+FFFD REPLACEMENT CHARACTER */

static const char html_style[] =
    "body{font:11pt/1.45 \"DejaVu Sans\",\"Liberation Sans\",Arial,"
    "Helvetica,sans-serif;color:#111;background:#fff;max-width:50rem;"
    "margin:2rem auto;padding:0 1.5rem}\n"
    "h1{font-size:1.55rem;margin:0 0 .3rem}\n"
    "h2{font-size:1.15rem;color:#1f4e79;border-bottom:2px solid #1f4e79;"
    "padding-bottom:.15rem;margin:1.8rem 0 .6rem}\n"
    "h3{font-size:1rem;margin:1rem 0 .3rem}\n"
    ".meta,.note,figcaption{color:#333;font-size:.9rem}\n"
    ".figures{display:grid;grid-template-columns:repeat(4,1fr);gap:.5rem}"
    "\n.figure{border:1px solid #999;border-radius:4px;padding:.4rem .6rem}"
    "\n.figure b{display:block;font-size:1.45rem}\n"
    ".figure span{font-size:.8rem;color:#333}\n"
    ".cols{display:flex;flex-wrap:wrap;gap:0 2.5rem}\n"
    "table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem}"
    "\nth,td{padding:.15rem .7rem .15rem 0;border-bottom:1px solid #ccc;"
    "text-align:left;vertical-align:top}\n"
    "th{border-bottom:2px solid #555}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "padding-left:1rem}\n"
    ".hid{font-style:italic}\n"
    ".months{font-size:.8rem}\n"
    ".months th,.months td{padding:.15rem .25rem;text-align:right;"
    "white-space:nowrap}\n"
    ".months th:first-child,.months td:first-child{text-align:left;"
    "padding-left:0}\n"
    "figure{margin:.6rem 0 1rem}\n"
    "svg{display:block;width:100%;max-width:720px;height:auto}\n"
    "footer{margin-top:2rem;border-top:1px solid #999;padding-top:.5rem;"
    "font-size:.85rem;color:#333}\n"
    "@page{size:A4;margin:14mm 13mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h2,h3{break-after:avoid;page-break-after:avoid}"
    "figure,tr,.figures{break-inside:avoid;page-break-inside:avoid}"
    "svg{max-width:100%}}\n";

/*
 * Text for HTML and XML: the five special characters as references;
 * controls (C0, tab and line feed among them, C1, DEL), the
 * bidirectional overrides, U+FFFE and U+FFFF as U+FFFD, the replacement
 * character, as aer summary prints them: a label stays on its line, one
 * character wide, and a tab cannot pass for a space.
 */
void
html_text(FILE *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '&')
			fputs("&amp;", out);
		else if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '>')
			fputs("&gt;", out);
		else if (*p == '"')
			fputs("&quot;", out);
		else if (*p == '\'')
			fputs("&#39;", out);
		else if (*p < 0x20 || *p == 0x7f)
			fputs(HTML_BAD, out);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fputs(HTML_BAD, out);
			p++;
		} else if ((p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9))) || (p[0] == 0xef && p[1] == 0xbf &&
		    (p[2] == 0xbe || p[2] == 0xbf))) {
			fputs(HTML_BAD, out);
			p += 2;
		} else
			fputc(*p, out);
	}
}

static void
html_title(FILE *out, const char *from, const char *to)
{
	fputs("aer safety summary ", out);
	html_text(out, from);
	fputs(" " HTML_DASH " ", out);
	html_text(out, to);
}

/* The page up to its first section: head, style, title, what it shows. */
void
html_begin(FILE *out, json_t *reply, const struct summary_range *r)
{
	const char	*from = case_or(reply, "from", r->from);
	const char	*to = case_or(reply, "to", r->to);

	fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "lang=\"en\" xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>", out);
	html_title(out, from, to);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<header>\n<h1>", html_style);
	html_title(out, from, to);
	fputs("</h1>\n", out);
	fputs("<p class=\"meta\">Adverse events, near misses and unsafe "
	    "conditions reported from ", out);
	html_text(out, from);
	fputs(" to ", out);
	html_text(out, to);
	fputs(", by the day each report was received.", out);
	if (summary_suppressed(reply))
		fprintf(out, " Counts under %lld are shown as &lt;%lld.",
		    summary_threshold(reply), summary_threshold(reply));
	else
		fputs(" <strong>Unsuppressed: small counts are shown. For "
		    "reviewers only; do not pass on.</strong>", out);
	fputs("</p>\n</header>\n", out);
}

/* What the marks mean, when the page was made, and the end of it. */
void
html_end(FILE *out, json_t *reply, int footnote)
{
	char		day[32] = "";
	struct tm	tm;
	time_t		now = time(NULL);
	long long	threshold = summary_threshold(reply);

	if (localtime_r(&now, &tm) != NULL)
		strftime(day, sizeof(day), "%Y-%m-%d %H:%M", &tm);
	fputs("<footer>\n", out);
	if (summary_suppressed(reply))
		fprintf(out, "<p>&lt;%lld marks a count under %lld, or one "
		    "hidden so that such a count cannot be worked out from "
		    "the total and the counts shown; in the charts, a short "
		    "hatched stub marks where it is, not how many.</p>\n",
		    threshold, threshold);
	if (json_is_true(json_object_get(reply, "month_tables")))
		fputs("<p>N+ marks a count of at least N, hidden because a "
		    "month of the range hides part of it: each month's counts "
		    "are suppressed on their own, and a range's are made from "
		    "them.</p>\n", out);
	if (footnote)
		fprintf(out, "<p><i>hidden</i> marks a share or a "
		    "cumulative share not shown: with the counts shown it "
		    "would give away a count under %lld.</p>\n", threshold);
	fputs("<p>" HTML_DASH " marks a figure with nothing to count.</p>\n",
	    out);
	fprintf(out, "<p>Made %s by aer %s.</p>\n</footer>\n</body>\n"
	    "</html>\n", day, PACKAGE_VERSION);
}

