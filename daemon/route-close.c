/*
 * POST /v1/reports/{id}/close: the outcome the reporter is told, and the
 * close rules of the workflow (every action verified or withdrawn, the
 * RCA complete where one was required, a rationale for weaker actions).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "aerd.h"

static void
count_actions(json_t *c, struct close_facts *f)
{
	enum action_status	 s;
	json_t			*a;
	size_t			 i;

	json_array_foreach(json_object_get(c, "actions"), i, a) {
		if (action_status_parse(json_string_value(json_object_get(a,
		    "status")), &s) == -1)
			continue;
		f->actions++;
		if (s == ACTION_OPEN || s == ACTION_DONE)
			f->pending++;
		else if (s == ACTION_EFFECTIVE)
			f->effective++;
		else if (s == ACTION_INEFFECTIVE)
			f->ineffective++;
		else
			f->withdrawn++;
		if (s != ACTION_WITHDRAWN && strcmp(json_string_value(
		    json_object_get(a, "strength")), "weaker") == 0)
			f->weaker++;
	}
}

static void
close_post(struct req *r)
{
	struct close_facts	 f;
	struct aer_error	 err;
	struct who		 w;
	json_t			*body, *c = NULL;
	const char		*outcome, *rationale;
	char			 id[ID_LEN], today[DAY_LEN], at[TIME_LEN];
	char			*change = NULL;
	int			 rc;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_close.fields, body_close.n)) == NULL)
		return;
	if ((c = case_load(r, id)) == NULL)
		goto out;
	outcome = body_string(body, "outcome");
	rationale = body_string(body, "rationale");
	memset(&f, 0, sizeof(f));
	if (state_parse(json_string_value(json_object_get(c, "state")),
	    &f.state) == -1) {
		case_failed(r, -1);
		goto out;
	}
	f.rca_required = json_is_true(json_object_get(c, "rca_required"));
	f.rca_complete = json_is_true(json_object_get(json_object_get(c,
	    "rca"), "complete"));
	f.has_outcome = outcome != NULL;
	f.has_rationale = rationale != NULL;
	count_actions(c, &f);
	if (workflow_can_close(&f, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	case_today(r, today);
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s, s:s, s:b}", "action",
	    "close", "from", state_name(f.state), "to", "closed", "rationale",
	    rationale != NULL));
	rc = change ? store_close_case(r->d->store, id, f.state, outcome,
	    rationale, today, &w, change) : -1;
	if (rc != 0)
		case_failed(r, rc);
	else
		case_reply(r, 200, id, NULL);
out:
	free(change);
	json_decref(c);
	json_decref(body);
}

const struct route route_close_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_CLOSE,
	.role = ROLE_REVIEWER,
	.handle = close_post,
};
