/*
 * GET /v1/queue: the reviewer's work, by state (?state=), overdue first
 * (?overdue=1 for only what is overdue).
 */
#include "config.h"

#include <sys/queue.h>

#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "aerd.h"

static void
queue_get(struct req *r)
{
	struct evkeyvalq	 q;
	struct evkeyval		*kv;
	const char		*query, *state = NULL;
	enum state		 s;
	json_t			*cases;
	char			 today[DAY_LEN];
	int			 overdue = 0;

	TAILQ_INIT(&q);
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->ev));
	if (query != NULL && evhttp_parse_query_str(query, &q) == -1) {
		reply_error(r, 400, AER_ERR_MALFORMED, NULL, "the query string "
		    "is malformed");
		return;
	}
	TAILQ_FOREACH(kv, &q, next) {
		if (strcmp(kv->key, "state") == 0 &&
		    state_parse(kv->value, &s) == 0)
			state = state_name(s);
		else if (strcmp(kv->key, "overdue") == 0 &&
		    (strcmp(kv->value, "0") == 0 || strcmp(kv->value, "1") == 0))
			overdue = kv->value[0] == '1';
		else {
			reply_error(r, 422, strcmp(kv->key, "state") == 0 ||
			    strcmp(kv->key, "overdue") == 0 ? AER_ERR_INVALID :
			    AER_ERR_UNKNOWN_FIELD, strcmp(kv->key, "state") ==
			    0 ? "state" : strcmp(kv->key, "overdue") == 0 ?
			    "overdue" : NULL, "the queue takes state=STATE "
			    "and overdue=0|1 only");
			evhttp_clear_headers(&q);
			return;
		}
	}
	evhttp_clear_headers(&q);
	case_today(r, today);
	if (store_queue(r->d->store, today, state, overdue, AER_QUEUE_LIMIT,
	    &cases) == -1) {
		case_failed(r, -1);
		return;
	}
	reply_json(r, 200, cases);
}

const struct route route_queue_get = {
	.method = EVHTTP_REQ_GET,
	.path = "/v1/queue",
	.role = ROLE_REVIEWER,
	.handle = queue_get,
};
