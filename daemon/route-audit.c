/* GET /v1/audit/verify: walk the audit chain; name where it breaks. */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
audit_verify_get(struct req *r)
{
	const char	*problem;
	long long	 entries, bad;

	if (store_audit_verify(r->d->store, &entries, &bad, &problem) == -1) {
		case_failed(r, -1);
		return;
	}
	if (bad == 0)
		reply_json(r, 200, json_pack("{s:b, s:I}", "ok", 1, "entries",
		    (json_int_t)entries));
	else
		reply_json(r, 200, json_pack("{s:b, s:I, s:{s:I, s:s}}", "ok",
		    0, "entries", (json_int_t)entries, "first_bad", "seq",
		    (json_int_t)bad, "problem", problem));
}

const struct route route_audit_verify_get = {
	.method = EVHTTP_REQ_GET,
	.path = "/v1/audit/verify",
	.role = ROLE_ADMIN,
	.handle = audit_verify_get,
};
