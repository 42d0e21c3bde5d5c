/*
 * The guided form of aer report: the questions a nurse answers in under a
 * minute, each list offered from aerd's taxonomy, then a summary to
 * confirm. It fills a report body and sends nothing itself.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

/* How much of the description the summary shows. */
#define SUMMARY_TEXT	240

struct form {
	json_t	*tax;
	json_t	*body;
};

/* The taxonomy list behind an enumeration, or NULL if aerd has none. */
static json_t *
form_list(struct form *f, const char *enumeration)
{
	json_t	*list, *item;
	size_t	 i;

	list = json_object_get(f->tax, enumeration);
	if (!json_is_array(list) || json_array_size(list) == 0)
		return (NULL);
	json_array_foreach(list, i, item) {
		if (!json_is_string(json_object_get(item, "code")))
			return (NULL);
	}
	return (list);
}

static const char *
form_get(struct form *f, const char *member)
{
	return (json_string_value(json_object_get(f->body, member)));
}

/* Ask for one code from a list and keep it in the body as member. */
static int
form_pick(struct form *f, const char *enumeration, const char *member,
    const char *question, int optional)
{
	json_t		*list;
	const char	*code;
	int		 rc;

	if ((list = form_list(f, enumeration)) == NULL) {
		if (optional)
			return (PROMPT_SKIP);
		aer_warnx("aerd's taxonomy has no %s list", enumeration);
		return (PROMPT_EOF);
	}
	rc = prompt_choose(question, list, optional, &code);
	if (rc == PROMPT_OK)
		json_object_set_new(f->body, member, json_string(code));
	return (rc);
}

/* Keep a line or text answer in the body, or say why it cannot be. */
static int
form_keep(struct form *f, const char *member, char *answer, size_t max)
{
	int	rc;

	rc = report_text(f->body, member, answer, max);
	free(answer);
	if (rc == TEXT_NOT_UTF8)
		fputs("That is not UTF-8 text; please type it again.\n",
		    stderr);
	else if (rc == TEXT_TOO_LONG)
		fprintf(stderr, "That is too long; keep it under %zu "
		    "characters.\n", max);
	return (rc);
}

/* A line that may be left empty. */
static int
form_line(struct form *f, const char *member, const char *question,
    size_t max)
{
	char	*answer;
	int	 rc;

	do {
		if ((rc = prompt_line(question, max, &answer)) != PROMPT_OK)
			return (rc);
	} while (form_keep(f, member, answer, max) != TEXT_OK);
	return (PROMPT_OK);
}

static int
form_when(struct form *f)
{
	char		 when[AER_MAX_OCCURRED + 1], *answer;
	const char	*why;
	int		 rc;

	fputs("\nWhen did it happen? Type today, yesterday, now (this hour), "
	    "a date\n(2026-11-20) or a date and time (2026-11-20 14:30).\n",
	    stderr);
	for (;;) {
		rc = prompt_line("When [today]: ", AER_MAX_OCCURRED, &answer);
		if (rc == PROMPT_EOF)
			return (rc);
		rc = report_when(rc == PROMPT_SKIP ? "today" : answer, when,
		    sizeof(when), &why);
		free(answer);
		if (rc == WHEN_OK)
			break;
		if (rc == WHEN_FUTURE)
			fputs("That is in the future; give a time that has "
			    "passed.\n", stderr);
		else
			fprintf(stderr, "Please %s.\n", why);
	}
	json_object_set_new(f->body, "occurred_at", json_string(when));
	return (PROMPT_OK);
}

static int
form_description(struct form *f)
{
	char	*answer;
	int	 rc;

	for (;;) {
		rc = prompt_text("\nWhat happened? Describe what you saw; "
		    "leave your own name out.\n"
		    "End with an empty line (or Ctrl-D).\n",
		    AER_MAX_DESCRIPTION, &answer);
		if (rc == PROMPT_EOF)
			return (rc);
		if (rc == PROMPT_SKIP) {
			fputs("A few words are needed: this is the heart of "
			    "the report.\n", stderr);
			continue;
		}
		if (form_keep(f, "description", answer,
		    AER_MAX_DESCRIPTION) == TEXT_OK)
			return (PROMPT_OK);
	}
}

