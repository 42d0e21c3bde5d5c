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
 * Checking what a reviewer or a reporter types before it is sent: ids
 * that go into a path, days, free text from a flag, standard input or
 * the terminal. Which codes exist is aerd's to say.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aer.h"

/*
 * An id, or a prefix of one, goes into a path as it is, so it may hold
 * only what an id holds: lower-case hex digits and dashes, at least
 * CASE_ID_LEAST of them (as aerd asks). Returns 1 if it does; otherwise
 * says so and returns 0.
 */
int
case_id_ok(const char *id)
{
	const char	*p;

	for (p = id; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) && (*p < 'a' || *p > 'f') &&
		    *p != '-')
			break;
	}
	if (*id == '\0' || *p != '\0' || strlen(id) > CASE_ID_MAX) {
		aer_warnx("an id is hex digits and dashes");
		return (0);
	}
	if (strlen(id) < CASE_ID_LEAST) {
		aer_warnx("the id %s is too short to pick out one: give at "
		    "least %d of its characters", id, CASE_ID_LEAST);
		return (0);
	}
	return (1);
}

/* base/id followed by tail (may be ""), into buf; -1 if it does not fit. */
int
case_path(char *buf, size_t len, const char *base, const char *id,
    const char *tail)
{
	int	n;

	n = snprintf(buf, len, "%s/%s%s", base, id, tail);
	if (n < 0 || (size_t)n >= len) {
		aer_warnx("an id is hex digits and dashes");
		return (-1);
	}
	return (0);
}

/* A day as aerd takes it: YYYY-MM-DD, on the calendar. */
int
case_day_ok(const char *day)
{
	struct tm	tm;
	int		y, m, d, i;

	if (strlen(day) != 10 || day[4] != '-' || day[7] != '-')
		return (0);
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && !isdigit((unsigned char)day[i]))
			return (0);
	}
	y = atoi(day);
	m = atoi(day + 5);
	d = atoi(day + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return (0);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1 || tm.tm_mon != m - 1 ||
	    tm.tm_mday != d)
		return (0);
	return (1);
}

/*
 * Set body[member] to the text a flag gave. Empty text, text over max
 * bytes and text that is not UTF-8 are refused here, naming the flag.
 * Returns 0 or an exit status.
 */
int
case_set_text(json_t *body, const char *member, const char *flag,
    const char *value, size_t max)
{
	const char	*p;
	json_t		*s;

	for (p = value; isspace((unsigned char)*p); p++)
		;
	if (*p == '\0') {
		aer_warnx("%s cannot be empty", flag);
		return (AER_EXIT_FAIL);
	}
	if (strlen(value) > max) {
		aer_warnx("%s is too long: at most %zu bytes", flag, max);
		return (AER_EXIT_FAIL);
	}
	if ((s = json_string(value)) == NULL) {
		aer_warnx("%s is not UTF-8 text", flag);
		return (AER_EXIT_FAIL);
	}
	json_object_set_new(body, member, s);
	return (0);
}

/* All of standard input, trimmed; NULL (and told) if too long or empty. */
static char *
stdin_text(size_t max)
{
	char	*buf, *text;
	size_t	 len = 0, n, room = max + 1024;

	if ((buf = malloc(room + 1)) == NULL) {
		aer_warnx("out of memory");
		return (NULL);
	}
	while (len < room && (n = fread(buf + len, 1, room - len,
	    stdin)) > 0)
		len += n;
	if (ferror(stdin)) {
		aer_warn("standard input");
		free(buf);
		return (NULL);
	}
	buf[len] = '\0';
	text = aer_trim(buf);
	if (len == room || strlen(text) > max) {
		aer_warnx("the text is too long: at most %zu bytes", max);
		free(buf);
		return (NULL);
	}
	if (*text == '\0') {
		aer_warnx("standard input held no text");
		free(buf);
		return (NULL);
	}
	memmove(buf, text, strlen(text) + 1);
	return (buf);
}

/*
 * The text of a message: arg itself, or with arg "-" or NULL a few lines
 * typed on the terminal after question. arg "-" off a terminal reads all
 * of standard input; NULL off a terminal is a usage error (2). Returns 0
 * with *out set (malloc'd, trimmed, UTF-8) or an exit status.
 */
int
case_read_text(const char *arg, const char *question, size_t max,
    char **out)
{
	json_t	*s;
	char	*text = NULL, *trimmed;
	int	 rc;

	*out = NULL;
	if (arg != NULL && strcmp(arg, "-") != 0) {
		if ((text = strdup(arg)) == NULL) {
			aer_warnx("out of memory");
			return (AER_EXIT_FAIL);
		}
		trimmed = aer_trim(text);
		memmove(text, trimmed, strlen(trimmed) + 1);
		if (*text == '\0') {
			aer_warnx("--text cannot be empty");
			free(text);
			return (AER_EXIT_FAIL);
		}
		if (strlen(text) > max) {
			aer_warnx("--text is too long: at most %zu bytes", max);
			free(text);
			return (AER_EXIT_FAIL);
		}
	} else if (isatty(STDIN_FILENO)) {
		rc = prompt_text(question, max, &text);
		if (rc != PROMPT_OK) {
			aer_warnx("nothing to send");
			return (AER_EXIT_FAIL);
		}
	} else if (arg != NULL) {
		if ((text = stdin_text(max)) == NULL)
			return (AER_EXIT_FAIL);
	} else {
		aer_warnx("give the text with --text TEXT, or --text - to "
		    "read it from standard input");
		return (AER_EXIT_USAGE);
	}
	if ((s = json_string(text)) == NULL) {
		aer_warnx("the text is not UTF-8");
		free(text);
		return (AER_EXIT_FAIL);
	}
	json_decref(s);
	*out = text;
	return (AER_EXIT_OK);
}
