/* GET /v1/reports/{id}: the whole case, for reviewers. */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
case_get(struct req *r)
{
	char	id[ID_LEN];

	if (case_id(r, RESOLVE_REPORT, r->params[0], id) == -1)
		return;
	case_reply(r, 200, id, NULL);
}

const struct route route_case_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_REPORTS AER_PARAM_ID,
	.role = ROLE_REVIEWER,
	.handle = case_get,
};
