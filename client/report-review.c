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
 * The last screen of the guided form: the report as it will be filed,
 * each answer numbered so that any can be changed; answers that cannot
 * all be true (report-check.c); the answers that could point to the
 * reporter when taken together (the reporter's role, where, a time of
 * day), each of which can be dropped; and the question whether to file
 * it. Not filing what was typed is asked twice.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "aer.h"

/* The lines of the description the summary shows, at most. */
#define SUMMARY_LINES	3
#define SUMMARY_INDENT	21	/* "  NN  ", the heading and a space */

/* An answer on the review screen, to change by its number. */
static const struct review_item {
	const char	*heading;
	const char	*member;
	const char	*enumeration;	/* a code's list, or NULL for text */
} review_items[] = {
	{ "Event", "event_type", "event_type" },
	{ "Category", "category", "category" },
	{ "Harm", "harm", "harm" },
	{ "MERP", "merp_category", "merp_category" },
	{ "When", "occurred_at", NULL },
	{ "Where", "location", NULL },
	{ "What happened", "description", NULL },
	{ "Done at once", "immediate_actions", NULL },
	{ "Contributed", "contributing_factors", "contributing_factor" },
	{ "Your role", "reporter_role", "reporter_role" },
	{ "Urgent", "urgent", NULL },
};
#define NITEMS	(sizeof(review_items) / sizeof(review_items[0]))

/*
 * An answer that could point to the reporter: the letter to drop it by,
 * and what is said once it is dropped. A time is dropped to its day.
 */
static const struct review_trace {
	int		 letter;
	const char	*name;
	const char	*member;
	const char	*dropped;
} review_traces[] = {
	{ 'r', "role", "reporter_role", "Dropped your role." },
	{ 'l', "location", "location", "Dropped where it happened." },
	{ 't', "time", "occurred_at", "Dropped the time; the day stays." },
};
#define NTRACES	(sizeof(review_traces) / sizeof(review_traces[0]))

static const char *
review_get(json_t *body, const char *member)
{
	return (json_string_value(json_object_get(body, member)));
}

/* Whether the form asks this question of this report. */
static int
item_applies(json_t *body, const struct review_item *it, int urgent_offered)
{
	const char	*v;

	if (strcmp(it->member, "harm") == 0)
		return ((v = review_get(body, "event_type")) != NULL &&
		    strcmp(v, AER_CODE_INCIDENT) == 0);
	if (strcmp(it->member, "merp_category") == 0)
		return ((v = review_get(body, "category")) != NULL &&
		    strcmp(v, AER_CODE_MEDICATION) == 0);
	if (strcmp(it->member, "urgent") == 0)
		return (urgent_offered);
	return (1);
}

/* The terminal's width, for the description's lines. */
static int
review_cols(void)
{
	struct winsize	ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return (ws.ws_col);
	return (80);
}

/*
 * The start of the description, in lines that fit the terminal under
 * its heading, cut on a character; and how long it is when cut.
 */
static void
summary_text(const char *text)
{
	size_t	 width = (size_t)(review_cols() - SUMMARY_INDENT - 1);
	size_t	 total = text_chars(text), shown, len, i, line;
	char	*flat;

	if ((flat = strdup(text)) == NULL)
		return;
	for (i = 0; flat[i] != '\0'; i++)
		if (flat[i] == '\n' || flat[i] == '\t')
			flat[i] = ' ';
	shown = total;
	if (shown > width * SUMMARY_LINES)
		shown = width * SUMMARY_LINES - 4;
	for (line = 0, i = 0; i < shown; line++, i += width) {
		len = text_prefix(flat + text_prefix(flat, i),
		    shown - i < width ? shown - i : width);
		if (line > 0)
			fprintf(stderr, "\n%*s", SUMMARY_INDENT, "");
		fwrite(flat + text_prefix(flat, i), 1, len, stderr);
	}
	if (shown < total)
		fprintf(stderr, " ...\n%*s(%zu characters in all)",
		    SUMMARY_INDENT, "", total);
	fputc('\n', stderr);
	free(flat);
}

static void
summary_factors(json_t *tax, json_t *codes)
{
	json_t	*code, *list;
	size_t	 i;

	list = json_object_get(tax, "contributing_factor");
	json_array_foreach(codes, i, code) {
		if (i > 0)
			fputs("; ", stderr);
		aer_print_text(stderr, tax_label_of(list,
		    json_string_value(code)));
	}
	fputc('\n', stderr);
}

