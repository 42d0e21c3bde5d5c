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
 * The route table: every endpoint, its method, the role it needs and its
 * handler. Adding an endpoint is a route-*.c file and a line here.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <event2/http.h>

#include "aerd.h"

static const struct route *const routes[] = {
	&route_health_get,
	&route_taxonomy_get,
	&route_whoami_get,
	&route_reports_post,
	&route_followup_get,
	&route_followup_messages_post,
	&route_queue_get,
	&route_case_get,
	&route_triage_post,
	&route_rca_put,
	&route_actions_post,
	&route_actions_patch,
	&route_messages_post,
	&route_close_post,
	&route_tokens_post,
	&route_tokens_get,
	&route_tokens_delete,
	&route_audit_verify_get,
	&route_backup_get,
	&route_summary_get,
	&route_export_get,
};

static const char *
method_name(int method)
{
	switch (method) {
	case EVHTTP_REQ_GET:
		return "GET";
	case EVHTTP_REQ_POST:
		return "POST";
	case EVHTTP_REQ_PUT:
		return "PUT";
	case EVHTTP_REQ_PATCH:
		return "PATCH";
	case EVHTTP_REQ_DELETE:
		return "DELETE";
	default:
		return "";
	}
}

/*
 * Matches a pattern such as /v1/reports/{id} against a path segment by
 * segment; a "{...}" segment takes any non-empty segment of up to
 * REQ_MAX_PARAM - 1 bytes.
 */
static int
path_match(const char *pattern, const char *path, char params[][REQ_MAX_PARAM])
{
	const char	*end;
	size_t		 len;
	int		 np = 0;

	while (*pattern != '\0' && *path != '\0') {
		if (*pattern == '{') {
			if ((pattern = strchr(pattern, '}')) == NULL)
				return 0;
			pattern++;
			end = strchr(path, '/');
			len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || len >= REQ_MAX_PARAM ||
			    np == REQ_MAX_PARAMS)
				return 0;
			memcpy(params[np], path, len);
			params[np++][len] = '\0';
			path += len;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

/*
 * Returns the route for method and path, or NULL. When the path exists
 * but not for this method, *path_found is set and allow lists the methods
 * it takes, for a 405's Allow header.
 */
const struct route *
route_match(int method, const char *path, char params[][REQ_MAX_PARAM],
    int *path_found, char *allow, size_t allowlen)
{
	const struct route	*r;
	size_t			 i, used;

	*path_found = 0;
	allow[0] = '\0';
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		r = routes[i];
		if (!path_match(r->path, path, params))
			continue;
		if (r->method == method)
			return r;
		used = strlen(allow);
		snprintf(allow + used, allowlen - used, "%s%s",
		    *path_found ? ", " : "", method_name(r->method));
		*path_found = 1;
	}
	return NULL;
}
