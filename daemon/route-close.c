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
 * POST /v1/reports/{id}/close: the outcome the reporter is told. The
 * close plan holds the rules (every action verified or withdrawn, the
 * RCA complete where one was required, a rationale for weaker actions).
 */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
close_post(struct req *r)
{
	struct case_facts	 f;
	struct close_in		 c;
	struct plan		 p = { .change = NULL };
	struct aer_error	 err;
	struct who		 w;
	json_t			*body;
	char			 id[ID_LEN], today[DAY_LEN], at[TIME_LEN];
	int			 rc;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_close.fields, body_close.n)) == NULL)
		return;
	if (case_facts(r, id, today, &f) == -1)
		goto out;
	c.outcome = body_string(body, "outcome");
	c.rationale = body_string(body, "rationale");
	if (workflow_plan_close(&f, &c, &p, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	case_who(r, at, &w);
	if ((rc = store_close_case(r->d->store, id, &c, today, &p,
	    &w)) != STORE_OK)
		case_failed(r, rc);
	else
		case_reply(r, 200, id, NULL);
out:
	workflow_plan_free(&p);
	json_decref(body);
}

const struct route route_close_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_CLOSE,
	.role = ROLE_REVIEWER,
	.handle = close_post,
};
