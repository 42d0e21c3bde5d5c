/* GET /v1/whoami: the role aerd gives this connection, and the name. */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
whoami_get(struct req *r)
{
	reply_json(r, 200, json_pack("{s:s, s:s?}", "role", role_name(r->role),
	    "name", r->name[0] != '\0' ? r->name : NULL));
}

const struct route route_whoami_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_WHOAMI,
	.role = ROLE_ANY,
	.handle = whoami_get,
};
