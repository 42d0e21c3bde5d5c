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
 * A body that is not UTF-8 still gets an error naming its field: which
 * member's string holds the bytes that are not. And whether text read
 * back from the store is UTF-8, before it goes out as such.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "aerd.h"

/*
 * The length of the UTF-8 sequence at p (of n bytes), or 0 if there is
 * none: overlong forms, surrogates and code points past U+10FFFF are
 * not UTF-8 either.
 */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t		len, i;
	unsigned	cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* Whether the n bytes at s are UTF-8 throughout. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len;

	for (i = 0; i < n; i += len)
		if ((len = utf8_len(p + i, n - i)) == 0)
			return 0;
	return 1;
}

/* The member of obj (or of an object inside it) whose string holds c. */
static const char *
member_with(json_t *obj, char c)
{
	const char	*key, *s, *found;
	json_t		*v, *e;
	size_t		 i;

	json_object_foreach(obj, key, v) {
		if ((s = json_string_value(v)) != NULL && strchr(s, c) != NULL)
			return key;
		if (json_is_object(v) && (found = member_with(v, c)) != NULL)
			return found;
		json_array_foreach(v, i, e) {
			if ((s = json_string_value(e)) != NULL &&
			    strchr(s, c) != NULL)
				return key;
			if (json_is_object(e) &&
			    (found = member_with(e, c)) != NULL)
				return found;
		}
	}
	return NULL;
}

/*
 * Which member of a body that is not UTF-8 holds the bad bytes: they are
 * replaced by DEL (which no text field accepts, so it cannot be there
 * already in a body that names a wrong field) and the copy parsed. The
 * name lives in a static buffer until the next call; NULL if the bytes
 * are not in a string of an object member.
 */
const char *
utf8_bad_member(const char *data, size_t len)
{
	static char	 name[64];
	unsigned char	*copy;
	const char	*key = NULL;
	json_error_t	 jerr;
	json_t		*v;
	size_t		 i, n;

	if ((copy = malloc(len)) == NULL)
		return NULL;
	memcpy(copy, data, len);
	for (i = 0; i < len; i += n)
		if ((n = utf8_len(copy + i, len - i)) == 0) {
			copy[i] = 0x7f;
			n = 1;
		}
	if ((v = json_loadb((char *)copy, len, JSON_REJECT_DUPLICATES,
	    &jerr)) != NULL && json_is_object(v) &&
	    (key = member_with(v, 0x7f)) != NULL)
		key = snprintf(name, sizeof(name), "%s", key) <
		    (int)sizeof(name) ? name : NULL;
	json_decref(v);
	free(copy);
	return key;
}
