/*
 * The last screen of the guided form: the report as it will be filed,
 * and the question whether to file it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

/* How much of the description the summary shows. */
#define SUMMARY_TEXT	240

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

/*
 * Show the report and ask whether to file it. Returns PROMPT_OK to file
 * it, PROMPT_SKIP not to, or PROMPT_EOF.
 */
int
report_review(json_t *tax, json_t *body)
{
	summary_show(tax, body);
	switch (prompt_yesno("\nFile this report? [Y/n] ", 1)) {
	case 1:
		return (PROMPT_OK);
	case 0:
		return (PROMPT_SKIP);
	default:
		return (PROMPT_EOF);
	}
}
