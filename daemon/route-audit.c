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
 * GET /v1/audit/verify[?head=SEQ:HASH]: walk the audit chain; name where
 * it breaks, and give its head. The chain alone cannot show its last
 * entries removed, nor a chain recomputed after a change; a head
 * recorded elsewhere (the committee's minutes) and given back can.
 */
#include "config.h"

#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "aerd.h"

#define HEAD_HEX	(2 * AUDIT_HASH_LEN)

/* "SEQ:HEX" into seq and hash; -1 if it is not one. */
static int
parse_head(const char *text, long long *seq, unsigned char *hash)
{
	const char	*colon;
	char		*end;
	size_t		 i;
	unsigned	 byte;

	if ((colon = strchr(text, ':')) == NULL || colon == text ||
	    strspn(text, "0123456789") != (size_t)(colon - text) ||
	    colon - text > 18 || strlen(colon + 1) != HEAD_HEX ||
	    strspn(colon + 1, "0123456789abcdefABCDEF") != HEAD_HEX)
		return -1;
	*seq = strtoll(text, &end, 10);
	if (*seq < 1)
		return -1;
	for (i = 0; i < AUDIT_HASH_LEN; i++) {
		if (sscanf(colon + 1 + 2 * i, "%2x", &byte) != 1)
			return -1;
		hash[i] = (unsigned char)byte;
	}
	return 0;
}

static void
hex(const unsigned char *hash, char out[HEAD_HEX + 1])
{
	size_t	i;

	for (i = 0; i < AUDIT_HASH_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", hash[i]);
}

static void
audit_verify_get(struct req *r)
{
	struct audit_check	 c;
	struct evkeyvalq	 q;
	const char		*query, *head = NULL, *problem = NULL;
	unsigned char		 want[AUDIT_HASH_LEN];
	char			 text[HEAD_HEX + 1];
	long long		 bad;
	json_t			*reply;

	memset(&c, 0, sizeof(c));
	TAILQ_INIT(&q);
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->ev));
	if (query != NULL && evhttp_parse_query_str(query, &q) == 0)
		head = evhttp_find_header(&q, "head");
	if (head != NULL && parse_head(head, &c.at_seq, want) == -1) {
		evhttp_clear_headers(&q);
		reply_error(r, AER_ERR_INVALID, "head", "a head is the "
		    "entry's number, a colon and its 64 hexadecimal digits, "
		    "as aer audit verify prints it");
		return;
	}
	evhttp_clear_headers(&q);
	if (store_audit_verify(r->d->store, &c) == -1) {
		case_failed(r, -1);
		return;
	}
	bad = c.bad_seq;
	problem = c.problem;
	if (bad == 0 && head != NULL && !c.at_found) {
		bad = c.at_seq;		/* cut from the end */
		problem = "truncated";
	} else if (bad == 0 && head != NULL &&
	    memcmp(c.at, want, AUDIT_HASH_LEN) != 0) {
		bad = 1;		/* somewhere up to it: recomputed */
		problem = "rewritten";
	}
	reply = json_pack("{s:b, s:I}", "ok", bad == 0, "entries",
	    (json_int_t)c.entries);
	if (bad != 0)
		json_object_set_new(reply, "first_bad", json_pack("{s:I, s:s}",
		    "seq", (json_int_t)bad, "problem", problem));
	else if (c.head_seq > 0) {
		hex(c.head, text);
		json_object_set_new(reply, "head", json_pack("{s:I, s:s}",
		    "seq", (json_int_t)c.head_seq, "hash", text));
	}
	reply_json(r, 200, reply);
}

const struct route route_audit_verify_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_AUDIT_VERIFY,
	.role = ROLE_ADMIN,
	.handle = audit_verify_get,
};