/* One numbered answer of the summary. */
static void
summary_item(json_t *tax, json_t *body, const struct review_item *it,
    size_t number)
{
	json_t		*v = json_object_get(body, it->member);
	const char	*value = json_string_value(v);

	fprintf(stderr, "  %2zu  %-14s ", number, it->heading);
	if (strcmp(it->member, "urgent") == 0)
		fputs(json_is_true(v) ? "yes: shown to the reviewers at once\n"
		    : "no\n", stderr);
	else if (json_is_array(v) && json_array_size(v) > 0)
		summary_factors(tax, v);
	else if (value == NULL)
		fputs("(none)\n", stderr);
	else if (strcmp(it->member, "description") == 0)
		summary_text(value);
	else {
		if (it->enumeration != NULL)
			value = tax_label_of(json_object_get(tax,
			    it->enumeration), value);
		aer_print_text(stderr, value);
		fputc('\n', stderr);
	}
}

/* The report as it will be filed, each answer numbered; how many. */
static size_t
summary_show(json_t *tax, json_t *body, int urgent_offered,
    const struct review_item **numbered)
{
	size_t	i, n = 0;

	fputs("\nThe report (type an answer's number to change it):\n",
	    stderr);
	for (i = 0; i < NITEMS; i++) {
		if (!item_applies(body, &review_items[i], urgent_offered))
			continue;
		numbered[n] = &review_items[i];
		summary_item(tax, body, &review_items[i], ++n);
	}
	return (n);
}

/* The answer that could point to the reporter, as shown, or NULL. */
static const char *
trace_value(json_t *tax, json_t *body, const struct review_trace *t)
{
	const char	*value = review_get(body, t->member);

	if (value == NULL)
		return (NULL);
	if (strcmp(t->member, "reporter_role") == 0)
		return (tax_label_of(json_object_get(tax, "reporter_role"),
		    value));
	if (strcmp(t->member, "occurred_at") == 0)
		return (strlen(value) > 11 ? value + 11 : NULL);
	return (value);
}

/* The letters of the answers that could point to the reporter. */
static void
trace_letters(json_t *tax, json_t *body, char *letters)
{
	size_t	i, n = 0;

	for (i = 0; i < NTRACES; i++) {
		if (trace_value(tax, body, &review_traces[i]) != NULL)
			letters[n++] = (char)review_traces[i].letter;
	}
	letters[n] = '\0';
}

/* Point out the answers that could point to the reporter together. */
static void
trace_show(json_t *tax, json_t *body, const char *letters)
{
	const char	*value;
	size_t		 i, n;

	if (*letters == '\0')
		return;
	fputs(strlen(letters) > 1 ? "\nThese answers could point to you "
	    "together:\n  " : "\nThis answer could help point to you:\n  ",
	    stderr);
	for (i = 0, n = 0; i < NTRACES; i++) {
		value = trace_value(tax, body, &review_traces[i]);
		if (value == NULL)
			continue;
		fprintf(stderr, "%s%s: ", n++ > 0 ? ", " : "",
		    review_traces[i].name);
		aer_print_text(stderr, value);
	}
	fputs(".\nTo drop one before filing, type its letter.\n", stderr);
}

/*
 * Drop the answers whose letters are in answer, if each letter in it is
 * one of letters (spaces and commas aside). Returns 0, or -1 having
 * dropped nothing.
 */
static int
trace_drop(json_t *body, const char *answer, const char *letters)
{
	const struct review_trace	*t;
	const char			*p;
	char				 day[11];
	size_t				 i;

	for (p = answer; *p != '\0'; p++) {
		if (*p != ' ' && *p != ',' && strchr(letters,
		    tolower((unsigned char)*p)) == NULL)
			return (-1);
	}
	for (i = 0; i < NTRACES; i++) {
		t = &review_traces[i];
		if (strchr(answer, t->letter) == NULL &&
		    strchr(answer, toupper(t->letter)) == NULL)
			continue;
		if (strcmp(t->member, "occurred_at") == 0) {
			snprintf(day, sizeof(day), "%s",
			    review_get(body, t->member));
			json_object_set_new(body, t->member, json_string(day));
		} else
			json_object_del(body, t->member);
		fprintf(stderr, "%s\n", t->dropped);
	}
	return (0);
}

