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
 * What daemon/conn.c shares with conn-budget.c (the memory all
 * connections may hold) and conn-peer.c (who is at the other end).
 */
#ifndef CONN_INT_H
#define CONN_INT_H

#include <sys/queue.h>

#include <stddef.h>
#include <time.h>

#include <event2/util.h>

#include "aerd.h"

struct bufferevent;
struct evbuffer_cb_entry;
struct evhttp_bound_socket;

struct conn {
	struct conns			*set;
	struct bufferevent		*bev;
	struct evhttp_connection	*evcon;		/* once adopted */
	int				 fd;
	int				 tls;		/* from a tls_listen */
	struct peer			 peer;
	time_t				 since;		/* accept or last request */
	unsigned int			 requests;
	size_t				 cost;		/* counted in the budget */
	size_t				 in;		/* of which, the request */
	struct evbuffer_cb_entry	*in_cb, *out_cb;
	int				 evicted;
	int				 shaken;	/* TLS handshake done */
	int				 holds;		/* no deadline while > 0 */
	int				 open;
	int				 answered;	/* during a drain */
	void				(*on_close)(void *);
	void				*on_close_arg;
	TAILQ_ENTRY(conn)		 entry;
};
TAILQ_HEAD(connq, conn);

struct conns {
	struct evhttp			*http;
	struct tls			*tls;		/* or NULL */
	struct connq			 newborn;	/* accepted, not adopted */
	struct connq			 open;
	struct conn			**byfd;
	size_t				 nbyfd;
	int				 n;		/* newborn and open */
	int				 max;
	int				 deadline;	/* seconds for a request */
	size_t				 budget;	/* bytes, all connections */
	size_t				 spent;		/* of the budget */
	size_t				 freed;		/* since malloc_trim */
	time_t				 said;		/* last "budget" log */
	struct evhttp_bound_socket	*bound[MAX_LISTENERS];
	int				 nbound;
	int				 paused;
	time_t				 warned;	/* last "waiting" log */
	struct event			*adopt;
	struct event			*sweeper;	/* the deadlines */
	struct event			*reaper;	/* the evicted */
};


/* conn-budget.c */
int	conn_watch(struct conn *);
void	conn_unwatch(struct conn *);
void	conn_next_request(struct conn *);
void	conns_over_budget(struct conns *, struct conn *self);
void	conns_reap_cb(evutil_socket_t, short, void *);
void	conns_trim(struct conns *);

/* conn-peer.c */
void	conn_read_peer(struct conn *);

#endif /* CONN_INT_H */
