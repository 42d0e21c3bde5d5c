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
 * fuzz_fhir: a case's row, as a reviewer's export sends it out of the
 * hospital in FHIR. The input, split at NUL bytes, fills the columns of
 * a FHIR export row (FHIR_COL_*, store.h); a cell that is not UTF-8 is
 * empty, as export_next makes it.
 *
 * Asserts: fhir_adverse_event gives a resource whenever the columns
 * every case has are there (else NULL, and nothing leaks); every
 * string in it is what HL7's R4 schema takes (^[ \r\n\t\S]+$ with
 * JavaScript's \S: not empty, no control character but tab, line feed
 * and carriage return, no Unicode space but the plain one), and UTF-8;
 * no list is empty; without the narrative, no free text reaches it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"
#include "fhir.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether s is a string HL7's schema for R4 takes. */
static int
fhir_string_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (*p == '\0' || !utf8_valid(s, strlen(s)))
		return 0;
	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] == 0xa0)
			return 0;
		if ((p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80) ||
		    (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x80 &&
		    p[2] <= 0x8a) || p[2] == 0xa8 || p[2] == 0xa9 ||
		    p[2] == 0xaf)) ||
		    (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f) ||
		    (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) ||
		    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf))
			return 0;
	}
	return 1;
}

/* Every member holding text (codes, ids and dates come from aerd's own
 * checks, not from what anyone typed). */
static void
walk(json_t *v)
{
	const char	*key;
	json_t		*x;
	size_t		 i;

	if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			if (strcmp(key, "valueString") == 0 ||
			    strcmp(key, "name") == 0 ||
			    strcmp(key, "display") == 0 ||
			    strcmp(key, "text") == 0) {
				CHECK(json_is_string(x));
				CHECK(fhir_string_ok(json_string_value(x)));
			}
			walk(x);
		}
	} else if (json_is_array(v)) {
		CHECK(json_array_size(v) > 0);	/* FHIR has no empty list */
		json_array_foreach(v, i, x)
			walk(x);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct export_value	 row[FHIR_NCOLUMNS];
	char			*copy, *p, *end, *dump;
	json_t			*ae;
	size_t			 i;
	int			 narrative, required;

	if (size < 1 || (copy = malloc(size + 1)) == NULL)
		return 0;
	narrative = data[0] & 1;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	memset(row, 0, sizeof(row));
	p = copy;
	end = copy + size - 1;
	for (i = 0; i < FHIR_NCOLUMNS && p <= end; i++) {
		row[i].s = p;
		row[i].len = strlen(p);
		row[i].type = utf8_valid(p, row[i].len) ? 's' : 0;
		p += row[i].len + 1;
	}
	row[FHIR_COL_SAC].type = 'i';
	row[FHIR_COL_SAC].i = 1 + data[0] % 3;
	required = 1;
	for (i = 0; i < FHIR_NCOLUMNS; i++)
		if ((i == FHIR_COL_ID || i == FHIR_COL_EVENT_TYPE ||
		    i == FHIR_COL_CATEGORY || i == FHIR_COL_RECEIVED ||
		    i == FHIR_COL_OCCURRED) && (row[i].type != 's' ||
		    row[i].len == 0))
			required = 0;
	ae = fhir_adverse_event(row, narrative, data[0] % 3);
	CHECK((ae != NULL) == required);
	if (ae != NULL) {
		walk(ae);
		/* Free text goes out only as a valueString, and only then. */
		dump = json_dumps(ae, 0);
		CHECK(dump != NULL);
		CHECK(narrative || strstr(dump, "\"valueString\"") == NULL);
		free(dump);
		json_decref(ae);
	}
	free(copy);
	return 0;
}
