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
