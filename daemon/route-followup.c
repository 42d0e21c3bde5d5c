/*
 * GET /v1/followup: what became of the report a receipt opens. The
 * receipt comes only in the Authorization header; a malformed, wrong or
 * unknown receipt gets the same answer.
 */
#include "config.h"

#include <string.h>

#include <event2/http.h>

#include "aerd.h"

static void
not_found(struct req *r)
{
	reply_error(r, 404, AER_ERR_NOT_FOUND, "receipt",
	    "no report matches that receipt");
}

static void
followup_get(struct req *r)
{
	const char	*auth = req_header(r, "Authorization");
	unsigned char	 hash[RECEIPT_HASH_LEN];
	json_t		*f;
	const char	*state;
	char		 msg[256];
	int		 rc;

	/* The dispatcher checked the scheme and the space after it. */
	if (receipt_hash(auth + strlen(AER_RECEIPT_SCHEME) + 1, hash) == -1) {
		not_found(r);
		return;
	}
	rc = store_followup(r->d->store, hash, &f, msg, sizeof(msg));
	if (rc == 1) {
		not_found(r);
		return;
	}
	if (rc == -1) {
		log_warnx("%s", msg);
		reply_error(r, 503, AER_ERR_UNAVAILABLE, NULL,
		    "aerd could not read the report; try again");
		return;
	}
	state = json_string_value(json_object_get(f, "state"));
	json_object_set_new(f, "status",
	    json_string(workflow_reporter_status(state)));
	if (strcmp(state, "closed") != 0)
		json_object_set_new(f, "outcome", json_null());
	json_object_del(f, "state");
	reply_json(r, 200, f);
}

const struct route route_followup_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_FOLLOWUP,
	.role = ROLE_RECEIPT,
	.handle = followup_get,
};
