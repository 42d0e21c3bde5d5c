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
 * What a reporter sees of their report (GET /v1/followup), for aer
 * status and, before the answer is typed, aer reply: when it came in,
 * its status in words, the conversation with the reviewers, and the
 * outcome once it is closed. A referred report is explained: for a
 * reporter it is an end, and it should not read as a reproach.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

/* What each status aerd gives a reporter means, in words. */
static const struct {
	const char	*status;
	const char	*words;
	const char	*more;		/* said after the status, or NULL */
} followup_statuses[] = {
	{ "new", "new, waiting to be reviewed", NULL },
	{ "in_review", "in review by the patient-safety team", NULL },
	{ "referred", "referred to another process",
	    "The reviewers have passed this report on to the hospital's "
	    "process for matters\n"
	    "outside patient safety, such as a question of conduct. "
	    "Reporting it was the\n"
	    "right thing to do, and the report stays anonymous: nothing in "
	    "it names you.\n"
	    "The safety team will not follow it up here, so no more messages "
	    "will come and\n"
	    "replies are closed. If what happened still worries you, you can "
	    "talk it over\n"
	    "in confidence with your patient-safety officer.\n" },
	{ "closed", "closed", NULL },
};
#define NSTATUSES	(sizeof(followup_statuses) / sizeof(followup_statuses[0]))

static const char *
followup_str(json_t *reply, const char *key)
{
	return (json_string_value(json_object_get(reply, key)));
}

/* Print text, its later lines indented under the first. */
static void
followup_indented(const char *text)
{
	const char	*nl;
	char		*line;

	while ((nl = strchr(text, '\n')) != NULL) {
		if ((line = strndup(text, (size_t)(nl - text))) != NULL) {
			aer_print_text(stdout, line);
			free(line);
		}
		fputs("\n    ", stdout);
		text = nl + 1;
	}
	aer_print_text(stdout, text);
	fputc('\n', stdout);
}

static void
followup_messages(json_t *messages)
{
	json_t		*m;
	const char	*sent, *from, *text;
	size_t		 i;

	if (json_array_size(messages) == 0) {
		printf("\nNo messages yet.\n");
		return;
	}
	printf("\nMessages:\n");
	json_array_foreach(messages, i, m) {
		sent = followup_str(m, "sent");
		from = followup_str(m, "from");
		text = followup_str(m, "text");
		fputs("  ", stdout);
		aer_print_text(stdout, sent != NULL ? sent : "?");
		fputs("  ", stdout);
		aer_print_text(stdout, from != NULL ? from : "?");
		fputs(": ", stdout);
		followup_indented(text != NULL ? text : "");
	}
}

/* Closed or referred: the reporter can no longer reply. */
int
followup_ended(json_t *reply)
{
	const char	*status = followup_str(reply, "status");

	return (status != NULL && (strcmp(status, "closed") == 0 ||
	    strcmp(status, "referred") == 0) ? FOLLOWUP_ENDED :
	    FOLLOWUP_OPEN);
}

/* The report's follow-up, in words, on stdout. */
int
followup_show(json_t *reply)
{
	const char	*status, *received, *outcome, *more = NULL;
	size_t		 i;

	status = followup_str(reply, "status");
	received = followup_str(reply, "received");
	outcome = followup_str(reply, "outcome");
	fputs("Report received ", stdout);
	aer_print_text(stdout, received != NULL ? received : "(no date)");
	fputs(" \xe2\x80\x94 status: ", stdout);
	for (i = 0; status != NULL && i < NSTATUSES; i++) {
		if (strcmp(status, followup_statuses[i].status) == 0) {
			fputs(followup_statuses[i].words, stdout);
			more = followup_statuses[i].more;
			break;
		}
	}
	if (status == NULL || i == NSTATUSES)
		aer_print_text(stdout, status != NULL ? status : "unknown");
	fputs(".\n", stdout);
	if (more != NULL)
		printf("\n%s", more);
	followup_messages(json_object_get(reply, "messages"));
	case_print_earlier(reply);
	if (outcome != NULL) {
		fputs("\nOutcome: ", stdout);
		followup_indented(outcome);
	}
	return (aer_flush_stdout("the status"));
}
