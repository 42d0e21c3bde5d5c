/* GET /v1/health: is aerd up, and which version. No role needed. */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
health_get(struct req *r)
{
	reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok",
	    "version", PACKAGE_VERSION));
}

const struct route route_health_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_HEALTH,
	.role = ROLE_ANY,
	.handle = health_get,
};
