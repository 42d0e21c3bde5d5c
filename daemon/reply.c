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
 * Replies: every one a JSON body with the same headers, and every error
 * the same object, its status taken from its code (error.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "aerd.h"

void
reply_json(struct req *r, int status, json_t *body)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(r->ev);
	struct evbuffer		*buf = evhttp_request_get_output_buffer(r->ev);
	char			*text;

	text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (text == NULL) {
		status = 500;
		evbuffer_add_printf(buf, "{\"error\":{\"code\":\"%s\","
		    "\"message\":\"aerd could not write its reply\","
		    "\"field\":null}}", AER_ERR_INTERNAL);
	} else
		evbuffer_add(buf, text, strlen(text));
	evbuffer_add(buf, "\n", 1);
	free(text);
	evhttp_add_header(h, "Content-Type", AER_CONTENT_TYPE_JSON);
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_send_reply(r->ev, status, NULL, NULL);
}

void
reply_error(struct req *r, const char *code, const char *field,
    const char *fmt, ...)
{
	char	message[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	utf8_trim(message);
	reply_json(r, aer_error_status(code), json_pack("{s:{s:s, s:s, s:s?}}",
	    "error", "code", code, "message", message, "field", field));
}

void
reply_aer_error(struct req *r, const struct aer_error *err)
{
	reply_error(r, err->code, err->field, "%s", err->message);
}
