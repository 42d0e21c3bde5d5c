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

/* GET /v1/reports/{id}: the whole case, for reviewers, with a page of
 * its messages (?messages=N&before=K). */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
case_get(struct req *r)
{
	struct msg_page	 pg;
	json_t		*c;
	char		 id[ID_LEN];

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    page_query(r, &pg) == -1)
		return;
	if ((c = case_load(r, id, &pg)) != NULL)
		reply_json(r, 200, c);
}

const struct route route_case_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_REPORTS AER_PARAM_ID,
	.role = ROLE_REVIEWER,
	.handle = case_get,
};
