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
