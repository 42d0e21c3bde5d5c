/*
 * GET /v1/taxonomy: every enumeration with its codes, labels and order,
 * so that no client hard-codes a list. No role needed.
 */
#include "config.h"

#include <event2/http.h>

#include "aerd.h"

static void
taxonomy_get(struct req *r)
{
	reply_json(r, 200, taxonomy_json(r->d->taxonomy));
}

const struct route route_taxonomy_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_TAXONOMY,
	.role = ROLE_ANY,
	.handle = taxonomy_get,
};