static int
form_factors(struct form *f)
{
	json_t	*list, *codes;
	int	 rc;

	if ((list = form_list(f, "contributing_factor")) == NULL)
		return (PROMPT_SKIP);
	codes = json_array();
	rc = prompt_choose_many("What contributed to it? Choose any that "
	    "apply.", list, AER_MAX_FACTORS, codes);
	if (rc == PROMPT_OK)
		json_object_set_new(f->body, "contributing_factors", codes);
	else
		json_decref(codes);
	return (rc);
}

/* One line of the summary: a heading and a code's label or a text. */
static void
summary_line(struct form *f, const char *heading, const char *member,
    const char *enumeration)
{
	const char	*value;

	if ((value = form_get(f, member)) == NULL)
		return;
	if (enumeration != NULL)
		value = tax_label_of(form_list(f, enumeration), value);
	fprintf(stderr, "  %-15s ", heading);
	aer_print_text(stderr, value);
	fputc('\n', stderr);
}

/* The start of the description, on one line, cut on a UTF-8 boundary. */
static void
summary_text(struct form *f)
{
	const char	*text = form_get(f, "description");
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
summary_factors(struct form *f)
{
	json_t	*codes, *code, *list;
	size_t	 i;

	codes = json_object_get(f->body, "contributing_factors");
	if (json_array_size(codes) == 0)
		return;
	list = form_list(f, "contributing_factor");
	fprintf(stderr, "  %-15s ", "Contributed");
	json_array_foreach(codes, i, code) {
		if (i > 0)
			fputs("; ", stderr);
		aer_print_text(stderr, tax_label_of(list,
		    json_string_value(code)));
	}
	fputc('\n', stderr);
}

static int
form_confirm(struct form *f)
{
	fputs("\nThe report:\n", stderr);
	summary_line(f, "Event", "event_type", "event_type");
	summary_line(f, "Category", "category", "category");
	summary_line(f, "Harm", "harm", "harm");
	summary_line(f, "MERP", "merp_category", "merp_category");
	summary_line(f, "When", "occurred_at", NULL);
	summary_line(f, "Where", "location", NULL);
	summary_text(f);
	summary_line(f, "Done at once", "immediate_actions", NULL);
	summary_factors(f);
	summary_line(f, "Your role", "reporter_role", "reporter_role");
	switch (prompt_yesno("\nFile this report? [Y/n] ", 1)) {
	case 1:
		return (PROMPT_OK);
	case 0:
		return (PROMPT_SKIP);
	default:
		return (PROMPT_EOF);
	}
}

/*
 * Ask the questions and fill body. Returns PROMPT_OK when the reporter
 * confirmed, anything else when the report is not to be sent.
 */
int
report_form(json_t *tax, json_t *body)
{
	struct form	 f = { tax, body };
	int		 incident, medication;

	fputs("New report. It is anonymous: nothing is sent until you "
	    "confirm, and Ctrl-C\ncancels. Press Enter to skip a question "
	    "that says so.\n", stderr);
	if (form_pick(&f, "event_type", "event_type", "What kind of event "
	    "was it?", 0) == PROMPT_EOF ||
	    form_pick(&f, "category", "category", "What did it involve?",
	    0) == PROMPT_EOF)
		return (PROMPT_EOF);
	incident = strcmp(form_get(&f, "event_type"), AER_CODE_INCIDENT) == 0;
	medication = strcmp(form_get(&f, "category"), AER_CODE_MEDICATION) == 0;
	/* Harm is asked of an incident only: anything else did not reach
	 * the patient, and aerd accepts no harm but "none" for it. */
	if (incident && form_pick(&f, "harm", "harm", "How much harm came "
	    "to the patient?", 0) == PROMPT_EOF)
		return (PROMPT_EOF);
	if (medication && form_pick(&f, "merp_category", "merp_category",
	    "NCC MERP category, if you know it:", 1) == PROMPT_EOF)
		return (PROMPT_EOF);
	if (form_when(&f) == PROMPT_EOF ||
	    form_line(&f, "location", "\nWhere did it happen? (unit or "
	    "place; Enter to skip): ", AER_MAX_LOCATION) == PROMPT_EOF ||
	    form_description(&f) == PROMPT_EOF ||
	    form_line(&f, "immediate_actions", "\nWhat was done "
	    "immediately? (one line; Enter to skip): ",
	    AER_MAX_IMMEDIATE) == PROMPT_EOF ||
	    form_factors(&f) == PROMPT_EOF ||
	    form_pick(&f, "reporter_role", "reporter_role", "Your role "
	    "(optional; it does not name you):", 1) == PROMPT_EOF)
		return (PROMPT_EOF);
	return (form_confirm(&f));
}
