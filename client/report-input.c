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
 * Reading and checking the fields of a report before it is sent, the same
 * way for flags, a JSON file and the guided form: lengths from limits.h,
 * UTF-8, and when it happened. Which codes exist is aerd's to say.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aer.h"

/*
 * Set body[field] to value, a UTF-8 string of at most max characters
 * (code points, as aerd counts); an empty value sets nothing. Returns
 * TEXT_OK, TEXT_TOO_LONG or TEXT_NOT_UTF8.
 */
int
report_text(json_t *body, const char *field, const char *value, size_t max)
{
	json_t	*s;

	if (*value == '\0')
		return (TEXT_OK);
	if ((s = json_string(value)) == NULL)
		return (TEXT_NOT_UTF8);
	if (text_chars(value) > max) {
		json_decref(s);
		return (TEXT_TOO_LONG);
	}
	json_object_set_new(body, field, s);
	return (TEXT_OK);
}

/* The number in n digits at s, or -1. */
static int
when_digits(const char *s, int n)
{
	int	v = 0;

	for (; n > 0; n--, s++) {
		if (!isdigit((unsigned char)*s))
			return (-1);
		v = v * 10 + (*s - '0');
	}
	return (v);
}

/* Check "YYYY-MM-DD" against the calendar. */
static int
when_date(const char *s)
{
	struct tm	tm;
	int		y, m, d;

	y = when_digits(s, 4);
	m = when_digits(s + 5, 2);
	d = when_digits(s + 8, 2);
	if (y < 1900 || m < 1 || d < 1 || s[4] != '-' || s[7] != '-')
		return (-1);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1 || tm.tm_mon != m - 1 ||
	    tm.tm_mday != d)
		return (-1);
	return (0);
}

/* "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM". */
static int
when_syntax(const char *s)
{
	size_t	len = strlen(s);
	int	hour, min;

	if ((len != 10 && len != 16) || when_date(s) != 0)
		return (-1);
	if (len == 10)
		return (0);
	hour = when_digits(s + 11, 2);
	min = when_digits(s + 14, 2);
	if ((s[10] != 'T' && s[10] != ' ') || s[13] != ':' || hour < 0 ||
	    hour > 23 || min < 0 || min > 59)
		return (-1);
	return (0);
}

/*
 * Turn WHEN (today, yesterday, now, YYYY-MM-DD, YYYY-MM-DDTHH:MM or
 * YYYY-MM-DD HH:MM) into what aerd takes, in local time. now is the hour,
 * not the minute: the minute a report is filed in, given as when it
 * happened, would tell who was at the keyboard; a time typed is kept as
 * typed. Returns WHEN_OK, WHEN_BAD if it is not a time, or WHEN_FUTURE;
 * *why says what is wrong.
 */
int
report_when(const char *in, char *out, size_t outlen, const char **why)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		 limit[32];
	size_t		 len = strlen(in);
	int		 word = 1;

	*why = "give a date like 2026-11-20, a date and time like "
	    "2026-11-20T14:30, today, yesterday or now";
	localtime_r(&now, &tm);
	if (strcmp(in, "yesterday") == 0) {
		tm.tm_mday--;
		tm.tm_isdst = -1;
		(void)mktime(&tm);
	} else if (strcmp(in, "today") != 0 && strcmp(in, "now") != 0)
		word = 0;
	if (word) {
		len = strcmp(in, "now") == 0 ?
		    strftime(out, outlen, "%Y-%m-%dT%H:00", &tm) :
		    strftime(out, outlen, "%Y-%m-%d", &tm);
		return (len == 0 ? WHEN_BAD : WHEN_OK);
	}
	if (len >= outlen || when_syntax(in) != 0)
		return (WHEN_BAD);
	memcpy(out, in, len + 1);
	if (len == 16)
		out[10] = 'T';
	if (len == 16)
		strftime(limit, sizeof(limit), "%Y-%m-%dT%H:%M", &tm);
	else
		strftime(limit, sizeof(limit), "%Y-%m-%d", &tm);
	if (strcmp(out, limit) > 0) {
		*why = "that is in the future";
		return (WHEN_FUTURE);
	}
	return (WHEN_OK);
}

