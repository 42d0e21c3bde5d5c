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
 * Connections: one struct conn for each one accepted, found from a
 * request in O(1) by its socket, filled once (its transport and, for a
 * local caller, the kernel's word for its uid and groups) and freed by
 * evhttp's close callback. A TLS listener's evhttp asks conn_bev_tls()
 * instead, which makes the bufferevent TLS (tls.c); the connection is
 * counted, capped and given its deadline as any other, from the accept,
 * and its handshake must finish within HANDSHAKE_SECONDS of it.
 *
 * libevent 2.1's evhttp tells of a new connection only by asking
 * conn_bev() for its bufferevent, before the connection exists. It makes
 * the connection around that bufferevent in the same call and passes it
 * as the argument of the bufferevent's callbacks; an event of the highest
 * priority, run before any I/O of the next turn of the loop, takes it
 * from there, sets the close callback on it and reads the credentials.
 * At the cap, the listeners pause and the kernel's backlog holds
 * newcomers until a connection closes.
 *
 * The memory they hold is counted and capped in conn-budget.c, which
 * wants the open list in the order of their last request: the oldest
 * first.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>

#include <openssl/ssl.h>

#include "aerd.h"
#include "conn-int.h"

#define ADOPT_PRIORITY	0	/* before any I/O (aerd.c: 3 priorities) */
#define HANDSHAKE_SECONDS 10	/* a TLS handshake, at most */

static void
set_paused(struct conns *c, int paused)
{
	struct evconnlistener	*l;
	int			 i;

	if (c->paused == paused)
		return;
	c->paused = paused;
	for (i = 0; i < c->nbound; i++) {
		l = evhttp_bound_socket_get_listener(c->bound[i]);
		if (paused)
			evconnlistener_disable(l);
		else
			evconnlistener_enable(l);
	}
	if (paused && time(NULL) - c->warned >= 60) {
		log_warnx("%d connections open; new ones wait (said at most "
		    "once a minute)", c->n);
		c->warned = time(NULL);
	}
}

static void
conn_free(struct conn *cn)
{
	free(cn->peer.groups);
	free(cn);
}

static int
index_fd(struct conns *c, struct conn *cn)
{
	struct conn	**v;
	size_t		  n;

	if ((size_t)cn->fd >= c->nbyfd) {
		n = c->nbyfd ? c->nbyfd : 256;
		while (n <= (size_t)cn->fd)
			n *= 2;
		if ((v = reallocarray(c->byfd, n, sizeof(*v))) == NULL)
			return -1;
		memset(v + c->nbyfd, 0, (n - c->nbyfd) * sizeof(*v));
		c->byfd = v;
		c->nbyfd = n;
	}
	c->byfd[cn->fd] = cn;
	return 0;
}

static void
gone(struct conns *c)
{
	c->n--;
	if (c->n < c->max)
		set_paused(c, 0);
}

/* evhttp is freeing the connection; the socket closes after this. */
static void
closed_cb(struct evhttp_connection *evcon, void *arg)
{
	struct conn	*cn = arg;
	struct conns	*c = cn->set;

	if ((size_t)cn->fd < c->nbyfd && c->byfd[cn->fd] == cn)
		c->byfd[cn->fd] = NULL;
	TAILQ_REMOVE(&c->open, cn, entry);
	conn_unwatch(cn);
	cn->open = 0;
	cn->evcon = NULL;
	cn->bev = NULL;
	cn->holds++;		/* what the hook releases is not freed twice */
	if (cn->on_close != NULL)
		cn->on_close(cn->on_close_arg);
	cn->on_close = NULL;
	conn_release(cn);
	gone(c);
}

static void
adopt(struct conns *c, struct conn *cn)
{
	bufferevent_data_cb	 r, w;
	bufferevent_event_cb	 e;
	void			*arg;
	int			 one = 1;

	TAILQ_REMOVE(&c->newborn, cn, entry);
	bufferevent_getcb(cn->bev, &r, &w, &e, &arg);
	cn->fd = bufferevent_getfd(cn->bev);
	if (arg == NULL || cn->fd == -1 ||
	    evhttp_connection_get_bufferevent(arg) != cn->bev) {
		/* evhttp gave it up before it began (out of memory). */
		conn_unwatch(cn);
		bufferevent_decref(cn->bev);
		conn_free(cn);
		gone(c);
		return;
	}
	bufferevent_decref(cn->bev);	/* evhttp's reference lasts */
	cn->evcon = arg;
	cn->open = 1;
	TAILQ_INSERT_TAIL(&c->open, cn, entry);
	evhttp_connection_set_closecb(cn->evcon, closed_cb, cn);
	conn_read_peer(cn);
	/* A reply goes out in more than one write (a TLS bufferevent makes a
	 * record of each): without this, Nagle's algorithm holds the last
	 * until the client's delayed ACK, some 40 ms later. */
	if (cn->peer.transport != TRANSPORT_UNIX)
		setsockopt(cn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (index_fd(c, cn) == -1) {
		log_warnx("out of memory for a connection; it is closed");
		shutdown(cn->fd, SHUT_RDWR);
	}
}

static void
adopt_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct conns	*c = arg;

	while (!TAILQ_EMPTY(&c->newborn))
		adopt(c, TAILQ_FIRST(&c->newborn));
}

static struct bufferevent *
newborn(struct conns *c, struct bufferevent *bev, int tls)
{
	struct conn	*cn;

	if (bev == NULL)
		return NULL;
	if ((cn = calloc(1, sizeof(*cn))) == NULL) {
		bufferevent_free(bev);
		return NULL;
	}
	cn->set = c;
	cn->bev = bev;
	cn->fd = -1;
	cn->tls = tls;
	cn->since = time(NULL);
	if (conn_watch(cn) == -1) {
		bufferevent_free(bev);
		free(cn);
		return NULL;
	}
	/* Held until adopted, in case evhttp frees it before. */
	bufferevent_incref(bev);
	TAILQ_INSERT_TAIL(&c->newborn, cn, entry);
	event_active(c->adopt, EV_TIMEOUT, 0);
	if (++c->n >= c->max)
		set_paused(c, 1);
	return bev;
}

static struct bufferevent *
conn_bev(struct event_base *base, void *arg)
{
	/* Without BEV_OPT_CLOSE_ON_FREE, evhttp closes the socket itself. */
	return newborn(arg, bufferevent_socket_new(base, -1, 0), 0);
}

/* The TLS bufferevent closes the socket itself when evhttp frees it. */
static struct bufferevent *
conn_bev_tls(struct event_base *base, void *arg)
{
	struct conns	*c = arg;

	return newborn(c, tls_bufferevent(c->tls, base), 1);
}

/*
 * evhttp's idle timeout starts again with every byte, so a client
 * sending one byte at a time could hold a slot for days. A connection
 * gets a whole request in within the deadline of its accept or of its
 * last request, or is shut down; evhttp then frees it as it would any
 * closed one.
 */
static void
sweep_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct conns	*c = arg;
	struct conn	*cn;
	time_t		 now = time(NULL);
	int		 shake = HANDSHAKE_SECONDS < c->deadline ?
			    HANDSHAKE_SECONDS : c->deadline;

	TAILQ_FOREACH(cn, &c->open, entry) {
		if (cn->tls && !cn->shaken && cn->bev != NULL)
			cn->shaken = SSL_is_init_finished(
			    bufferevent_openssl_get_ssl(cn->bev));
		if (cn->holds == 0 && (now - cn->since > c->deadline ||
		    (cn->tls && !cn->shaken && now - cn->since > shake))) {
			shutdown(cn->fd, SHUT_RDWR);
			cn->since = now;	/* once */
		}
	}
	conns_trim(c);
}