/* "File this report? [Y/n/r/l/t] " with the letters that are left. */
static void
review_question(char *buf, size_t len, const char *letters, size_t odd)
{
	size_t	i, n;

	n = (size_t)snprintf(buf, len, odd > 0 ? "File it as it is? [y/n" :
	    "File this report? [Y/n");
	for (i = 0; letters[i] != '\0' && n + 3 < len; i++) {
		buf[n++] = '/';
		buf[n++] = letters[i];
	}
	snprintf(buf + n, len - n, "/number] ");
}

/* An answer that is not one: say which are. */
static void
review_retry(const char *letters, size_t items)
{
	size_t	i, n = strlen(letters);

	fprintf(stderr, "Please answer y or n, or a number from 1 to %zu to "
	    "change that answer", items);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%c", i == 0 ? ", or " : i + 1 == n ?
		    " or " : ", ", letters[i]);
	fputs(n > 0 ? " to drop an answer.\n" : ".\n", stderr);
}

/* The number of an answer to change, 1 to n, or 0. */
static size_t
review_number(const char *answer, size_t n)
{
	char		*end;
	unsigned long	 v;

	if (!isdigit((unsigned char)*answer))
		return (0);
	v = strtoul(answer, &end, 10);
	return (*end == '\0' && v >= 1 && v <= n ? (size_t)v : 0);
}

/* Not filing throws away what was typed: make sure. */
static int
review_discard(void)
{
	int	rc;

	rc = prompt_yesno("Not file it? What you typed will be lost. [y/N] ",
	    0);
	return (rc == PROMPT_EOF ? PROMPT_EOF : rc == 1 ? PROMPT_SKIP : -1);
}

/* Answers that cannot all be true: point them out. */
static size_t
review_odd(json_t *tax, json_t *body)
{
	size_t	n;

	if ((n = report_check(tax, body, NULL, 0)) == 0)
		return (0);
	fprintf(stderr, "\n%s:\n", n > 1 ? "These answers disagree" :
	    "These two answers disagree");
	(void)report_check(tax, body, stderr, (size_t)review_cols());
	fputs("Type the number of the one to change, or y to file it as it "
	    "is.\n", stderr);
	return (n);
}

/*
 * Show the report and ask whether to file it: yes, no, the number of an
 * answer to change, or the letter of an answer that could point to the
 * reporter, to drop it and ask again. urgent_offered: the form asked
 * whether to make it urgent. Returns PROMPT_OK to file it, PROMPT_SKIP
 * not to, PROMPT_EOF, or REVIEW_CHANGE with *change the member to ask
 * again.
 */
int
report_review(json_t *tax, json_t *body, int urgent_offered,
    const char **change)
{
	const struct review_item	*numbered[NITEMS];
	char				 letters[NTRACES + 1], question[64];
	char				*answer;
	size_t				 items, odd = 0, k;
	int				 rc, show = 1;

	*change = NULL;
	items = summary_show(tax, body, urgent_offered, numbered);
	for (;;) {
		trace_letters(tax, body, letters);
		if (show) {
			odd = review_odd(tax, body);
			if (*letters != '\0')
				trace_show(tax, body, letters);
			else
				fputc('\n', stderr);
		}
		review_question(question, sizeof(question), letters, odd);
		rc = prompt_line(question, 16, &answer);
		if (rc == PROMPT_EOF)
			return (rc);
		if (rc == PROMPT_SKIP && odd == 0)
			return (PROMPT_OK);
		if (rc == PROMPT_SKIP) {
			show = 0;
			review_retry(letters, items);
			continue;
		}
		if (strcasecmp(answer, "y") == 0 ||
		    strcasecmp(answer, "yes") == 0) {
			free(answer);
			return (PROMPT_OK);
		}
		if (strcasecmp(answer, "n") == 0 ||
		    strcasecmp(answer, "no") == 0) {
			free(answer);
			if ((rc = review_discard()) != -1)
				return (rc);
			show = 0;
			continue;
		}
		if ((k = review_number(answer, items)) > 0) {
			free(answer);
			*change = numbered[k - 1]->member;
			return (REVIEW_CHANGE);
		}
		show = *letters != '\0' &&
		    trace_drop(body, answer, letters) == 0;
		if (!show)
			review_retry(letters, items);
		free(answer);
	}
}
