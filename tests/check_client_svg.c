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
 * client/svg-chart.c: the charts of aer export --format html. A count
 * shown is a bar with its number; a hidden one a hatched stub marked
 * "<5" that tells nothing of its size; a count aer was not given is
 * left out. Every label from aerd is escaped, and the SVG is XML.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

static char	*out;		/* what the chart wrote */
static size_t	 outlen;
static FILE	*fp;

static void
setup(void)
{
	out = NULL;
	ck_assert_ptr_nonnull(fp = open_memstream(&out, &outlen));
}

static void
teardown(void)
{
	if (fp != NULL)
		fclose(fp);
	free(out);
}

/* Close the stream, so that out holds everything written. */
static const char *
written(void)
{
	ck_assert_int_eq(fclose(fp), 0);
	fp = NULL;
	return (out);
}

static size_t
count(const char *s, const char *what)
{
	size_t	n = 0;

	for (; (s = strstr(s, what)) != NULL; s += strlen(what))
		n++;
	return (n);
}

/* One <svg> element, each <text> closed, and every '&' a reference. */
static void
well_formed(const char *s)
{
	static const char *const refs[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"
	};
	const char	*p;
	size_t		 i;

	ck_assert_uint_eq(strncmp(s, "<svg ", 5), 0);
	ck_assert_uint_eq(count(s, "<svg "), 1);
	ck_assert_uint_eq(count(s, "</svg>\n"), 1);
	ck_assert_str_eq(s + strlen(s) - 7, "</svg>\n");
	ck_assert_uint_eq(count(s, "<text "), count(s, "</text>"));
	ck_assert_uint_eq(count(s, "<title"), count(s, "</title>"));
	for (p = s; (p = strchr(p, '&')) != NULL; p++) {
		for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
			if (strncmp(p, refs[i], strlen(refs[i])) == 0)
				break;
		}
		ck_assert_msg(i < sizeof(refs) / sizeof(refs[0]),
		    "a bare '&' at \"%.20s\"", p);
	}
}

static const struct chart_bar bars[] = {
	{ "Medication", CELL_SHOWN, 12, NULL, 0, 0 },
	{ "Falls & <slips>", CELL_SHOWN, 7, "#b34700", 0, 0 },
	{ "Devices", CELL_HIDDEN, 3, NULL, 0, 0 },	/* a count it must not tell */
	{ "Other", CELL_NONE, 0, NULL, 0, 0 },
};
#define NBARS	(sizeof(bars) / sizeof(bars[0]))