/* The connection a request came on, or NULL. */
struct conn *
conns_find(struct conns *c, struct evhttp_connection *evcon)
{
	struct conn	*cn;
	int		 fd;

	if (evcon == NULL)
		return NULL;
	/* Accepted in this very turn of the loop: adopt it now. */
	if (!TAILQ_EMPTY(&c->newborn))
		adopt_cb(-1, 0, c);
	fd = bufferevent_getfd(evhttp_connection_get_bufferevent(evcon));
	if (fd < 0 || (size_t)fd >= c->nbyfd)
		return NULL;
	cn = c->byfd[fd];
	return cn != NULL && cn->evcon == evcon ? cn : NULL;
}

/*
 * A request arrived whole on this connection: its clock starts again.
 * Returns how many requests the connection has carried.
 */
unsigned int
conn_touch(struct conn *cn)
{
	struct conns	*c = cn->set;

	cn->since = time(NULL);
	/* The newest: the last to go over the budget. */
	TAILQ_REMOVE(&c->open, cn, entry);
	TAILQ_INSERT_TAIL(&c->open, cn, entry);
	conn_next_request(cn);
	return ++cn->requests;
}

/*
 * A reply is being streamed (an export, a backup) or waits for aerd (a
 * report for its commit): no deadline until it is released, and the
 * struct stays until then even if the connection closes.
 */
