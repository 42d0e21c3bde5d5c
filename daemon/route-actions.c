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
 * Corrective actions. POST /v1/reports/{id}/actions adds one: RCA²'s
 * discipline of one owner, a measure, a target and dates. PATCH
 * /v1/actions/{id} records progress and moves it open -> done ->
 * verified (effective or not), or withdrawn with a reason. The plans
 * (workflow-plan.c) decide; these parse, write and reply.
 */
#include "config.h"

#include <event2/http.h>
#include <uuid/uuid.h>

#include "aerd.h"

static void
actions_post(struct req *r)
{
	struct case_facts	 f;
	struct action_in	 a;
	struct plan		 p = { .change = NULL };
	struct aer_error	 err;
	struct who		 w;
	uuid_t			 uuid;
	json_t			*body;
	char			 id[ID_LEN], action_id[ID_LEN], today[DAY_LEN];
	char			 at[TIME_LEN];
	int			 rc;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_action_add.fields,
	    body_action_add.n)) == NULL)
		return;
	if (case_facts(r, id, today, &f) == -1)
		goto out;
	uuid_generate_random(uuid);
	uuid_unparse_lower(uuid, action_id);
	a.id = action_id;
	a.description = body_string(body, "description");
	a.strength = body_string(body, "strength");
	a.owner = body_string(body, "owner");
	a.measure = body_string(body, "measure");
	a.target = body_string(body, "target");
	a.measure_by = body_string(body, "measure_by");
	a.due = body_string(body, "due");
	if (workflow_plan_action_add(&f, &a, &p, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	case_who(r, at, &w);
	if ((rc = store_action_add(r->d->store, id, &a, today, &p,
	    &w)) != STORE_OK)
		case_failed(r, rc);
	else
		case_reply(r, 201, id, json_pack("{s:s}", "action_id",
		    action_id));
out:
	workflow_plan_free(&p);
	json_decref(body);
}

static void
actions_patch(struct req *r)
{
	struct case_facts	 f;
	struct action_patch	 a;
	struct plan		 p = { .change = NULL };
	struct aer_error	 err;
	struct who		 w;
	json_t			*body;
	char			 id[ID_LEN], report[ID_LEN], today[DAY_LEN];
	char			 at[TIME_LEN];
	int			 rc;

	if (case_id(r, RESOLVE_ACTION, r->params[0], id) == -1 ||
	    (body = case_body(r, body_action_patch.fields,
	    body_action_patch.n)) == NULL)
		return;
	if ((rc = store_action_get(r->d->store, id, report,
	    &a.from)) != STORE_OK) {
		case_failed(r, rc);
		goto out;
	}
	if (case_facts(r, report, today, &f) == -1)
		goto out;
	a.id = id;
	a.status = body_string(body, "status");
	a.note = body_string(body, "note");
	a.reason = body_string(body, "reason");
	if (workflow_plan_action_update(&f, &a, &p, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	case_who(r, at, &w);
	if ((rc = store_action_update(r->d->store, report, &a, today, &p,
	    &w)) != STORE_OK)
		case_failed(r, rc);
	else
		case_reply(r, 200, report, NULL);
out:
	workflow_plan_free(&p);
	json_decref(body);
}

const struct route route_actions_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_ACTIONS,
	.role = ROLE_REVIEWER,
	.handle = actions_post,
};

const struct route route_actions_patch = {
	.method = EVHTTP_REQ_PATCH,
	.path = AER_PATH_ACTIONS AER_PARAM_ID,
	.role = ROLE_REVIEWER,
	.handle = actions_patch,
};
