/*
 * Corrective actions. POST /v1/reports/{id}/actions adds one: RCA²'s
 * discipline of one owner, a measure, a target and dates. PATCH
 * /v1/actions/{id} records progress and moves it open -> done ->
 * verified (effective or not), or withdrawn with a reason.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <uuid/uuid.h>

#include "aerd.h"

/* Where adding an action takes the case; -1 (after replying) if nowhere. */
static int
add_target(struct req *r, const char *id, enum state from, enum state *to)
{
	json_t	*c;
	int	 complete;

	if (from == STATE_ACTIONS || from == STATE_TRIAGED) {
		*to = STATE_ACTIONS;
		return 0;
	}
	if (from != STATE_INVESTIGATING) {
		case_refuse(r, from, "add an action");
		return -1;
	}
	if ((c = case_load(r, id)) == NULL)
		return -1;
	complete = json_is_true(json_object_get(json_object_get(c, "rca"),
	    "complete"));
	json_decref(c);
	if (!complete) {
		reply_error(r, AER_ERR_TRANSITION, NULL, "the case is "
		    "investigating: complete its RCA before planning actions");
		return -1;
	}
	*to = STATE_ACTIONS;
	return 0;
}

static void
actions_post(struct req *r)
{
	struct action_in	 a;
	struct who		 w;
	enum state		 from, to;
	uuid_t			 uuid;
	json_t			*body;
	char			 id[ID_LEN], action_id[ID_LEN], today[DAY_LEN];
	char			 at[TIME_LEN], *change = NULL;
	int			 rc, required;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_action_add.fields,
	    body_action_add.n)) == NULL)
		return;
	a.description = body_string(body, "description");
	a.strength = body_string(body, "strength");
	a.owner = body_string(body, "owner");
	a.measure = body_string(body, "measure");
	a.target = body_string(body, "target");
	a.measure_by = body_string(body, "measure_by");
	a.due = body_string(body, "due");
	case_today(r, today);
	if (!owner_is_one_person(a.owner)) {
		reply_error(r, AER_ERR_INVALID, "owner", "an action has "
		    "one owner, a person, not a committee, team or list");
		goto out;
	}
	if (strcmp(a.due, today) < 0) {
		reply_error(r, AER_ERR_INVALID, "due", "due is in the "
		    "past");
		goto out;
	}
	if ((rc = store_report_state(r->d->store, id, &from, &required)) != 0) {
		case_failed(r, rc);
		goto out;
	}
	if (add_target(r, id, from, &to) == -1)
		goto out;
	uuid_generate_random(uuid);
	uuid_unparse_lower(uuid, action_id);
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "action", "action_add", "id", action_id, "from", state_name(from),
	    "to", state_name(to), "strength", a.strength, "owner", a.owner,
	    "due", a.due));
	rc = change ? store_action_add(r->d->store, action_id, id, &a, today,
	    from, to, &w, change) : -1;
	if (rc != 0)
		case_failed(r, rc);
	else
		case_reply(r, 201, id, json_pack("{s:s}", "action_id",
		    action_id));
out:
	free(change);
	json_decref(body);
}

static void
actions_patch(struct req *r)
{
	struct who		 w;
	enum action_status	 from, to;
	enum state		 state;
	json_t			*body;
	const char		*status, *note, *reason;
	char			 id[ID_LEN], report[ID_LEN], today[DAY_LEN];
	char			 at[TIME_LEN], *change = NULL;
	int			 rc, required;

	if (case_id(r, RESOLVE_ACTION, r->params[0], id) == -1 ||
	    (body = case_body(r, body_action_patch.fields,
	    body_action_patch.n)) == NULL)
		return;
	status = body_string(body, "status");
	note = body_string(body, "note");
	reason = body_string(body, "reason");
	if ((rc = store_action_get(r->d->store, id, report, &from)) != 0 ||
	    (rc = store_report_state(r->d->store, report, &state,
	    &required)) != 0) {
		case_failed(r, rc);
		goto out;
	}
	to = from;
	if (status != NULL && action_status_parse(status, &to) == -1) {
		reply_error(r, AER_ERR_INVALID, "status", "status is one "
		    "of open, done, verified_effective, verified_ineffective, "
		    "withdrawn");
		goto out;
	}
	if (status == NULL && note == NULL) {
		reply_error(r, AER_ERR_MISSING, "status", "give a status, "
		    "a note, or both");
		goto out;
	}
	if (state != STATE_ACTIONS) {
		reply_error(r, AER_ERR_TRANSITION, NULL, "the case is "
		    "%s; its actions can change only while it is in actions",
		    state_name(state));
		goto out;
	}
	if (to != from && !workflow_action_allowed(from, to)) {
		reply_error(r, AER_ERR_TRANSITION, "status", "an action "
		    "that is %s cannot become %s", action_status_name(from),
		    action_status_name(to));
		goto out;
	}
	if (to == ACTION_WITHDRAWN && to != from && reason == NULL) {
		reply_error(r, AER_ERR_MISSING, "reason", "say why the "
		    "action is withdrawn");
		goto out;
	}
	case_today(r, today);
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}",
	    "action", "action_update", "id", id, "from",
	    action_status_name(from), "to", action_status_name(to), "note",
	    note, "reason", reason));
	rc = change ? store_action_update(r->d->store, id, report, from, to,
	    note, reason, today, &w, change) : -1;
	if (rc != 0)
		case_failed(r, rc);
	else
		case_reply(r, 200, report, NULL);
out:
	free(change);
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