void
conn_hold(struct conn *cn)
{
	if (cn != NULL)
		cn->holds++;
}

/* What held the connection is done, but no new request came: its clock
 * starts again without counting one. */
void
conn_release(struct conn *cn)
{
	if (cn == NULL)
		return;
	cn->since = time(NULL);
	if (cn->open) {
		TAILQ_REMOVE(&cn->set->open, cn, entry);
		TAILQ_INSERT_TAIL(&cn->set->open, cn, entry);
	}
	if (--cn->holds == 0 && !cn->open)
		conn_free(cn);
}

/* Called when the connection closes, until set again (fn NULL: never). */
void
conn_on_close(struct conn *cn, void (*fn)(void *), void *arg)
{
	cn->on_close = fn;
	cn->on_close_arg = arg;
}

const struct peer *
conn_peer(const struct conn *cn)
{
	return &cn->peer;
}

/*
 * While draining, a connection open when aerd was told to stop may
 * finish one request: the one in flight, which cannot be told apart from
 * one sent just after. Returns 1 for that one, 0 for any after it.
 */
int
conn_drain_once(struct conn *cn)
{
	if (cn->answered)
		return 0;
	cn->answered = 1;
	return 1;
}

struct conns *
conns_new(struct event_base *base, struct evhttp *http, int max)
{
	static const struct timeval	 sweep_every = { 1, 0 };
	struct conns			*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->http = http;
	c->max = max;
	c->deadline = 30;
	c->budget = (size_t)-1;
	TAILQ_INIT(&c->newborn);
	TAILQ_INIT(&c->open);
	c->adopt = event_new(base, -1, 0, adopt_cb, c);
	c->sweeper = event_new(base, -1, EV_PERSIST, sweep_cb, c);
	c->reaper = event_new(base, -1, 0, conns_reap_cb, c);
	if (c->adopt == NULL || c->sweeper == NULL || c->reaper == NULL ||
	    event_priority_set(c->adopt, ADOPT_PRIORITY) == -1 ||
	    event_priority_set(c->reaper, ADOPT_PRIORITY) == -1 ||
	    event_add(c->sweeper, &sweep_every) == -1) {
		conns_free(c);
		return NULL;
	}
	evhttp_set_bevcb(http, conn_bev, c);
	return c;
}

/* The TLS listeners' evhttp: its connections are TLS, counted here. */
void
conns_set_tls(struct conns *c, struct evhttp *https, struct tls *tls)
{
	c->tls = tls;
	evhttp_set_bevcb(https, conn_bev_tls, c);
}

void
conns_set_deadline(struct conns *c, int seconds)
{
	c->deadline = seconds;
}

/* Bytes all connections may hold between them. */
void
conns_set_budget(struct conns *c, size_t bytes)
{
	c->budget = bytes;
}

int
conns_add_bound(struct conns *c, struct evhttp_bound_socket *bound)
{
	if (c->nbound == MAX_LISTENERS)
		return -1;
	c->bound[c->nbound++] = bound;
	return 0;
}

/* The listeners are gone (shutdown): never pause or resume them again. */
void
conns_clear_bound(struct conns *c)
{
	c->nbound = 0;
}

int
conns_live(struct conns *c)
{
	return c->n;
}

/* After evhttp_free, which closes every adopted connection. */
void
conns_free(struct conns *c)
{
	struct conn	*cn;

	if (c == NULL)
		return;
	while ((cn = TAILQ_FIRST(&c->newborn)) != NULL) {
		TAILQ_REMOVE(&c->newborn, cn, entry);
		bufferevent_decref(cn->bev);
		conn_free(cn);
	}
	while ((cn = TAILQ_FIRST(&c->open)) != NULL) {
		TAILQ_REMOVE(&c->open, cn, entry);
		conn_free(cn);
	}
	if (c->adopt != NULL)
		event_free(c->adopt);
	if (c->sweeper != NULL)
		event_free(c->sweeper);
	if (c->reaper != NULL)
		event_free(c->reaper);
	free(c->byfd);
	free(c);
}
