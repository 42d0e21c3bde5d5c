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
 * The memory all connections may hold between them (aerd.conf's
 * max_buffered): every byte a connection has sent towards a request not
 * yet dispatched (headers included, whether still in the bufferevent or
 * already parsed by evhttp), every byte of a reply not yet written, and
 * for a TLS connection what OpenSSL keeps for it. evbuffer callbacks
 * count the bytes as they arrive, so the budget holds within a turn of
 * the loop. Over it, the connections whose requests have waited longest
 * (conn.c keeps them in that order) read no more, lose their input at
 * once, and are closed on the next turn, until a quarter of the budget
 * is free again: a client that sends its request promptly is the newest
 * and keeps its place. Once many connections have gone, glibc is asked
 * to give the freed heap back to the system.
 */
#include "config.h"

#include <sys/socket.h>

#include <malloc.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include "aerd.h"
#include "conn-int.h"

/* What OpenSSL holds for a TLS connection (its record buffers, the
 * session and the handshake's state): about 30 KiB once idle, more
 * during the handshake, measured with OpenSSL 3.0. */
#define TLS_COST	(40 * 1024)
#define CONN_COST	4096	/* evhttp's own, freed at a close */
#define TRIM_AFTER	(4 * 1024 * 1024)	/* freed before malloc_trim */

/* cn's cost is more bytes, and less. */
static void
spend(struct conn *cn, size_t more, size_t less)
{
	struct conns	*c = cn->set;

	cn->cost += more;
	c->spent += more;
	if (less > cn->cost)
		less = cn->cost;
	cn->cost -= less;
	c->spent -= less;
}

/* cn's buffers are freed, or about to be: nothing of it counts. */
static void
spend_none(struct conn *cn)
{
	cn->set->freed += cn->cost + CONN_COST;
	spend(cn, 0, cn->cost);
	cn->in = 0;
}

/*
 * A connection over the budget reads no more and its input is freed now;
 * evhttp frees the rest, and the socket, on the next turn of the loop
 * (conns_reap_cb). The connection being read (self) keeps its input until
 * then: it is in the middle of being handled.
 */
static void
evict(struct conn *cn, struct conn *self)
{
	struct evbuffer	*in = bufferevent_get_input(cn->bev);

	cn->evicted = 1;
	bufferevent_disable(cn->bev, EV_READ);
	if (cn != self)
		evbuffer_drain(in, evbuffer_get_length(in));
	spend_none(cn);
	event_active(cn->set->reaper, EV_TIMEOUT, 0);
}

/* Over the budget: the connections that have waited longest go first. */
void
conns_over_budget(struct conns *c, struct conn *self)
{
	struct conn	*cn, *next;
	size_t		 target = c->budget - c->budget / 4;
	int		 n = 0;

	for (cn = TAILQ_FIRST(&c->open); cn != NULL && c->spent > target;
	    cn = next) {
		next = TAILQ_NEXT(cn, entry);
		if (cn->holds > 0 || cn->evicted || cn->cost == 0 ||
		    cn->bev == NULL)
			continue;
		evict(cn, self);
		n++;
	}
	if (n > 0 && time(NULL) - c->said >= 60) {
		log_warnx("more than max_buffered held by connections; %d "
		    "that waited longest were closed (said at most once a "
		    "minute)", n);
		c->said = time(NULL);
	}
}

/* Bytes read for a request: they count until it is dispatched. */
static void
input_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	struct conn	*cn = arg;

	if (info->n_added == 0 || cn->evicted)
		return;
	cn->in += info->n_added;
	spend(cn, info->n_added, 0);
	if (cn->open && cn->set->spent > cn->set->budget)
		conns_over_budget(cn->set, cn);
}

/* A reply's bytes count until they are written. */
static void
output_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	struct conn	*cn = arg;

	if (cn->evicted)
		return;
	spend(cn, info->n_added, info->n_deleted);
	if (cn->open && cn->set->spent > cn->set->budget)
		conns_over_budget(cn->set, cn);
}

/* The budget stops counting the connection's buffers. */
void
conn_unwatch(struct conn *cn)
{
	if (cn->in_cb != NULL)
		evbuffer_remove_cb_entry(bufferevent_get_input(cn->bev),
		    cn->in_cb);
	if (cn->out_cb != NULL)
		evbuffer_remove_cb_entry(bufferevent_get_output(cn->bev),
		    cn->out_cb);
	cn->in_cb = cn->out_cb = NULL;
	spend_none(cn);
}

/* The budget counts the connection's buffers from now on. */
int
conn_watch(struct conn *cn)
{
	cn->in_cb = evbuffer_add_cb(bufferevent_get_input(cn->bev), input_cb,
	    cn);
	cn->out_cb = evbuffer_add_cb(bufferevent_get_output(cn->bev),
	    output_cb, cn);
	if (cn->in_cb == NULL || cn->out_cb == NULL) {
		conn_unwatch(cn);
		return -1;
	}
	if (cn->tls)
		spend(cn, TLS_COST, 0);
	if (cn->set->spent > cn->set->budget)
		conns_over_budget(cn->set, NULL);
	return 0;
}

/* A request was dispatched: only what came after it counts now. */
void
conn_next_request(struct conn *cn)
{
	size_t	next = evbuffer_get_length(bufferevent_get_input(cn->bev));

	spend(cn, next, cn->in);
	cn->in = next;
}

/* Connections evicted over the budget are closed by evhttp, as if the
 * client had gone. */
void
conns_reap_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct conns	*c = arg;
	struct conn	*cn, *next;

	for (cn = TAILQ_FIRST(&c->open); cn != NULL; cn = next) {
		next = TAILQ_NEXT(cn, entry);
		if (cn->evicted)
			evhttp_connection_free(cn->evcon);
	}
}

/* Many connections gone: give their memory back to the system. */
void
conns_trim(struct conns *c)
{
	if (c->freed >= TRIM_AFTER) {
		malloc_trim(0);
		c->freed = 0;
	}
}
