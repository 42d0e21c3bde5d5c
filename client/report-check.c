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
 * Answers in a report that cannot all be true, found before it is filed
 * so that the reporter can say which is right. They follow from what
 * the taxonomy's codes mean (DESIGN.md): an incident reached the
 * patient, a near miss did not, an unsafe condition is no error yet;
 * the NCC MERP index says whether a medication error reached the patient
 * and how much harm it did, and the AHRQ harm scale says how much harm
 * there was. Codes a facility adds mean nothing here and are never
 * called wrong. aerd files what it is given: this is advice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

/* What each NCC MERP category says happened. */
static const struct merp_meaning {
	const char	*code;
	int		 error;		/* an error happened */
	int		 reached;	/* it reached the patient */
	const char	*harms;		/* the harm codes that fit, or NULL */
	const char	*means;		/* in words */
} merp_meanings[] = {
	{ "A", 0, 0, NULL, "there was no error yet, only circumstances "
	    "that could cause one" },
	{ "B", 1, 0, NULL, "the error did not reach the patient" },
	{ "C", 1, 1, " none ", "it reached the patient and did no harm" },
	{ "D", 1, 1, " none ", "it reached the patient and did no harm, "
	    "though monitoring was needed" },
	{ "E", 1, 1, " mild moderate severe ", "it did temporary harm" },
	{ "F", 1, 1, " mild moderate severe ", "it did temporary harm "
	    "needing a hospital stay" },
	{ "G", 1, 1, " moderate severe ", "it did permanent harm" },
	{ "H", 1, 1, " severe ", "it needed intervention to sustain life" },
	{ "I", 1, 1, " death ", "it contributed to the patient's death" },
};

/* What each kind of event says happened. */
static const struct event_meaning {
	const char	*code;
	int		 error;
	int		 reached;
	const char	*means;
} event_meanings[] = {
	{ "incident", 1, 1, "it reached the patient" },
	{ "near_miss", 1, 0, "an error was caught before it reached the "
	    "patient" },
	{ "unsafe_condition", 0, 0, "there was no error yet, only "
	    "circumstances that could cause one" },
};

static const char *
check_get(json_t *body, const char *member)
{
	return (json_string_value(json_object_get(body, member)));
}

/* "Heading “label”", the label from aerd's taxonomy. */
static void
check_answer(FILE *fp, json_t *tax, const char *heading,
    const char *enumeration, const char *code)
{
	fprintf(fp, "%s \xe2\x80\x9c", heading);
	aer_print_text(fp, tax_label_of(json_object_get(tax, enumeration),
	    code));
	fputs("\xe2\x80\x9d", fp);
}

/* Print text as a list item, its words wrapped to cols. */
static void
check_wrap(FILE *fp, const char *text, size_t cols)
{
	const char	*p = text, *word;
	size_t		 col = 4, len;

	fputs("  - ", fp);
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		for (word = p; *p != '\0' && *p != ' '; p++)
			;
		if ((len = text_chars_n(word, (size_t)(p - word))) == 0)
			continue;
		if (col > 4 && col + 1 + len >= cols) {
			fputs("\n    ", fp);
			col = 4;
		} else if (col > 4) {
			fputc(' ', fp);
			col++;
		}
		fwrite(word, 1, (size_t)(p - word), fp);
		col += len;
	}
	fputc('\n', fp);
}

/* One disagreement, said in a sentence that fits cols. */
static void
check_say(FILE *fp, size_t cols, json_t *tax, const char *heading,
    const char *enumeration, const char *code, const char *means,
    const char *merp, const char *merp_means)
{
	FILE	*mem;
	char	*text = NULL;
	size_t	 len = 0;

	if ((mem = open_memstream(&text, &len)) == NULL)
		return;
	check_answer(mem, tax, heading, enumeration, code);
	fprintf(mem, " says %s, but ", means);
	check_answer(mem, tax, "MERP", "merp_category", merp);
	fprintf(mem, " says %s.", merp_means);
	if (fclose(mem) == 0)
		check_wrap(fp, text, cols);
	free(text);
}

/*
 * Print each pair of answers in body that disagree to fp (NULL: print
 * nothing), in lines of fewer than cols characters, and return how many
 * there are.
 */
size_t
report_check(json_t *tax, json_t *body, FILE *fp, size_t cols)
{
	const struct merp_meaning	*m = NULL;
	const struct event_meaning	*e = NULL;
	const char			*merp, *event, *harm;
	char				 word[AER_MAX_CODE + 3];
	size_t				 i, n = 0;

	if ((merp = check_get(body, "merp_category")) == NULL)
		return (0);
	for (i = 0; i < sizeof(merp_meanings) / sizeof(merp_meanings[0]); i++)
		if (strcmp(merp, merp_meanings[i].code) == 0)
			m = &merp_meanings[i];
	if (m == NULL)
		return (0);
	event = check_get(body, "event_type");
	for (i = 0; event != NULL &&
	    i < sizeof(event_meanings) / sizeof(event_meanings[0]); i++)
		if (strcmp(event, event_meanings[i].code) == 0)
			e = &event_meanings[i];
	if (e != NULL && (e->error != m->error || e->reached != m->reached)) {
		n++;
		if (fp != NULL)
			check_say(fp, cols, tax, "Event", "event_type", event,
			    e->means, merp, m->means);
	}
	harm = check_get(body, "harm");
	if (harm == NULL || m->harms == NULL || strlen(harm) > AER_MAX_CODE)
		return (n);
	snprintf(word, sizeof(word), " %s ", harm);
	/* A harm code of the scale that this category does not fit. */
	if (strstr(" none mild moderate severe death ", word) != NULL &&
	    strstr(m->harms, word) == NULL) {
		n++;
		if (fp != NULL)
			check_say(fp, cols, tax, "Harm", "harm", harm, strcmp(harm,
			    "none") == 0 ? "the patient was not harmed" :
			    strcmp(harm, "death") == 0 ? "the patient died" :
			    "the patient was harmed", merp, m->means);
	}
	return (n);
}
