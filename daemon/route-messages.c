/*
 * POST /v1/reports/{id}/messages: a reviewer's question or feedback to
 * the reporter, who reads it with the receipt (see route-followup.c).
 */
#include "config.h"

#include <stdlib.h>

#include <event2/http.h>

#include "aerd.h"

static void
messages_post(struct req *r)
{
	struct who	 w;
	enum state	 state;
	json_t		*body;
	char		 id[ID_LEN], today[DAY_LEN], at[TIME_LEN], *change;
	int		 rc, required;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_message.fields, body_message.n)) == NULL)
		return;
	if ((rc = store_report_state(r->d->store, id, &state, &required))) {
		case_failed(r, rc);
		json_decref(body);
		return;
	}
	if (!workflow_is_open(state)) {
		case_refuse(r, state, "send a message");
		json_decref(body);
		return;
	}
	case_today(r, today);
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s}", "action", "message",
	    "from", "reviewer"));
	rc = change ? store_message(r->d->store, id, "reviewer", today,
	    body_string(body, "text"), &w, change) : -1;
	if (rc != 0)
		case_failed(r, rc);
	else
		case_reply(r, 201, id, NULL);
	free(change);
	json_decref(body);
}

const struct route route_messages_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_MESSAGES,
	.role = ROLE_REVIEWER,
	.handle = messages_post,
};
