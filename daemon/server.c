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
 * The HTTP server: evhttp with its limits set, one catch-all dispatcher
 * that matches the route table, checks the caller's role, and hands the
 * request to its handler.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <event2/http.h>

#include "aerd.h"

/*
 * evhttp's body limit is aerd's: a Content-Length over it is answered
 * 413 as soon as the headers are read, and the connection closed, before
 * any of the body is taken in (libevent 2.1 writes that 413 itself, with
 * a small HTML body: it has no hook for aerd's JSON). A chunked body is
 * cut off as soon as it passes the limit.
 */
#define HTTP_BODY_CEILING	AER_MAX_BODY
#define REQUESTS_PER_CONNECTION	1000

static int
has_receipt(struct req *r)
{
	const char	*auth = req_header(r, "Authorization");
	size_t		 n = strlen(AER_RECEIPT_SCHEME);

	return auth != NULL && strncasecmp(auth, AER_RECEIPT_SCHEME, n) == 0 &&
	    auth[n] == ' ';
}

/* tls: the request came to a TLS listener. */
static void
dispatch(struct evhttp_request *ev, struct aerd *d, int tls)
{
	struct req		 r;
	const struct route	*route;
	const char		*path;
	char			 allow[64];
	int			 found;

	memset(&r, 0, sizeof(r));
	r.d = d;
	r.ev = ev;
	r.conn = conns_find(r.d->conns, evhttp_request_get_connection(ev));
	/*
	 * Where conn.c could not make the TLS bufferevent (out of memory),
	 * evhttp makes a plain one: nothing is served in the clear.
	 */
	if (tls && (r.conn == NULL ||
	    conn_peer(r.conn)->transport != TRANSPORT_TLS)) {
		evhttp_add_header(evhttp_request_get_output_headers(ev),
		    "Connection", "close");
		reply_error(&r, AER_ERR_INTERNAL, NULL, "aerd could not set "
		    "up TLS for this connection");
		return;
	}
	/* A connection carries a bounded number of requests, then closes. */
	if (r.conn != NULL && conn_touch(r.conn) >= REQUESTS_PER_CONNECTION)
		evhttp_add_header(evhttp_request_get_output_headers(ev),
		    "Connection", "close");
	if (r.d->damaged) {
		reply_error(&r, AER_ERR_UNAVAILABLE, NULL, "the database "
		    "failed its integrity check and is not served; the "
		    "administrator must restore it");
		return;
	}
	if (r.d->stopping) {
		/* The request in flight is served, and the connection closed
		 * after it; anything after that is told to come back. */
		evhttp_add_header(evhttp_request_get_output_headers(ev),
		    "Connection", "close");
		if (r.conn == NULL || !conn_drain_once(r.conn)) {
			reply_error(&r, AER_ERR_UNAVAILABLE, NULL,
			    "aerd is shutting down; try again shortly");
			return;
		}
	}
	if (req_check_host(&r) != 0)
		return;
	path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(ev));
	route = route_match(evhttp_request_get_command(ev), path ? path : "",
	    r.params, &found, allow, sizeof(allow));
	if (route == NULL && found) {
		evhttp_add_header(evhttp_request_get_output_headers(ev),
		    "Allow", allow);
		reply_error(&r, AER_ERR_METHOD, NULL,
		    "this resource takes %s only", allow);
		return;
	}
	if (route == NULL) {
		reply_error(&r, AER_ERR_NOT_FOUND, NULL,
		    "there is no such resource");
		return;
	}
	if (route->role == ROLE_RECEIPT && !has_receipt(&r)) {
		evhttp_add_header(evhttp_request_get_output_headers(ev),
		    "WWW-Authenticate", AER_RECEIPT_SCHEME);
		reply_error(&r, AER_ERR_UNAUTHORIZED, "receipt",
		    "send the receipt in the header \"Authorization: "
		    AER_RECEIPT_SCHEME " <code>\"");
		return;
	}
	if (route->role != ROLE_RECEIPT && req_identify(&r) != 0)
		return;
	if (route->role > ROLE_RECEIPT && r.role < route->role) {
		reply_error(&r, AER_ERR_FORBIDDEN, NULL, "this needs the "
		    "%s role; you are a %s", role_name(route->role),
		    role_name(r.role));
		return;
	}
	route->handle(&r);
}

