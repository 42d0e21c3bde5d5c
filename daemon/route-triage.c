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
 * POST /v1/reports/{id}/triage: severity, probability, the sentinel and
 * blameworthy flags; the triage plan gives the SAC score, the next state
 * and the RCA's deadlines.
 */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
triage_post(struct req *r)
{
	struct case_facts	 f;
	struct triage_in	 t;
	struct plan		 p = { .change = NULL };
	struct aer_error	 err;
	struct who		 w;
	json_t			*body;
	char			 id[ID_LEN], today[DAY_LEN], at[TIME_LEN];
	int			 rc;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_triage.fields, body_triage.n)) == NULL)
		return;
	if (case_facts(r, id, today, &f) == -1)
		goto out;
	t.severity = body_string(body, "severity");
	t.probability = body_string(body, "probability");
	t.sentinel = json_is_true(json_object_get(body, "sentinel"));
	t.blameworthy = json_is_true(json_object_get(body, "blameworthy"));
	t.note = body_string(body, "note");
	t.retriage = json_is_true(json_object_get(body, "retriage"));
	if (workflow_plan_triage(&f, &t, &p, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	case_who(r, at, &w);
	if ((rc = store_triage(r->d->store, id, &t, &p, &w)) != STORE_OK)
		case_failed(r, rc);
	else
		case_reply(r, 200, id, NULL);
out:
	workflow_plan_free(&p);
	json_decref(body);
}

const struct route route_triage_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_TRIAGE,
	.role = ROLE_REVIEWER,
	.handle = triage_post,
};
