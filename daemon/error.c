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

/* The error every failing function fills in: status, code, field, sentence. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "aerd.h"

static const struct {
	const char	*code;
	int		 status;
} errors[] = {
#define ERROR_ROW(code, status)	{ code, status },
	AER_ERRORS(ERROR_ROW)
#undef ERROR_ROW
};

/* The one status a code is sent with (include/aer/protocol.h). */
int
aer_error_status(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (strcmp(errors[i].code, code) == 0)
			return errors[i].status;
	return 500;
}

void
aer_error_set(struct aer_error *err, const char *code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	err->status = aer_error_status(code);
	err->code = code;
	err->field = field;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	utf8_trim(err->message);
}

/*
 * Cuts a partial UTF-8 sequence off the end of s, as a truncating
 * snprintf can leave: JSON must carry whole characters.
 */
void
utf8_trim(char *s)
{
	size_t	len = strlen(s), start = len, need;

	while (start > 0 && ((unsigned char)s[start - 1] & 0xc0) == 0x80)
		start--;
	if (start == 0)
		return;
	start--;
	if (((unsigned char)s[start] & 0x80) == 0)
		return;
	need = ((unsigned char)s[start] & 0xe0) == 0xc0 ? 2 :
	    ((unsigned char)s[start] & 0xf0) == 0xe0 ? 3 : 4;
	if (len - start < need)
		s[start] = '\0';
}
