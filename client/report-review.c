/*
 * The last screen of the guided form: the report as it will be filed,
 * the answers that could point to the reporter when taken together (the
 * reporter's role, where, a time of day), each of which can be dropped,
 * and the question whether to file it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aer.h"

/* How much of the description the summary shows. */
#define SUMMARY_TEXT	240

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

/* One line of the summary: a heading and a code's label or a text. */
static void
summary_line(json_t *tax, json_t *body, const char *heading,
    const char *member, const char *enumeration)
{
	const char	*value;

	if ((value = review_get(body, member)) == NULL)
		return;
	if (enumeration != NULL)
		value = tax_label_of(json_object_get(tax, enumeration), value);
	fprintf(stderr, "  %-15s ", heading);
	aer_print_text(stderr, value);
	fputc('\n', stderr);
}

/* The start of the description, on one line, cut on a UTF-8 boundary. */
static void
summary_text(json_t *body)
{
	const char	*text = review_get(body, "description");
	char		 start[SUMMARY_TEXT + 1];
	size_t		 len = strlen(text), i;

	if (len > SUMMARY_TEXT) {
		len = SUMMARY_TEXT;
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(start, text, len);
	start[len] = '\0';
	for (i = 0; i < len; i++) {
		if (start[i] == '\n' || start[i] == '\t')
			start[i] = ' ';
	}
	fprintf(stderr, "  %-15s ", "What happened");
	aer_print_text(stderr, start);
	fputs(len < strlen(text) ? " ...\n" : "\n", stderr);
}

static void
summary_factors(json_t *tax, json_t *body)
{
	json_t	*codes, *code, *list;
	size_t	 i;

	codes = json_object_get(body, "contributing_factors");
	if (json_array_size(codes) == 0)
		return;
	list = json_object_get(tax, "contributing_factor");
	fprintf(stderr, "  %-15s ", "Contributed");
	json_array_foreach(codes, i, code) {
		if (i > 0)
			fputs("; ", stderr);
		aer_print_text(stderr, tax_label_of(list,
		    json_string_value(code)));
	}
	fputc('\n', stderr);
}

static void
summary_show(json_t *tax, json_t *body)
{
	fputs("\nThe report:\n", stderr);
	summary_line(tax, body, "Event", "event_type", "event_type");
	summary_line(tax, body, "Category", "category", "category");
	summary_line(tax, body, "Harm", "harm", "harm");
	summary_line(tax, body, "MERP", "merp_category", "merp_category");
	summary_line(tax, body, "When", "occurred_at", NULL);
	summary_line(tax, body, "Where", "location", NULL);
	summary_text(body);
	summary_line(tax, body, "Done at once", "immediate_actions", NULL);
	summary_factors(tax, body);
	summary_line(tax, body, "Your role", "reporter_role",
	    "reporter_role");
	if (json_is_true(json_object_get(body, "urgent")))
		fprintf(stderr, "  %-15s yes: shown to the reviewers at once\n",
		    "Urgent");
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
review_question(char *buf, size_t len, const char *letters)
{
	size_t	i, n;

	n = (size_t)snprintf(buf, len, "File this report? [Y/n");
	for (i = 0; letters[i] != '\0' && n + 3 < len; i++) {
		buf[n++] = '/';
		buf[n++] = letters[i];
	}
	snprintf(buf + n, len - n, "] ");
}

/* An answer that is not one: say which are. */
static void
review_retry(const char *letters)
{
	size_t	i, n = strlen(letters);

	fputs("Please answer y or n", stderr);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%c", i == 0 ? ", or " : i + 1 == n ?
		    " or " : ", ", letters[i]);
	fputs(n > 0 ? " to drop an answer.\n" : ".\n", stderr);
}

/*
 * Show the report and ask whether to file it: yes, no, or the letter of
 * an answer that could point to the reporter, to drop it and ask again.
 * Returns PROMPT_OK to file it, PROMPT_SKIP not to, or PROMPT_EOF.
 */
int
report_review(json_t *tax, json_t *body)
{
	char	 letters[NTRACES + 1], question[64], *answer;
	int	 rc, show = 1;

	summary_show(tax, body);
	for (;;) {
		trace_letters(tax, body, letters);
		if (show && *letters != '\0')
			trace_show(tax, body, letters);
		else if (show)
			fputc('\n', stderr);
		review_question(question, sizeof(question), letters);
		if ((rc = prompt_line(question, 16, &answer)) != PROMPT_OK)
			return (rc == PROMPT_SKIP ? PROMPT_OK : rc);
		if (strcasecmp(answer, "y") == 0 ||
		    strcasecmp(answer, "yes") == 0 ||
		    strcasecmp(answer, "n") == 0 ||
		    strcasecmp(answer, "no") == 0) {
			rc = tolower((unsigned char)*answer) == 'y' ?
			    PROMPT_OK : PROMPT_SKIP;
			free(answer);
			return (rc);
		}
		show = *letters != '\0' &&
		    trace_drop(body, answer, letters) == 0;
		if (!show)
			review_retry(letters);
		free(answer);
	}
}
