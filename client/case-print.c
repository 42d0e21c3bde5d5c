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
 * Printing the parts of a case that more than one command shows: fields
 * with long text wrapped, the RCA, the actions, the messages and the due
 * dates. Everything that came from aerd goes through aer_print_text, so
 * none of it can drive the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

#define CASE_WIDTH	78	/* columns of wrapped text */
#define CASE_LABEL	14	/* columns of "Label:" and its padding */

/* What the keys of "due" and "overdue" mean. */
static const struct {
	const char	*key;
	const char	*label;
} case_due_labels[] = {
	{ "triage", "triage" },
	{ "rca_start", "RCA start" },
	{ "rca", "RCA complete" },
	{ "action", "an action" },
	{ "feedback", "feedback to the reporter" },
};

/* A case's state and an action's status in words, for sentences. */
static const struct {
	const char	*code;
	const char	*words;
} case_words[] = {
	{ "new", "new, awaiting triage" },
	{ "triaged", "triaged" },
	{ "investigating", "under investigation (an RCA)" },
	{ "actions", "at the corrective-actions stage" },
	{ "referred", "referred outside the safety process" },
	{ "closed", "closed" },
	{ "open", "open" },
	{ "done", "done, awaiting verification" },
	{ "verified_effective", "verified effective" },
	{ "verified_ineffective", "verified ineffective" },
	{ "withdrawn", "withdrawn" },
};

/* The words for a state or status code; an unknown code as it is. */
const char *
case_words_of(const char *code)
{
	size_t	i;

	if (code == NULL)
		return ("?");
	for (i = 0; i < sizeof(case_words) / sizeof(case_words[0]); i++) {
		if (strcmp(case_words[i].code, code) == 0)
			return (case_words[i].words);
	}
	return (code);
}

/*
 * "The case is now under investigation (an RCA)." when the state moved
 * from before, "The case is still triaged." when it did not.
 */
void
case_print_moved(const char *before, json_t *kase)
{
	const char	*after = case_or(kase, "state", "?");

	if (before != NULL && strcmp(before, after) == 0) {
		fputs("The case is still ", stdout);
		aer_print_text(stdout, case_words_of(after));
	} else {
		fputs("The case is now ", stdout);
		aer_print_text(stdout, case_words_of(after));
	}
	fputs(".\n", stdout);
}

const char *
case_str(json_t *obj, const char *key)
{
	return (json_string_value(json_object_get(obj, key)));
}

const char *
case_or(json_t *obj, const char *key, const char *dflt)
{
	const char	*s = case_str(obj, key);

	return (s != NULL && *s != '\0' ? s : dflt);
}

/* Columns that n bytes of UTF-8 take, near enough. */
static size_t
case_width(const char *s, size_t n)
{
	size_t	w = 0;

	for (; n > 0; n--, s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	}
	return (w);
}

static void
case_span(const char *s, size_t n)
{
	char	*copy;

	if ((copy = strndup(s, n)) == NULL)
		return;
	aer_print_text(stdout, copy);
	free(copy);
}

static void
case_spaces(int n)
{
	while (n-- > 0)
		fputc(' ', stdout);
}

/* The first CASE_SHORT_ID characters of obj[key], padded. */
void
case_print_short_id(json_t *obj, const char *key)
{
	const char	*id = case_or(obj, key, "?");
	size_t		 n = strlen(id);

	if (n > CASE_SHORT_ID)
		n = CASE_SHORT_ID;
	case_span(id, n);
	case_spaces(CASE_SHORT_ID - (int)n);
}

/* s, then spaces up to width columns (none if width is 0). */
void
case_print_cell(const char *s, int width)
{
	size_t	w = case_width(s, strlen(s));

	aer_print_text(stdout, s);
	if (width > 0 && (int)w < width)
		case_spaces(width - (int)w);
}

/* One line of text from col on, wrapped at spaces to indent. */
static int
case_wrap_line(const char *line, const char *end, int col, int indent)
{
	const char	*p = line, *q, *e;
	size_t		 ww;
	int		 first = 1;

	if (col + (int)case_width(line, (size_t)(end - line)) <= CASE_WIDTH) {
		case_span(line, (size_t)(end - line));
		return (col);
	}
	while (p < end) {
		q = p;
		while (!first && q < end && *q == ' ')
			q++;
		if (q == end)
			break;
		e = q;
		while (first && e < end && *e == ' ')
			e++;	/* keep the line's own indentation */
		while (e < end && *e != ' ')
			e++;
		ww = case_width(q, (size_t)(e - q));
		if (!first && col + 1 + (int)ww > CASE_WIDTH) {
			fputc('\n', stdout);
			case_spaces(indent);
			col = indent;
		} else if (!first) {
			fputc(' ', stdout);
			col++;
		}
		case_span(q, (size_t)(e - q));
		col += (int)ww;
		first = 0;
		p = e;
	}
	return (col);
}

