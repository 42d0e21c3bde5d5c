/*
 * POST /v1/reports/{id}/triage: severity and probability give the SAC
 * score; the score, the sentinel flag and the blameworthy flag give the
 * next state and the RCA's deadlines.
 */
#include "config.h"

#include <stdlib.h>

#include <event2/http.h>

#include "aerd.h"


static void
triage_post(struct req *r)
{
	struct triage_in	 t;
	struct who		 w;
	enum state		 from, to;
	json_t			*body;
	char			 id[ID_LEN], today[DAY_LEN], at[TIME_LEN];
	char			 start_due[DAY_LEN], rca_due[DAY_LEN], *change;
	int			 rc, required;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_triage.fields, body_triage.n)) == NULL)
		return;
	if ((rc = store_report_state(r->d->store, id, &from, &required)) != 0) {
		case_failed(r, rc);
		goto out;
	}
	t.severity = body_string(body, "severity");
	t.probability = body_string(body, "probability");
	t.sentinel = json_is_true(json_object_get(body, "sentinel"));
	t.blameworthy = json_is_true(json_object_get(body, "blameworthy"));
	t.note = body_string(body, "note");
	t.sac = sac_score(t.severity, t.probability);
	t.rca_required = workflow_rca_required(t.sac, t.sentinel);
	to = workflow_after_triage(t.sac, t.sentinel, t.blameworthy);
	if (!workflow_allowed(from, to)) {
		case_refuse(r, from, "triage");
		goto out;
	}
	t.rca_start_due = t.rca_due = NULL;
	case_today(r, today);
	if (to == STATE_INVESTIGATING) {
		if (day_add_days(today, (r->d->config->rca_start_hours + 23) /
		    24, start_due) == -1 || day_add_days(today,
		    r->d->config->rca_days, rca_due) == -1) {
			case_failed(r, -1);
			goto out;
		}
		t.rca_start_due = start_due;
		t.rca_due = rca_due;
	}
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b, "
	    "s:b}", "action", "triage", "from", state_name(from), "to",
	    state_name(to), "severity", t.severity, "probability",
	    t.probability, "sac_score", t.sac, "sentinel", t.sentinel,
	    "blameworthy", t.blameworthy));
	rc = change ? store_triage(r->d->store, id, &t, from, to, &w, change) :
	    -1;
	free(change);
	if (rc != 0)
		case_failed(r, rc);
	else
		case_reply(r, 200, id, NULL);
out:
	json_decref(body);
}

const struct route route_triage_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_TRIAGE,
	.role = ROLE_REVIEWER,
	.handle = triage_post,
};
