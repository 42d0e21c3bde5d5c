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
 * The reporter's side, opened by the receipt in the Authorization header
 * and nothing else: GET /v1/followup shows what became of the report,
 * POST /v1/followup/messages answers a reviewer. A malformed, wrong or
 * unknown receipt gets the same answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <uuid/uuid.h>

#include "aerd.h"

static void
not_found(struct req *r)
{
	reply_error(r, AER_ERR_NOT_FOUND, "receipt",
	    "no report matches that receipt");
}

/* The report the receipt opens, as the reporter sees it, with the page
 * of its messages asked for; NULL once it has replied. */
static json_t *
followup(struct req *r, const struct msg_page *pg, const char **state)
{
	const char		*auth = req_header(r, "Authorization");
	unsigned long long	 key = req_peer_key(r);
	time_t			 now = r->d->now();
	unsigned char		 hash[RECEIPT_HASH_LEN];
	json_t			*f;
	char			 msg[256], wait[16];
	int			 rc, seconds;

	if ((seconds = ratelimit_wait(key, now)) > 0) {
		snprintf(wait, sizeof(wait), "%d", seconds);
		evhttp_add_header(evhttp_request_get_output_headers(r->ev),
		    "Retry-After", wait);
		reply_error(r, AER_ERR_RATE_LIMITED, "receipt", "too many "
		    "receipts that open nothing; wait %d seconds", seconds);
		return NULL;
	}
	/* The dispatcher checked the scheme and the space after it. */
	rc = receipt_hash(auth + strlen(AER_RECEIPT_SCHEME) + 1, hash) == -1 ?
	    STORE_NOT_FOUND : store_followup(r->d->store, hash, pg, &f, msg,
	    sizeof(msg));
	if (rc == STORE_NOT_FOUND) {
		ratelimit_charge(key, now);
		not_found(r);
		return NULL;
	}
	if (rc != STORE_OK) {
		log_warnx("%s", msg);
		reply_error(r, AER_ERR_UNAVAILABLE, NULL,
		    "aerd could not read the report; try again");
		return NULL;
	}
	*state = json_string_value(json_object_get(f, "state"));
	return f;
}

/* Shapes it for the reporter: a status, not the internal state. */
static void
reply_followup(struct req *r, int status, json_t *f)
{
	const char	*state = json_string_value(json_object_get(f, "state"));

	json_object_set_new(f, "status",
	    json_string(workflow_reporter_status(state)));
	if (strcmp(state, "closed") != 0)
		json_object_set_new(f, "outcome", json_null());
	json_object_del(f, "state");
	reply_json(r, status, f);
}

static void
followup_get(struct req *r)
{
	struct msg_page	 pg;
	const char	*state;
	json_t		*f;

	if (page_query(r, &pg) == 0 && (f = followup(r, &pg, &state)) != NULL)
		reply_followup(r, 200, f);
}

/*
 * The reporter's answer. It waits in the inbox for the next release,
 * as a report does, and reaches the case (and its audit entry, which
 * carries the release's time and no name) only then; the reporter's
 * own follow-up shows it at once.
 */
static void
followup_messages_post(struct req *r)
{
	struct case_facts	 facts;
	struct msg_page		 latest = { AER_MESSAGES_PAGE, 0 };
	struct plan		 p = { .change = NULL };
	struct aer_error	 err;
	const char		*state;
	json_t			*body, *f;
	uuid_t			 uuid;
	char			 id[ID_LEN], reply_id[ID_LEN], today[DAY_LEN];
	char			 msg[256];

	if ((body = case_body(r, body_message.fields, body_message.n)) == NULL)
		return;
	if ((f = followup(r, &latest, &state)) == NULL) {
		json_decref(body);
		return;
	}
	/* All the message plan asks of a case is its state, and a report
	 * still waiting has one too. */
	memset(&facts, 0, sizeof(facts));
	if (state_parse(state, &facts.state) == -1) {
		case_failed(r, STORE_ERROR);
		goto out;
	}
	if (workflow_plan_message(&facts, "reporter", &p, &err) == -1) {
		reply_aer_error(r, &err);
		goto out;
	}
	snprintf(id, sizeof(id), "%s",
	    json_string_value(json_object_get(f, "id")));
	case_today(r, today);
	if (message_limited(r, id, today, 1))
		goto out;
	uuid_generate_random(uuid);
	uuid_unparse_lower(uuid, reply_id);
	if (store_reply(r->d->store, reply_id, id, today, body_string(body,
	    "text"), p.change, release_upcoming(r->d->releaser), msg,
	    sizeof(msg)) != STORE_OK) {
		log_warnx("%s", msg);
		case_failed(r, STORE_ERROR);
		goto out;
	}
	json_decref(f);
	if ((f = followup(r, &latest, &state)) != NULL)
		reply_followup(r, 201, f);
	f = NULL;
out:
	workflow_plan_free(&p);
	json_decref(f);
	json_decref(body);
}

const struct route route_followup_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_FOLLOWUP,
	.role = ROLE_RECEIPT,
	.handle = followup_get,
};

const struct route route_followup_messages_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_FOLLOWUP_MESSAGES,
	.role = ROLE_RECEIPT,
	.handle = followup_messages_post,
};
