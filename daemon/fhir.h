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
 * A case as a FHIR R4 AdverseEvent (doc/API.md, "FHIR"): fhir.c builds
 * the resource, fhir-text.c makes its strings and dates as FHIR takes
 * them; fhir-export.c and the tests use them. After aerd.h.
 */
#ifndef AERD_FHIR_H
#define AERD_FHIR_H

/* fhir.c */
json_t	*fhir_adverse_event(const struct export_value *row, int narrative,
	    int precision);

/* fhir-text.c */
char	*fhir_string(const char *s, size_t n);
int	 fhir_date_time(const char *occurred, char *out, size_t outlen);
int	 fhir_recorded(const char *received, int precision, char *out,
	    size_t outlen);

#endif
