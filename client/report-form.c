/*
 * The guided form of aer report: the questions a nurse answers in under a
 * minute, each list offered from aerd's taxonomy, then the review in
 * report-review.c. It fills a report body and sends nothing itself.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

struct form {
	json_t	*tax;
	json_t	*body;
	int	 urgent;	/* asked for with --urgent */
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

/*
 * Urgency, offered when the harm is severe or worse, or asked for with
 * --urgent, once the reporter has been told what it costs.
 */
static int
form_urgent(struct form *f)
{
	const char	*harm = form_get(f, "harm");
	int		 rc;

	if (!f->urgent && (harm == NULL ||
	    (strcmp(harm, AER_CODE_HARM_SEVERE) != 0 &&
	    strcmp(harm, AER_CODE_HARM_DEATH) != 0)))
		return (PROMPT_SKIP);
	fprintf(stderr, "\n%s%s", f->urgent ? "" : "With harm this serious, "
	    "you can make the report urgent.\n", report_urgent_note);
	rc = prompt_yesno(f->urgent ? "Make it urgent? [Y/n] " :
	    "Make it urgent? [y/N] ", f->urgent);
	if (rc == PROMPT_EOF)
		return (PROMPT_EOF);
	if (rc == 1)
		json_object_set_new(f->body, "urgent", json_true());
	else
		json_object_del(f->body, "urgent");
	return (PROMPT_OK);
}

/*
 * Ask the questions and fill body; urgent, the reporter asked for it
 * with --urgent. Returns PROMPT_OK when the reporter confirmed, anything
 * else when the report is not to be sent.
 */
int
report_form(json_t *tax, int urgent, json_t *body)
{
	struct form	 f = { tax, body, urgent };
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
	    "(optional; it does not name you):", 1) == PROMPT_EOF ||
	    form_urgent(&f) == PROMPT_EOF)
		return (PROMPT_EOF);
	return (report_review(tax, body));
}
