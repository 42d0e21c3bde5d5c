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
 * Text and times as FHIR R4 takes them (doc/API.md, "FHIR"). Pure: no
 * I/O, unit-tested alone (tests/check_fhir.c).
 *
 * A FHIR string is one or more characters, none of them a control
 * character but tab, line feed and carriage return; HL7's JSON Schema
 * for R4 goes further and takes no white space but those and the space
 * (its pattern is ^[ \r\n\t\S]+$, where \S is JavaScript's). Text typed
 * into aer may hold any of them: a no-break space from a word processor,
 * a form feed from a paste. fhir_string makes each such space a plain
 * space (a line or paragraph separator a line feed), drops U+FEFF, and
 * writes U+FFFD for any other control character, so what goes out is a
 * valid string that reads as what was typed; text that is blank then is
 * left out, as FHIR leaves out an element with no value.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aerd.h"
#include "fhir.h"

/*
 * What the sequence at p (n bytes, valid UTF-8) becomes: its length in
 * *len, and the replacement, or NULL to keep it as it is.
 */
static const char *
replace(const unsigned char *p, size_t n, size_t *len)
{
	*len = 1;
	if (p[0] == '\t' || p[0] == '\n' || p[0] == '\r')
		return NULL;
	if (p[0] == '\v' || p[0] == '\f')
		return " ";
	if (p[0] < 0x20 || p[0] == 0x7f)
		return "\xef\xbf\xbd";
	if (n >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {		/* U+00A0 */
		*len = 2;
		return " ";
	}
	if (n < 3)
		return NULL;
	*len = 3;
	if ((p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80) ||	/* U+1680 */
	    (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x80 &&
	    p[2] <= 0x8a) ||					/* U+2000-200A */
	    (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf) ||	/* U+202F */
	    (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f) ||	/* U+205F */
	    (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80))	/* U+3000 */
		return " ";
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
		return "\n";					/* U+2028-9 */
	if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)	/* U+FEFF */
		return "";
	*len = 1;
	return NULL;
}

/*
 * The n bytes of UTF-8 at s as a FHIR string, a copy the caller frees;
 * NULL when nothing but white space is left, or out of memory.
 */
char *
fhir_string(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	const char		*with;
	char			*out, *o;
	size_t			 i, len;
	int			 blank = 1;

	/* No replacement is longer than three times what it replaces. */
	if (n > (SIZE_MAX - 1) / 3 || (out = malloc(3 * n + 1)) == NULL)
		return NULL;
	for (i = 0, o = out; i < n; i += len) {
		if ((with = replace(p + i, n - i, &len)) == NULL) {
			memcpy(o, p + i, len);
			o += len;
			if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' &&
			    p[i] != '\r')
				blank = 0;
			continue;
		}
		memcpy(o, with, strlen(with));
		o += strlen(with);
		if (with[0] != '\0' && with[0] != ' ' && with[0] != '\n')
			blank = 0;
	}
	*o = '\0';
	if (blank) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * When an event occurred (a day, or a local time of the server to the
 * minute or second) as a FHIR dateTime: a day as it is; a time with its
 * seconds (zero when none were given, which FHIR requires and says a
 * reader may ignore) and the server's UTC offset on that day, which
 * FHIR requires of a time. 0, or -1 if s is neither.
 */
int
fhir_date_time(const char *s, char *out, size_t outlen)
{
	struct tm	tm;
	long		off;
	int		len, sec;

	if ((len = occurred_parse(s, &tm)) == -1)
		return -1;
	if (len == 10)
		return snprintf(out, outlen, "%.10s", s) < (int)outlen ? 0 : -1;
	sec = tm.tm_sec;
	if (mktime(&tm) == (time_t)-1)
		return -1;
	/* A time the clocks skipped or went through twice gets the
	 * offset mktime chose for it. */
	off = tm.tm_gmtoff / 60;
	return snprintf(out, outlen, "%.16s:%02d%c%02ld:%02ld", s, sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60) <
	    (int)outlen ? 0 : -1;
}

/*
 * The day a report was received, as kept (a day, or with a coarser
 * received_precision the Monday of its week or the first of its month),
 * as a FHIR date no finer than the precision: with month, the month
 * alone; with week, the Monday, which FHIR has no coarser form for
 * short of the month. -1 if received is not a day.
 */
int
fhir_recorded(const char *received, int precision, char *out,
    size_t outlen)
{
	int	n = precision == PRECISION_MONTH ? 7 : 10, y, m, d;

	/* Stored as YYYY-MM-DD; anything else has no place in a FHIR date. */
	if (day_parse(received, &y, &m, &d) == -1)
		return -1;
	return snprintf(out, outlen, "%.*s", n, received) < (int)outlen ?
	    0 : -1;
}
