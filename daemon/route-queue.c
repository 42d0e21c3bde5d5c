/*
 * GET /v1/queue: the reviewer's work, by state (?state=), overdue first
 * (?overdue=1 for only what is overdue), a page at a time (?limit=, and
 * ?after= the "next" of the page before). A page reads its cases from an
 * index: its cost does not grow with the number of open cases.
 */
#include "config.h"

#include <sys/queue.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "aerd.h"

#define QUEUE_PAGE	200	/* cases in a page unless ?limit= */

/* A key for after=: "DUE_RECEIVED_ID", DUE a day or "none"; split in key. */
static int
parse_key(const char *text, char key[QUEUE_KEY_LEN], const char **due,
    const char **received, const char **id)
{
	char	*p, *q;

	if (strlen(text) >= QUEUE_KEY_LEN ||
	    strspn(text, "0123456789abcdefno-_") != strlen(text))
		return -1;
	memcpy(key, text, strlen(text) + 1);
	if ((p = strchr(key, '_')) == NULL || (q = strchr(p + 1, '_')) == NULL)
		return -1;
	*p++ = '\0';
	*q++ = '\0';
	if ((strcmp(key, "none") != 0 && strlen(key) != DAY_LEN - 1) ||
	    strlen(p) != DAY_LEN - 1 || strlen(q) != ID_LEN - 1)
		return -1;
	*due = key;
	*received = p;
	*id = q;
	return 0;
}

static void
queue_get(struct req *r)
{
	struct evkeyvalq	 q;
	struct evkeyval		*kv;
	struct queue_query	 qq = { NULL, NULL, 0, QUEUE_PAGE, "", "", "" };
	const char		*query, *field = NULL;
	char			*end;
	long			 n;
	enum state		 s;
	json_t			*page;
	char			 today[DAY_LEN], key[QUEUE_KEY_LEN];

	TAILQ_INIT(&q);
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->ev));
	if (query != NULL && evhttp_parse_query_str(query, &q) == -1) {
		reply_error(r, AER_ERR_MALFORMED, NULL, "the query string "
		    "is malformed");
		return;
	}
	TAILQ_FOREACH(kv, &q, next) {
		if (strcmp(kv->key, "state") == 0) {
			if (state_parse(kv->value, &s) == -1) {
				field = "state";
				break;
			}
			qq.state = state_name(s);
		} else if (strcmp(kv->key, "overdue") == 0) {
			if (strcmp(kv->value, "0") != 0 &&
			    strcmp(kv->value, "1") != 0) {
				field = "overdue";
				break;
			}
			qq.overdue_only = kv->value[0] == '1';
		} else if (strcmp(kv->key, "limit") == 0) {
			errno = 0;
			n = strtol(kv->value, &end, 10);
			if (errno != 0 || end == kv->value || *end != '\0' ||
			    n < 1 || n > AER_QUEUE_LIMIT) {
				field = "limit";
				break;
			}
			qq.limit = (int)n;
		} else if (strcmp(kv->key, "after") == 0) {
			if (parse_key(kv->value, key, &qq.after_due,
			    &qq.after_received, &qq.after_id) == -1) {
				field = "after";
				break;
			}
		} else {
			field = "";
			break;
		}
	}
	if (field != NULL) {
		reply_error(r, *field != '\0' ? AER_ERR_INVALID :
		    AER_ERR_UNKNOWN_FIELD, *field != '\0' ? field : NULL,
		    "the queue takes state=STATE, overdue=0|1, limit=1..%d "
		    "and after=NEXT only", AER_QUEUE_LIMIT);
		evhttp_clear_headers(&q);
		return;
	}
	case_today(r, today);
	qq.today = today;
	if (store_queue(r->d->store, &qq, &page) == -1) {
		evhttp_clear_headers(&q);
		case_failed(r, -1);
		return;
	}
	evhttp_clear_headers(&q);
	reply_json(r, 200, page);
}

const struct route route_queue_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_QUEUE,
	.role = ROLE_REVIEWER,
	.handle = queue_get,
};
