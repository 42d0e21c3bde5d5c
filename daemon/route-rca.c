/*
 * PUT /v1/reports/{id}/rca: the root-cause analysis, replaced whole: the
 * team, a timeline, and causal statements each tied to a contributing
 * factor. A statement with a negative descriptor is stored with a
 * warning, as RCA²'s rules of causation advise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "aerd.h"


/* Each entry of the lists; the error names the list and the entry. */
static int
check_lists(struct req *r, json_t *body, time_t now, struct aer_error *err)
{
	const char	*s;
	json_t		*v, *list;
	size_t		 i;

	json_array_foreach(json_object_get(body, "team"), i, v) {
		s = json_string_value(v);
		if (s == NULL || strspn(s, " \t") == strlen(s)) {
			aer_error_set(err, AER_ERR_INVALID, "team",
			    "team entry %zu must be a person's name", i + 1);
			return -1;
		}
		if (validate_text(s, AER_MAX_NAME, 0, "team", err) == -1)
			return -1;
	}
	if ((list = json_object_get(body, "timeline")) != NULL)
		json_array_foreach(list, i, v) {
			if (validate_body(v, body_rca_timeline.fields,
			    body_rca_timeline.n, r->d->taxonomy, err) == -1 ||
			    validate_occurred(json_string_value(json_object_get(
			    v, "at")), now, "timeline", err) == -1) {
				snprintf(err->message, sizeof(err->message),
				    "timeline entry %zu needs \"at\" (a past "
				    "day or day and time) and \"text\"", i + 1);
				err->field = "timeline";
				return -1;
			}
		}
	if ((list = json_object_get(body, "causes")) != NULL)
		json_array_foreach(list, i, v) {
			if (validate_body(v, body_rca_cause.fields,
			    body_rca_cause.n, r->d->taxonomy, err) == -1) {
				snprintf(err->message, sizeof(err->message),
				    "cause %zu needs a \"statement\" and a "
				    "\"factor\" from contributing_factor",
				    i + 1);
				err->field = "causes";
				return -1;
			}
		}
	return 0;
}

static json_t *
warnings(json_t *causes)
{
	json_t		*list = json_array(), *v;
	const char	*word;
	size_t		 i;

	json_array_foreach(causes, i, v) {
		word = rca_negative_descriptor(json_string_value(
		    json_object_get(v, "statement")));
		if (word != NULL)
			json_array_append_new(list, json_sprintf("cause %zu "
			    "says \"%s\": describe what in the system led to "
			    "the event, not a person's failing", i + 1, word));
	}
	return list;
}

static char *
dump(json_t *v)
{
	return json_dumps(v ? v : json_array(), JSON_COMPACT);
}

static void
rca_put(struct req *r)
{
	struct aer_error	 err;
	struct rca_in		 in;
	struct who		 w;
	enum state		 from, to;
	json_t			*body, *causes;
	char			 id[ID_LEN], at[TIME_LEN], today[DAY_LEN];
	char			 rca_due[DAY_LEN], *team, *timeline, *cause_text;
	char			*change;
	int			 rc, required;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_rca.fields, body_rca.n)) == NULL)
		return;
	if (check_lists(r, body, r->d->now(), &err) == -1) {
		reply_aer_error(r, &err);
		json_decref(body);
		return;
	}
	causes = json_object_get(body, "causes");
	in.complete = json_is_true(json_object_get(body, "complete"));
	if (in.complete && (json_array_size(json_object_get(body, "team")) ==
	    0 || json_array_size(causes) == 0)) {
		reply_error(r, AER_ERR_INVALID, json_array_size(causes) ?
		    "team" : "causes", "a complete RCA names its team and at "
		    "least one cause");
		json_decref(body);
		return;
	}
	if ((rc = store_report_state(r->d->store, id, &from, &required)) != 0) {
		case_failed(r, rc);
		json_decref(body);
		return;
	}
	/* From triaged an RCA begins by choice; it is edited while open. */
	to = from == STATE_TRIAGED ? STATE_INVESTIGATING : from;
	if (to != STATE_INVESTIGATING && to != STATE_ACTIONS) {
		case_refuse(r, from, "record an RCA");
		json_decref(body);
		return;
	}
	case_today(r, today);
	in.today = today;
	in.rca_start_due = in.rca_due = NULL;
	if (from == STATE_TRIAGED) {
		if (day_add_days(today, r->d->config->rca_days, rca_due) == -1) {
			case_failed(r, -1);
			json_decref(body);
			return;
		}
		in.rca_start_due = today;	/* begun today */
		in.rca_due = rca_due;
	}
	team = dump(json_object_get(body, "team"));
	timeline = dump(json_object_get(body, "timeline"));
	cause_text = dump(causes);
	in.team = team;
	in.timeline = timeline;
	in.causes = cause_text;
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s, s:s, s:b, s:i, s:i, s:i}",
	    "action", "rca", "from", state_name(from), "to", state_name(to),
	    "complete", in.complete, "team", (int)json_array_size(
	    json_object_get(body, "team")), "timeline", (int)json_array_size(
	    json_object_get(body, "timeline")), "causes",
	    (int)json_array_size(causes)));
	rc = team && timeline && cause_text && change ? store_rca(r->d->store,
	    id, &in, from, to, &w, change) : -1;
	if (rc != 0)
		case_failed(r, rc);
	else
		case_reply(r, 200, id, json_pack("{s:o}", "warnings",
		    warnings(causes)));
	free(team);
	free(timeline);
	free(cause_text);
	free(change);
	json_decref(body);
}

const struct route route_rca_put = {
	.method = EVHTTP_REQ_PUT,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_RCA,
	.role = ROLE_REVIEWER,
	.handle = rca_put,
};