static void
dispatch_plain(struct evhttp_request *ev, void *arg)
{
	dispatch(ev, arg, 0);
}

static void
dispatch_tls(struct evhttp_request *ev, void *arg)
{
	dispatch(ev, arg, 1);
}

static struct evhttp *
http_new(struct aerd *d, int timeout_secs, int tls)
{
	struct evhttp	*http;

	if ((http = evhttp_new(d->base)) == NULL)
		return NULL;
	evhttp_set_max_headers_size(http, AER_MAX_HEADERS);
	/* Without EVHTTP_SERVER_LINGERING_CLOSE, which would read the whole
	 * declared body (and drop it) before answering. */
	evhttp_set_max_body_size(http, HTTP_BODY_CEILING);
	evhttp_set_timeout(http, timeout_secs);
	/* Take every method, so that aerd answers 405 itself. */
	evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT |
	    EVHTTP_REQ_PATCH);
	evhttp_set_gencb(http, tls ? dispatch_tls : dispatch_plain, d);
	return http;
}

/*
 * The TLS listeners, if d->tls is set, have an evhttp of their own: in
 * libevent 2.1 the bufferevent callback belongs to the evhttp, not to a
 * listener. Both share the limits, the dispatcher and the connections.
 */
int
server_init(struct aerd *d, int max_conns, int timeout_secs)
{
	if ((d->http = http_new(d, timeout_secs, 0)) == NULL)
		return -1;
	if ((d->conns = conns_new(d->base, d->http, max_conns)) == NULL)
		return -1;
	conns_set_deadline(d->conns, timeout_secs);
	if (d->tls != NULL) {
		if ((d->https = http_new(d, timeout_secs, 1)) == NULL)
			return -1;
		conns_set_tls(d->conns, d->https, d->tls);
	}
	return 0;
}

/* max_buffered: what all connections may hold between them. */
void
server_set_budget(struct aerd *d, int mib)
{
	conns_set_budget(d->conns, (size_t)mib * 1024 * 1024);
}

void
server_set_timeout(struct aerd *d, int timeout_secs)
{
	evhttp_set_timeout(d->http, timeout_secs);
	if (d->https != NULL)
		evhttp_set_timeout(d->https, timeout_secs);
	conns_set_deadline(d->conns, timeout_secs);
}

/* tls: a tls_listen socket, served by the TLS evhttp. */
int
server_listen_fd(struct aerd *d, int fd, int tls)
{
	struct evhttp_bound_socket	*bound;
	struct evhttp			*http = tls ? d->https : d->http;

	if (d->nlisteners == MAX_LISTENERS || http == NULL)
		return -1;
	if ((bound = evhttp_accept_socket_with_handle(http, fd)) == NULL)
		return -1;
	d->nlisteners++;
	return conns_add_bound(d->conns, bound);
}

static void
unbind(struct evhttp_bound_socket *bound, void *arg)
{
	struct evhttp_bound_socket	***next = arg;

	struct evhttp_bound_socket	**end = *next;

	*end = bound;
	*next = end + 1;
}

/* Stops accepting; connections already open are served until they end. */
void
server_stop_listening(struct aerd *d)
{
	struct evhttp_bound_socket	*bound[MAX_LISTENERS], **next = bound;
	struct evhttp_bound_socket	**p;

	conns_clear_bound(d->conns);
	evhttp_foreach_bound_socket(d->http, unbind, &next);
	for (p = bound; p < next; p++)
		evhttp_del_accept_socket(d->http, *p);
	if (d->https == NULL)
		return;
	next = bound;
	evhttp_foreach_bound_socket(d->https, unbind, &next);
	for (p = bound; p < next; p++)
		evhttp_del_accept_socket(d->https, *p);
}

void
server_free(struct aerd *d)
{
	/* evhttp_free frees the listeners before the connections, whose
	 * close must not resume them. */
	if (d->conns != NULL)
		conns_clear_bound(d->conns);
	if (d->http != NULL)
		evhttp_free(d->http);
	if (d->https != NULL)
		evhttp_free(d->https);
	conns_free(d->conns);
	d->http = NULL;
	d->https = NULL;
	d->conns = NULL;
}