/*
 * Print text starting at column col of a line already begun, wrapping
 * long lines at spaces and starting each later line at indent, then end
 * the line. The text's own line breaks are kept.
 */
void
case_print_block(const char *text, int col, int indent)
{
	const char	*line = text, *end;

	for (;;) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		case_wrap_line(line, end, col, indent);
		if (*end == '\0')
			break;
		fputc('\n', stdout);
		line = end + 1;
		col = indent;
		if (*line != '\n' && *line != '\0')
			case_spaces(indent);
	}
	fputc('\n', stdout);
}

/*
 * "Label:  value" at indent. A value with line breaks, or too long to
 * sit beside its label, starts on the next line, indented further.
 */
void
case_print_field(int indent, const char *label, const char *value)
{
	int	col;

	if (value == NULL)
		return;
	case_spaces(indent);
	printf("%s:", label);
	col = indent + (int)strlen(label) + 1;
	if (strchr(value, '\n') != NULL ||
	    (int)case_width(value, strlen(value)) > 2 * (CASE_WIDTH -
	    CASE_LABEL - indent)) {
		fputc('\n', stdout);
		case_spaces(indent + 4);
		case_print_block(value, indent + 4, indent + 4);
		return;
	}
	if (col < indent + CASE_LABEL) {
		case_spaces(indent + CASE_LABEL - col);
		col = indent + CASE_LABEL;
	} else {
		fputc(' ', stdout);
		col++;
	}
	case_print_block(value, col, col);
}

/* The strings of an array, separated by sep. */
void
case_print_list(json_t *array, const char *sep)
{
	json_t	*v;
	size_t	 i, n = 0;

	json_array_foreach(array, i, v) {
		if (!json_is_string(v))
			continue;
		if (n++ > 0)
			fputs(sep, stdout);
		aer_print_text(stdout, json_string_value(v));
	}
}

static const char *
case_due_label(const char *key)
{
	static char	action[32];
	size_t		i;

	/* "action:<id>": the action, by the short id that show prints. */
	if (strncmp(key, "action:", 7) == 0) {
		snprintf(action, sizeof(action), "action %.8s", key + 7);
		return (action);
	}
	for (i = 0; i < sizeof(case_due_labels) / sizeof(case_due_labels[0]);
	    i++) {
		if (strcmp(case_due_labels[i].key, key) == 0)
			return (case_due_labels[i].label);
	}
	return (key);
}

static int
case_in(json_t *array, const char *s)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(array, i, v) {
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return (1);
	}
	return (0);
}

/* "Due:" and the next deadlines of a case, the overdue ones marked. */
void
case_print_due(json_t *kase)
{
	json_t		*due = json_object_get(kase, "due");
	json_t		*overdue = json_object_get(kase, "overdue"), *v;
	const char	*key;
	size_t		 i;
	int		 n = 0;

	json_object_foreach(due, key, v) {
		if (!json_is_string(v))
			continue;
		fputs(n++ == 0 ? "Due:\n" : "", stdout);
		fputs("  ", stdout);
		case_print_cell(case_due_label(key), 26);
		case_print_cell(json_string_value(v), 0);
		fputs(case_in(overdue, key) ? "  OVERDUE\n" : "\n", stdout);
	}
	json_array_foreach(overdue, i, v) {
		key = json_string_value(v);
		if (key == NULL || json_is_string(json_object_get(due, key)))
			continue;
		fputs(n++ == 0 ? "Due:\n" : "", stdout);
		fputs("  ", stdout);
		case_print_cell(case_due_label(key), 26);
		fputs("OVERDUE\n", stdout);
	}
	if (n == 0)
		fputs("Due: nothing pending.\n", stdout);
}

