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
 * fuzz_route: a method and a request path through route_match, as
 * server.c's dispatcher calls it. The first byte picks the method among
 * those evhttp is told to accept; the rest is the path (evhttp hands it
 * over NUL-terminated, so the harness does too).
 *
 * Asserts: a match has the method asked for; each parameter is a
 * non-empty, NUL-terminated segment of at most REQ_MAX_PARAM - 1 bytes
 * with no '/'; the pattern with its parameters filled in gives back the
 * path exactly; a miss on a known path lists an Allow value that fits.
 * The same bytes as a Host header (identity.c): a Host taken as this
 * machine's is localhost or 127.x.y.z, possibly [::1], then a port.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/http.h>

#include "aerd.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

static const int methods[] = {
	EVHTTP_REQ_GET, EVHTTP_REQ_POST, EVHTTP_REQ_HEAD, EVHTTP_REQ_PUT,
	EVHTTP_REQ_DELETE, EVHTTP_REQ_OPTIONS, EVHTTP_REQ_TRACE,
	EVHTTP_REQ_CONNECT, EVHTTP_REQ_PATCH,
};
#define NMETHODS	(sizeof(methods) / sizeof(methods[0]))

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The route's pattern with params in place of each "{...}". */
static void
check_rebuild(const char *pattern, const char *path,
    char params[][REQ_MAX_PARAM])
{
	const char	*p, *close;
	size_t		 len, plen = strlen(path), used = 0;
	char		*out;
	int		 np = 0, i;

	out = malloc(strlen(pattern) + REQ_MAX_PARAMS * REQ_MAX_PARAM + 1);
	CHECK(out != NULL);
	for (p = pattern; *p != '\0'; ) {
		if (*p != '{') {
			out[used++] = *p++;
			continue;
		}
		close = strchr(p, '}');
		CHECK(close != NULL && np < REQ_MAX_PARAMS);
		CHECK(memchr(params[np], '\0', REQ_MAX_PARAM) != NULL);
		len = strlen(params[np]);
		CHECK(len > 0 && len < REQ_MAX_PARAM);
		CHECK(strchr(params[np], '/') == NULL);
		memcpy(out + used, params[np], len);
		used += len;
		np++;
		p = close + 1;
	}
	out[used] = '\0';
	CHECK(used == plen && strcmp(out, path) == 0);
	for (i = 0; i < np; i++)
		CHECK(strlen(params[i]) < REQ_MAX_PARAM);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct route	*r;
	char			 params[REQ_MAX_PARAMS][REQ_MAX_PARAM];
	char			 allow[64], *path;
	int			 method, found;

	if (size == 0)
		return 0;
	method = methods[data[0] % NMETHODS];
	if ((path = malloc(size)) == NULL)
		return 0;
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';

	memset(params, 0xa5, sizeof(params));
	memset(allow, 0xa5, sizeof(allow));
	found = -1;
	r = route_match(method, path, params, &found, allow, sizeof(allow));
	CHECK(found == 0 || found == 1);
	CHECK(memchr(allow, '\0', sizeof(allow)) != NULL);
	if (r != NULL) {
		CHECK(r->method == method);
		CHECK(r->handle != NULL && r->path != NULL);
		CHECK(r->role >= ROLE_ANY && r->role <= ROLE_ADMIN);
		check_rebuild(r->path, path, params);
	} else if (found) {
		CHECK(allow[0] != '\0');
		CHECK(strncmp(path, "/v1/", 4) == 0);
	} else
		CHECK(allow[0] == '\0');
	if (host_is_local(path))
		CHECK(strncasecmp(path, "localhost", 9) == 0 ||
		    strncmp(path, "127.", 4) == 0 ||
		    strncmp(path, "[::1]", 5) == 0);
	free(path);
	return 0;
}
