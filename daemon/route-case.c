/* GET /v1/reports/{id}: the whole case, for reviewers, with a page of
 * its messages (?messages=N&before=K). */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
case_get(struct req *r)
{
	struct msg_page	 pg;
	json_t		*c;
	char		 id[ID_LEN];

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1 ||
	    page_query(r, &pg) == -1)
		return;
	if ((c = case_load(r, id, &pg)) != NULL)
		reply_json(r, 200, c);
}

const struct route route_case_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_REPORTS AER_PARAM_ID,
	.role = ROLE_REVIEWER,
	.handle = case_get,
};
