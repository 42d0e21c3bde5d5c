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
 * The guided form of aer report: the questions a nurse answers in under a
 * minute, each list offered from aerd's taxonomy, then the review in
 * report-review.c, from which any answer can be asked again (and the
 * questions that follow from it, such as harm for an incident). Text is
 * read by text-entry.c, so that nothing typed is cut; text over its limit
 * is handed back to be shortened. It fills a report body and sends
 * nothing itself.
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
	unsigned asked;		/* bit i: form_order[i] was asked */
};

/* The questions, in the order they are asked. */
static const char *const form_order[] = {
	"event_type", "category", "harm", "merp_category", "occurred_at",
	"location", "description", "immediate_actions",
	"contributing_factors", "reporter_role", "urgent",
};
#define NORDER	(sizeof(form_order) / sizeof(form_order[0]))

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
	else if (rc == PROMPT_SKIP)
		json_object_del(f->body, member);
	return (rc);
}

/*
 * Text over its limit: nothing is thrown away. Either the end past the
 * limit is left out, and shown to copy, or the text is handed back to be
 * shortened. Returns 1 with the text cut in place, or 0.
 */
static int
form_over(char *text, size_t max)
{
	size_t	n = text_chars(text), cut;
	char	ask[128];
	int	rc;

	fprintf(stderr, "\nThat is %zu characters; the limit is %zu, so it is "
	    "%zu too many.\nNothing you typed is lost.\n", n, max, n - max);
	snprintf(ask, sizeof(ask), "Keep only the first %zu characters, "
	    "leaving out the last %zu? [y/N] ", max, n - max);
	if ((rc = prompt_yesno(ask, 0)) == 1) {
		cut = text_prefix(text, max);
		fputs("Left out, to copy if you want it:\n\n", stderr);
		aer_print_text(stderr, text + cut);
		fputs("\n\n", stderr);
		text[cut] = '\0';
		return (1);
	}
	fputs("Shorten it below: it is all there. Backspace takes off the "
	    "end, Ctrl-U a whole\nline.\n", stderr);
	return (0);
}

/*
 * Text for member, one line or with lines several, at most max
 * characters; required, it cannot be left empty. A second time, the
 * answer already given is put back to edit.
 */
static int
form_long(struct form *f, const char *member, const char *question,
    int lines, size_t max, int required)
{
	const char	*had = form_get(f, member);
	char		*answer, *start = had != NULL ? strdup(had) : NULL;
	int		 rc;

	for (;;) {
		rc = text_entry(question, lines, start, &answer);
		free(start);
		start = NULL;
		if (rc == PROMPT_EOF)
			return (rc);
		if (rc == PROMPT_SKIP && required) {
			fputs("A few words are needed: this is the heart of "
			    "the report.\n", stderr);
			continue;
		}
		if (rc == PROMPT_SKIP) {
			json_object_del(f->body, member);
			return (rc);
		}
		if (text_chars(answer) > max && !form_over(answer, max)) {
			start = answer;
			continue;
		}
		rc = report_text(f->body, member, answer, max);
		free(answer);
		if (rc == TEXT_OK)
			return (PROMPT_OK);
		fputs("That is not UTF-8 text; please type it again.\n",
		    stderr);
	}
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
	else {
		json_decref(codes);
		if (rc == PROMPT_SKIP)
			json_object_del(f->body, "contributing_factors");
	}
	return (rc);
}

/* Urgency is offered when the harm is severe or worse, or --urgent. */
static int
form_urgent_offered(struct form *f)
{
	const char	*harm = form_get(f, "harm");

	return (f->urgent || (harm != NULL &&
	    (strcmp(harm, AER_CODE_HARM_SEVERE) == 0 ||
	    strcmp(harm, AER_CODE_HARM_DEATH) == 0)));
}

/* Urgency, once the reporter has been told what it costs. */
static int
form_urgent(struct form *f)
{
	int	rc;

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

/* Whether question i is asked of this report. */
static int
form_applies(struct form *f, size_t i)
{
	const char	*member = form_order[i], *v;

	if (strcmp(member, "harm") == 0)
		return ((v = form_get(f, "event_type")) != NULL &&
		    strcmp(v, AER_CODE_INCIDENT) == 0);
	if (strcmp(member, "merp_category") == 0)
		return ((v = form_get(f, "category")) != NULL &&
		    strcmp(v, AER_CODE_MEDICATION) == 0);
	if (strcmp(member, "urgent") == 0)
		return (form_urgent_offered(f));
	return (1);
}

/* Ask question i. */
static int
form_ask(struct form *f, size_t i)
{
	const char	*m = form_order[i];

	f->asked |= 1u << i;
	if (strcmp(m, "event_type") == 0)
		return (form_pick(f, m, m, "What kind of event was it?", 0));
	if (strcmp(m, "category") == 0)
		return (form_pick(f, m, m, "What did it involve?", 0));
	if (strcmp(m, "harm") == 0)
		return (form_pick(f, m, m, "How much harm came to the "
		    "patient?", 0));
	if (strcmp(m, "merp_category") == 0)
		return (form_pick(f, m, m, "NCC MERP category, if you know "
		    "it:", 1));
	if (strcmp(m, "occurred_at") == 0)
		return (form_when(f));
	if (strcmp(m, "location") == 0)
		return (form_long(f, m, "\nWhere did it happen? (unit or "
		    "place; Enter to skip): ", 0, AER_MAX_LOCATION, 0));
	if (strcmp(m, "description") == 0)
		return (form_long(f, m, "\nWhat happened? Describe what you "
		    "saw; leave your own name out.\nUp to "
		    AER_STR(AER_MAX_DESCRIPTION) " characters; end with an "
		    "empty line (or Ctrl-D).\n", 1, AER_MAX_DESCRIPTION, 1));
	if (strcmp(m, "immediate_actions") == 0)
		return (form_long(f, m, "\nWhat was done immediately? (one "
		    "line; Enter to skip): ", 0, AER_MAX_IMMEDIATE, 0));
	if (strcmp(m, "contributing_factors") == 0)
		return (form_factors(f));
	if (strcmp(m, "reporter_role") == 0)
		return (form_pick(f, m, m, "Your role (optional; it does not "
		    "name you):", 1));
	return (form_urgent(f));
}

/*
 * Ask what has not been asked and now applies; forget the answers that
 * no longer apply (harm once it is not an incident, say), so that they
 * are asked afresh if they come to apply again.
 */
static int
form_fill(struct form *f)
{
	size_t	i;

	for (i = 0; i < NORDER; i++) {
		if (!form_applies(f, i)) {
			json_object_del(f->body, form_order[i]);
			f->asked &= ~(1u << i);
		} else if (!(f->asked & (1u << i)) &&
		    form_ask(f, i) == PROMPT_EOF)
			return (PROMPT_EOF);
	}
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
	struct form	 f = { tax, body, urgent, 0 };
	const char	*change;
	size_t		 i;
	int		 rc;

	fputs("New report. It is anonymous: nothing is sent until you "
	    "confirm, and Ctrl-C\ncancels. Press Enter to skip a question "
	    "that says so.\n", stderr);
	for (;;) {
		if (form_fill(&f) == PROMPT_EOF)
			return (PROMPT_EOF);
		rc = report_review(tax, body, form_urgent_offered(&f),
		    &change);
		if (rc != REVIEW_CHANGE)
			return (rc);
		for (i = 0; i < NORDER; i++)
			if (strcmp(form_order[i], change) == 0 &&
			    form_ask(&f, i) == PROMPT_EOF)
				return (PROMPT_EOF);
	}
}
