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
 * PUT /v1/reports/{id}/rca: the root-cause analysis, replaced whole: the
 * team, a timeline, and causal statements each tied to a contributing
 * factor. The RCA plan says where the case goes (from triaged, to
 * investigating). A statement with a negative descriptor is stored with
 * a warning, as RCA²'s rules of causation advise.
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
	struct case_facts	 f;
	struct aer_error	 err;
	struct rca_in		 in;
	struct plan		 p = { .change = NULL };
	struct who		 w;
	json_t			*body, *causes;
	char			 id[ID_LEN], at[TIME_LEN], today[DAY_LEN];
	char			*team = NULL, *timeline = NULL, *cause_text = NULL;
	int			 rc;

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    (body = case_body(r, body_rca.fields, body_rca.n)) == NULL)
		return;
	if (check_lists(r, body, r->d->now(), &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	causes = json_object_get(body, "causes");
	in.complete = json_is_true(json_object_get(body, "complete"));
	in.nteam = json_array_size(json_object_get(body, "team"));
	in.ntimeline = json_array_size(json_object_get(body, "timeline"));
	in.ncauses = json_array_size(causes);
	if (case_facts(r, id, today, &f) == -1)
		goto out;
	if (workflow_plan_rca(&f, &in, &p, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	in.team = team = dump(json_object_get(body, "team"));
	in.timeline = timeline = dump(json_object_get(body, "timeline"));
	in.causes = cause_text = dump(causes);
	case_who(r, at, &w);
	rc = team && timeline && cause_text ? store_rca(r->d->store, id, &in,
	    today, &p, &w) : STORE_ERROR;
	if (rc != STORE_OK)
		case_failed(r, rc);
	else
		case_reply(r, 200, id, json_pack("{s:o}", "warnings",
		    warnings(causes)));
out:
	free(team);
	free(timeline);
	free(cause_text);
	workflow_plan_free(&p);
	json_decref(body);
}

const struct route route_rca_put = {
	.method = EVHTTP_REQ_PUT,
	.path = AER_PATH_REPORTS AER_PARAM_ID AER_SUB_RCA,
	.role = ROLE_REVIEWER,
	.handle = rca_put,
};