/* The RCA: team, timeline, causal statements with their factors. */
void
case_print_rca(json_t *rca)
{
	json_t		*v, *team, *timeline, *causes;
	const char	*completed;
	size_t		 i;

	if (!json_is_object(rca)) {
		fputs("RCA: none yet.\n", stdout);
		return;
	}
	completed = case_str(rca, "completed");
	fputs(json_is_true(json_object_get(rca, "complete")) ?
	    "RCA: complete" : "RCA: in progress", stdout);
	if (case_str(rca, "started") != NULL) {
		fputs(" (started ", stdout);
		aer_print_text(stdout, case_str(rca, "started"));
		if (completed != NULL) {
			fputs(", completed ", stdout);
			aer_print_text(stdout, completed);
		}
		fputc(')', stdout);
	}
	fputc('\n', stdout);
	team = json_object_get(rca, "team");
	fputs("  Team:", stdout);
	case_spaces(CASE_LABEL - 5);
	if (json_array_size(team) == 0)
		fputs("(nobody yet)", stdout);
	case_print_list(team, "; ");
	fputc('\n', stdout);
	timeline = json_object_get(rca, "timeline");
	fputs(json_array_size(timeline) == 0 ? "  Timeline:     (empty)\n" :
	    "  Timeline:\n", stdout);
	json_array_foreach(timeline, i, v) {
		fputs("    ", stdout);
		case_print_cell(case_or(v, "at", "?"), 17);
		fputc(' ', stdout);
		case_print_block(case_or(v, "text", ""), 22, 22);
	}
	causes = json_object_get(rca, "causes");
	fputs(json_array_size(causes) == 0 ? "  Causes:       (none yet)\n" :
	    "  Causes:\n", stdout);
	json_array_foreach(causes, i, v) {
		fputs("    [", stdout);
		aer_print_text(stdout, case_or(v, "factor", "?"));
		fputs("] ", stdout);
		case_print_block(case_or(v, "statement", ""), 7 +
		    (int)strlen(case_or(v, "factor", "?")), 6);
	}
}

/* Each action: id, status, strength, owner, due, and how it is measured. */
void
case_print_actions(json_t *actions)
{
	json_t	*a;
	size_t	 i;

	if (json_array_size(actions) == 0) {
		fputs("Actions: none yet.\n", stdout);
		return;
	}
	fputs("Actions:\n", stdout);
	json_array_foreach(actions, i, a) {
		fputs(i > 0 ? "\n  " : "  ", stdout);
		case_print_short_id(a, "id");
		fputs("  ", stdout);
		aer_print_text(stdout, case_words_of(case_str(a, "status")));
		fputs(", ", stdout);
		aer_print_text(stdout, case_or(a, "strength", "?"));
		fputs(", due ", stdout);
		aer_print_text(stdout, case_or(a, "due", "?"));
		fputs(json_is_true(json_object_get(a, "overdue")) ?
		    "  OVERDUE\n" : "\n", stdout);
		fputs("    ", stdout);
		case_print_block(case_or(a, "description", ""), 4, 4);
		case_print_field(4, "Owner", case_str(a, "owner"));
		case_print_field(4, "Measure", case_str(a, "measure"));
		case_print_field(4, "Target", case_str(a, "target"));
		case_print_field(4, "Measure by", case_str(a, "measure_by"));
		case_print_field(4, "Note", case_str(a, "note"));
		case_print_field(4, "Reason", case_str(a, "reason"));
	}
}

/* Messages between the reviewers and the reporter, oldest first. */
void
case_print_messages(json_t *messages)
{
	json_t	*m;
	size_t	 i;
	int	 col;

	if (json_array_size(messages) == 0) {
		fputs("Messages: none yet.\n", stdout);
		return;
	}
	fputs("Messages:\n", stdout);
	json_array_foreach(messages, i, m) {
		fputs("  ", stdout);
		aer_print_text(stdout, case_or(m, "sent", "?"));
		fputs("  ", stdout);
		aer_print_text(stdout, case_or(m, "from", "?"));
		fputs(": ", stdout);
		col = 2 + (int)strlen(case_or(m, "sent", "?")) + 2 +
		    (int)strlen(case_or(m, "from", "?")) + 2;
		case_print_block(case_or(m, "text", ""), col, 6);
	}
}

/* aerd sends a page of the latest messages: say how many came before. */
void
case_print_earlier(json_t *reply)
{
	json_int_t	total, shown;

	total = json_integer_value(json_object_get(reply, "messages_total"));
	shown = (json_int_t)json_array_size(json_object_get(reply,
	    "messages"));
	if (total > shown)
		printf("  (%lld earlier messages are not shown.)\n",
		    (long long)(total - shown));
}

/* --json: aerd's reply as it came. */
int
case_print_json(json_t *reply)
{
	aer_print_json(stdout, reply);
	return (aer_flush_stdout("aerd's reply"));
}