START_TEST(test_bars)
{
	const char	*s;

	svg_bars(fp, 3, "Events by \"kind\"", "Reports", bars, NBARS, 5, -1);
	s = written();
	well_formed(s);
	ck_assert_ptr_nonnull(strstr(s, "<title id=\"c3-t\">Events by "
	    "&quot;kind&quot;</title>"));
	/* Two bars drawn, each with its number; the second its own fill. */
	ck_assert_uint_eq(count(s, "fill=\"#1f4e79\"/>"), 1);
	ck_assert_uint_eq(count(s, "fill=\"#b34700\"/>"), 1);
	ck_assert_ptr_nonnull(strstr(s, ">12</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">7</text>"));
	/* The hidden one: a hatched stub and "<5", never its 3. */
	ck_assert_uint_eq(count(s, "fill=\"url(#c3-h)\""), 1);
	ck_assert_ptr_nonnull(strstr(s, ">&lt;5</text>"));
	ck_assert_ptr_null(strstr(s, ">3</text>"));
	/* The one not given: a dash. */
	ck_assert_ptr_nonnull(strstr(s, ">\xe2\x80\x93</text>"));
	/* Labels escaped, whole. */
	ck_assert_ptr_nonnull(strstr(s, ">Falls &amp; &lt;slips&gt;<"));
	ck_assert_ptr_null(strstr(s, "<slips>"));
	ck_assert_ptr_nonnull(strstr(s, ">Medication<"));
	ck_assert_ptr_nonnull(strstr(s, ">Other<"));
}
END_TEST

/* The committee's count over months: hidden, at least 9, as "9+". */
START_TEST(test_bars_at_least)
{
	static const struct chart_bar	b[] = {
		{ "Fall", CELL_SHOWN, 12, NULL, 0, 0 },
		{ "Device", CELL_HIDDEN, 0, NULL, 9, 0 },
	};
	const char			*s;

	svg_bars(fp, 4, "Events", "Reports", b, 2, 5, -1);
	s = written();
	well_formed(s);
	ck_assert_ptr_nonnull(strstr(s, ">9+</text>"));
	ck_assert_ptr_null(strstr(s, ">&lt;5</text>"));
}
END_TEST

/* A long label wraps at spaces; past four lines it is cut, with a title. */
START_TEST(test_bars_long_label)
{
	struct chart_bar	 b[2] = {
		{ "Unit seven north west wing, the corridor by the lifts",
		    CELL_SHOWN, 4, NULL, 0, 0 },
		{ NULL, CELL_SHOWN, 2, NULL, 0, 0 },
	};
	char			 label[201];
	const char		*s;

	memset(label, 'x', sizeof(label) - 1);
	label[sizeof(label) - 1] = '\0';
	b[1].label = label;
	svg_bars(fp, 1, "Where", "Reports", b, 2, 5, -1);
	s = written();
	well_formed(s);
	ck_assert_ptr_nonnull(strstr(s, ">Unit seven north west wing, the"
	    "</tspan>"));
	ck_assert_ptr_nonnull(strstr(s, ">corridor by the lifts</tspan>"));
	/* The 200 x: four lines of 34, an ellipsis, the whole in a title. */
	ck_assert_uint_eq(count(s, "<title>"), 1);
	ck_assert_uint_eq(count(s, "\xe2\x80\xa6</tspan>"), 1);
	ck_assert_uint_eq(count(s, "<tspan "), 2 + 4);
}
END_TEST

static const struct chart_bar pareto[] = {
	{ "Medication", CELL_SHOWN, 30, NULL, 0, 0 },
	{ "Falls & <slips>", CELL_SHOWN, 10, NULL, 0, 0 },
	{ "Blood", CELL_SHOWN, 0, NULL, 0, 0 },
	{ "Devices", CELL_HIDDEN, 0, NULL, 0, 0 },
	{ "Surgery", CELL_HIDDEN, 0, NULL, 0, 0 },
};
#define NPARETO	(sizeof(pareto) / sizeof(pareto[0]))

START_TEST(test_pareto)
{
	const char	*s;

	svg_pareto(fp, 2, pareto, NPARETO, CELL_SHOWN, 44, 5);
	s = written();
	well_formed(s);
	/* Two bars, the zero one left out; the hidden two as one bar of 4. */
	ck_assert_uint_eq(count(s, "class=\"bar\""), 2);
	ck_assert_ptr_nonnull(strstr(s, "class=\"bar\" data-count=\"30\""));
	ck_assert_ptr_null(strstr(s, "data-count=\"0\""));
	ck_assert_ptr_nonnull(strstr(s, "class=\"hidden-sum\" "
	    "data-count=\"4\""));
	ck_assert_ptr_nonnull(strstr(s, ">2 hidden categories</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">Falls &amp; &lt;slips&gt;</text>"));
	ck_assert_ptr_nonnull(strstr(s, "Not drawn: 1 category with no "
	    "report."));
	/* The cumulative line through all three, solid, to 100%. */
	ck_assert_uint_eq(count(s, "<polyline "), 1);
	ck_assert_ptr_null(strstr(s, "stroke-dasharray=\"6 4\""));
	ck_assert_ptr_nonnull(strstr(s, ">100%</text>"));
	/* The axis reaches 30. */
	ck_assert_ptr_nonnull(strstr(s, ">30</text>"));
	/* The legend's hatched box says what it is. */
	ck_assert_ptr_nonnull(strstr(s, ">Hidden (under 5, or would reveal "
	    "one)</text>"));
}
END_TEST

/* With the total hidden, no line: it would tell the total. */
START_TEST(test_pareto_total_hidden)
{
	const char	*s;

	svg_pareto(fp, 2, pareto, NPARETO, CELL_HIDDEN, 0, 5);
	s = written();
	well_formed(s);
	ck_assert_uint_eq(count(s, "<polyline "), 0);
	ck_assert_ptr_null(strstr(s, "Cumulative %"));
	ck_assert_ptr_null(strstr(s, ">100%</text>"));
	ck_assert_ptr_nonnull(strstr(s, "No cumulative line"));
	/* Their sum unknown: a stub, "<5" for each is all it can say. */
	ck_assert_ptr_null(strstr(s, "hidden-sum"));
	ck_assert_uint_eq(count(s, "class=\"hidden\""), 1);
}
END_TEST

/*
 * A month of 9 reports, all in two hidden categories: no bar for the
 * nine with none, one hatched bar of 9, an axis that reaches it.
 */
START_TEST(test_pareto_all_hidden)
{
	static const struct chart_bar	b[] = {
		{ "Blood", CELL_SHOWN, 0, NULL, 0, 0 },
		{ "Device", CELL_SHOWN, 0, NULL, 0, 0 },
		{ "Fall", CELL_HIDDEN, 0, NULL, 0, 0 },
		{ "Medication", CELL_HIDDEN, 0, NULL, 0, 0 },
	};
	const char			*s;

	svg_pareto(fp, 2, b, 4, CELL_SHOWN, 9, 5);
	s = written();
	well_formed(s);
	ck_assert_uint_eq(count(s, "class=\"bar\""), 0);
	ck_assert_ptr_nonnull(strstr(s, "class=\"hidden-sum\" "
	    "data-count=\"9\""));
	ck_assert_ptr_nonnull(strstr(s, "text-anchor=\"end\">10</text>"));
}
END_TEST

/* Two hidden rows of a known sum: a last row draws it; the axis too. */
START_TEST(test_bars_hidden_sum)
{
	static const struct chart_bar	b[] = {
		{ "No harm", CELL_HIDDEN, 0, NULL, 0, 0 },
		{ "Mild", CELL_SHOWN, 0, NULL, 0, 0 },
		{ "Does not apply", CELL_HIDDEN, 0, NULL, 0, 0 },
	};
	const char			*s;

	svg_bars(fp, 5, "Harm", "Reports", b, 3, 5, 9);
	s = written();
	well_formed(s);
	ck_assert_ptr_nonnull(strstr(s, ">The hidden rows, together<"));
	ck_assert_ptr_nonnull(strstr(s, "class=\"hidden-sum\" "
	    "data-count=\"9\""));
	ck_assert_ptr_nonnull(strstr(s, "text-anchor=\"middle\">10</text>"));
	ck_assert_uint_eq(count(s, ">&lt;5</text>"), 2);
}
END_TEST

/* Hidden, their sum unknown: the axis reaches the threshold at least. */
START_TEST(test_bars_hidden_axis)
{
	static const struct chart_bar	b[] = {
		{ "On time", CELL_HIDDEN, 0, NULL, 0, 0 },
		{ "Late", CELL_SHOWN, 0, NULL, 0, 0 },
	};
	const char			*s;

	svg_bars(fp, 5, "RCA", "RCAs", b, 2, 5, -1);
	s = written();
	well_formed(s);
	ck_assert_ptr_null(strstr(s, "together"));
	ck_assert_ptr_nonnull(strstr(s, "text-anchor=\"middle\">5</text>"));
	ck_assert_ptr_null(strstr(s, "text-anchor=\"middle\">6</text>"));
}
END_TEST

static const struct chart_bar run[] = {
	{ "2026-11", CELL_SHOWN, 8, NULL, 0, 0 },
	{ "2026-12", CELL_HIDDEN, 0, NULL, 0, 0 },
	{ "2027-01", CELL_SHOWN, 14, NULL, 0, 0 },
};
#define NRUN	(sizeof(run) / sizeof(run[0]))

START_TEST(test_run)
{
	const char	*s;

	svg_run(fp, 4, run, NRUN, 1, 11.5, 5);
	s = written();
	well_formed(s);
	ck_assert_uint_eq(count(s, "<circle "), 2);
	ck_assert_uint_eq(count(s, "fill=\"url(#c4-h)\""), 1 + 1);
	ck_assert_uint_eq(count(s, "partial"), 0);
	ck_assert_ptr_nonnull(strstr(s, ">median 11.5</text>"));
	/* Across the hidden month the line is dotted and grey. */
	ck_assert_ptr_nonnull(strstr(s, "stroke-dasharray=\"2 3\""));
	ck_assert_ptr_nonnull(strstr(s, ">Nov</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">Jan</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">2026</text>"));
	ck_assert_ptr_nonnull(strstr(s, ">2027</text>"));
}
END_TEST

/* A month the range has only part of: a hollow point, and a note. */
START_TEST(test_run_partial)
{
	static const struct chart_bar	b[] = {
		{ "2026-10", CELL_SHOWN, 8, NULL, 0, 0 },
		{ "2026-11", CELL_SHOWN, 10, NULL, 0, 0 },
		{ "2026-12", CELL_SHOWN, 2, NULL, 0, 1 },
	};
	const char			*s;

	svg_run(fp, 4, b, 3, 1, 9, 5);
	s = written();
	well_formed(s);
	ck_assert_uint_eq(count(s, "class=\"point partial\""), 1);
	ck_assert_uint_eq(count(s, "class=\"point\""), 2);
	ck_assert_ptr_nonnull(strstr(s, ">Part of a month only</text>"));
	ck_assert_ptr_nonnull(strstr(s, "the median is of whole months"));
}
END_TEST

START_TEST(test_run_no_median)
{
	const char	*s;

	svg_run(fp, 4, run, NRUN, 0, 0, 5);
	s = written();
	well_formed(s);
	ck_assert_ptr_null(strstr(s, ">median "));
	ck_assert_ptr_nonnull(strstr(s, "No median"));
}
END_TEST

static Suite *
svg_chart_suite(void)
{
	Suite	*s = suite_create("client svg-chart");
	TCase	*tc = tcase_create("charts");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bars);
	tcase_add_test(tc, test_bars_long_label);
	tcase_add_test(tc, test_bars_at_least);
	tcase_add_test(tc, test_pareto);
	tcase_add_test(tc, test_pareto_total_hidden);
	tcase_add_test(tc, test_pareto_all_hidden);
	tcase_add_test(tc, test_bars_hidden_sum);
	tcase_add_test(tc, test_bars_hidden_axis);
	tcase_add_test(tc, test_run);
	tcase_add_test(tc, test_run_partial);
	tcase_add_test(tc, test_run_no_median);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(svg_chart_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
