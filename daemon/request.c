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
 * What a request carries: its headers, and its body as a JSON object
 * once it has passed the checks every body must.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "aerd.h"

const char *
req_header(struct req *r, const char *name)
{
	return evhttp_find_header(evhttp_request_get_input_headers(r->ev),
	    name);
}

static int
is_json_type(const char *ct)
{
	const char	*p;
	size_t		 n = strlen("application/json");

	if (ct == NULL || strncasecmp(ct, "application/json", n) != 0)
		return 0;
	for (p = ct + n; *p == ' '; p++)
		;
	if (*p == '\0')
		return 1;
	if (*p++ != ';')
		return 0;
	while (*p == ' ')
		p++;
	return strcasecmp(p, "charset=utf-8") == 0 ||
	    strcasecmp(p, "charset=\"utf-8\"") == 0;
}

/*
 * Reads the request body as a JSON object. On failure it has already
 * replied with the error and returns -1.
 */
int
req_json_body(struct req *r, json_t **out)
{
	struct evbuffer	*buf = evhttp_request_get_input_buffer(r->ev);
	size_t		 len = evbuffer_get_length(buf);
	json_error_t	 jerr;
	const char	*data;

	*out = NULL;
	if (!is_json_type(req_header(r, "Content-Type"))) {
		reply_error(r, AER_ERR_CONTENT_TYPE, NULL,
		    "the body must be sent as " AER_CONTENT_TYPE_JSON);
		return -1;
	}
	if (len > AER_MAX_BODY) {
		reply_error(r, AER_ERR_TOO_LARGE, NULL, "the body is "
		    "%zu bytes; the limit is %d", len, AER_MAX_BODY);
		return -1;
	}
	if (len == 0) {
		reply_error(r, AER_ERR_MALFORMED, NULL, "the body is "
		    "empty; send a JSON object");
		return -1;
	}
	data = (const char *)evbuffer_pullup(buf, -1);
	*out = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (*out == NULL) {
		if (json_error_code(&jerr) == json_error_invalid_utf8)
			reply_error(r, AER_ERR_INVALID_UTF8,
			    utf8_bad_member(data, len),
			    "the body is not valid UTF-8 (byte %d)",
			    jerr.position);
		else
			reply_error(r, AER_ERR_MALFORMED, NULL,
			    "the body is not valid JSON: %s at line %d, "
			    "column %d", jerr.text, jerr.line, jerr.column);
		return -1;
	}
	return 0;
}