/*
 * What making a report urgent costs the reporter, said before it is
 * filed: aerd holds a report back for the next release, with others, so
 * that the time it came in does not point to whoever was at a keyboard.
 */
const char report_urgent_note[] =
    "An urgent report is shown to the reviewers at once, not with\n"
    "others at the next release. They will see when it was filed, and that\n"
    "may help them tell who filed it.\n";

/*
 * When the reviewers will see a report, from aerd's reply to filing it:
 * a sentence in buf, or NULL if the reply does not say. A release is the
 * local time "YYYY-MM-DDTHH:MM" of the next one.
 */
const char *
report_seen(json_t *reply, char *buf, size_t len)
{
	const char	*release;

	if (json_is_true(json_object_get(reply, "urgent")))
		return ("Reviewers can see it now.");
	release = json_string_value(json_object_get(reply, "release"));
	if (release == NULL || strlen(release) != 16 || release[10] != 'T' ||
	    when_syntax(release) != 0)
		return (NULL);
	if ((size_t)snprintf(buf, len, "Reviewers will see it at the next "
	    "release, %s.", release) >= len)
		return (NULL);
	return (buf);
}

/* Read all of fp, up to max bytes; NULL with *toolong set past that. */
static char *
read_all(FILE *fp, size_t max, size_t *lenp, int *toolong)
{
	char	*buf;
	size_t	 len = 0, n;

	*toolong = 0;
	if ((buf = malloc(max + 2)) == NULL)
		return (NULL);
	while ((n = fread(buf + len, 1, max + 1 - len, fp)) > 0) {
		len += n;
		if (len > max) {
			*toolong = 1;
			free(buf);
			return (NULL);
		}
		/* On a terminal, one ^D ends it; reading on would wait. */
		if (feof(fp))
			break;
	}
	if (ferror(fp)) {
		free(buf);
		return (NULL);
	}
	buf[len] = '\0';
	*lenp = len;
	return (buf);
}

/* --json-file: the JSON object in path ("-" for stdin). */
json_t *
report_load(const char *path)
{
	FILE		*fp;
	json_t		*body = NULL;
	json_error_t	 jerr;
	char		*data;
	size_t		 len;
	int		 toolong;

	if (strcmp(path, "-") == 0) {
		fp = stdin;
		path = "standard input";
	} else if ((fp = fopen(path, "r")) == NULL) {
		aer_warn("%s", path);
		return (NULL);
	}
	if ((data = read_all(fp, AER_MAX_BODY, &len, &toolong)) == NULL) {
		if (toolong)
			aer_warnx("%s is larger than %d bytes, more than aerd "
			    "takes", path, AER_MAX_BODY);
		else
			aer_warn("%s", path);
	} else if ((body = json_loadb(data, len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		aer_warnx("%s is not valid JSON: line %d: %s", path, jerr.line,
		    jerr.text);
	else if (!json_is_object(body)) {
		aer_warnx("%s does not hold a JSON object", path);
		json_decref(body);
		body = NULL;
	}
	free(data);
	if (fp != stdin)
		fclose(fp);
	return (body);
}

/* --description -: the text on stdin, without trailing white space. */
char *
report_stdin_text(size_t max)
{
	char	*text;
	size_t	 len;
	int	 toolong;

	/* Room for max characters of any size, and trailing white space
	 * that is trimmed below; the characters are counted later. */
	if ((text = read_all(stdin, 4 * max + 1024, &len, &toolong)) ==
	    NULL) {
		if (toolong)
			aer_warnx("--description: the text is longer than "
			    "%zu characters", max);
		else
			aer_warn("standard input");
		return (NULL);
	}
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		text[--len] = '\0';
	return (text);
}

/* A code is short, plain text. */
int
report_code_ok(const char *code)
{
	const char	*p;

	if (*code == '\0' || strlen(code) > AER_MAX_CODE)
		return (0);
	for (p = code; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return (0);
	}
	return (1);
}
