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
 * Streamed replies (an export, a backup): a chunked 200 whose chunks a
 * source makes one at a time, the next only once the one before has gone
 * to the client, so that a reply of any size takes constant memory. A
 * stream ends at its source's end, when the client goes away, or when
 * aerd stops; it holds its connection (conn.c) meanwhile. Each kind has
 * a limit on how many run at once, counted here, and each caller (a
 * local user, or a token) runs one of a kind at a time, so no caller
 * fills the places of the others. A stream not over by its deadline
 * (export_deadline), a client that stopped reading for one, is ended
 * and its place given back.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/socket.h>

#include <stdlib.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include "aerd.h"

struct stream {
	struct streams			*set;
	const struct stream_kind	*kind;
	const struct stream_ops		*ops;
	void				*arg;
	struct req			 r;	/* a copy: the handler's is gone */
	struct event			*next;
	struct event			*deadline;
	TAILQ_ENTRY(stream)		 entry;
};

struct streams {
	TAILQ_HEAD(, stream)	 running;
};

struct streams *
streams_new(void)
{
	struct streams	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	TAILQ_INIT(&s->running);
	return s;
}

/*
 * Whether the caller may start a stream of this kind now; if not, it has
 * been told why (429 busy), and 1 is returned.
 */
int
stream_refused(struct req *r, const struct stream_kind *kind)
{
	struct stream	*st;
	int		 n = 0, mine = 0;

	TAILQ_FOREACH(st, &r->d->streams->running, entry) {
		if (st->kind != kind)
			continue;
		n++;
		mine += st->r.caller == r->caller;
	}
	if (mine)
		reply_error(r, AER_ERR_BUSY, NULL, "you have %s %s running "
		    "already; wait for it to finish, or end it, and try again",
		    kind->name[0] == 'e' ? "an" : "a", kind->name);
	else if (n >= kind->max)
		reply_error(r, AER_ERR_BUSY, NULL, "%d %ss are running, as "
		    "many as may at once; try again when one has finished",
		    n, kind->name);
	return mine || n >= kind->max;
}

/* The stream is over: nothing more is sent, and the source is freed. */
static void
stream_end(struct stream *st)
{
	conn_on_close(st->r.conn, NULL, NULL);
	conn_release(st->r.conn);
	if (st->next != NULL)
		event_free(st->next);
	if (st->deadline != NULL)
		event_free(st->deadline);
	TAILQ_REMOVE(&st->set->running, st, entry);
	st->ops->free(st->arg);
	free(st);
}

/*
 * The connection is closing. When the client went away, evhttp has let
 * go of the unfinished request (it has no connection any more) and
 * leaves it to aerd to free; otherwise (aerd stopping) evhttp frees it
 * with the connection.
 */
static void
closed(void *arg)
{
	struct stream	*st = arg;

	if (evhttp_request_get_connection(st->r.ev) == NULL)
		evhttp_request_free(st->r.ev);
	stream_end(st);
}

/*
 * The deadline has passed: the connection is shut down, as conn.c does
 * with one too slow to send its request, and evhttp then frees it and
 * the stream with it (closed() above).
 */
static void
deadline_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct stream			*st = arg;
	struct evhttp_connection	*evcon;
	struct bufferevent		*bev;

	log_warnx("%s: not finished within export_deadline (%d s); ended",
	    st->kind->name, st->r.d->config->export_deadline);
	if ((evcon = evhttp_request_get_connection(st->r.ev)) != NULL &&
	    (bev = evhttp_connection_get_bufferevent(evcon)) != NULL &&
	    bufferevent_getfd(bev) != -1)
		shutdown(bufferevent_getfd(bev), SHUT_RDWR);
}

/* The chunk before has gone: make and send the next. */
static void
sent_cb(struct evhttp_connection *evcon, void *arg)
{
	struct stream	*st = arg;
	struct timeval	 now = { 0, 0 };

	evtimer_add(st->next, &now);
}

static void
next_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct stream	*st = arg;
	struct evbuffer	*buf;
	struct timeval	 now = { 0, 0 };
	int		 rc = -1;

	if ((buf = evbuffer_new()) != NULL)
		rc = st->ops->next(st->arg, buf);
	if (buf != NULL && evbuffer_get_length(buf) > 0)
		evhttp_send_reply_chunk_with_cb(st->r.ev, buf,
		    rc == 1 ? sent_cb : NULL, st);
	else if (rc == 1)
		evtimer_add(st->next, &now);	/* nothing yet: try again */
	if (buf != NULL)
		evbuffer_free(buf);
	if (rc == 1)
		return;
	/* The end, or an error: a short body the client can tell from a
	 * whole one only by what it holds; say so. */
	if (rc == -1)
		log_warnx("%s: stopped early", st->kind->name);
	/* Ending the reply may close the connection at once. */
	conn_on_close(st->r.conn, NULL, NULL);
	evhttp_send_reply_end(st->r.ev);
	stream_end(st);
}

/*
 * A stream for the request, not yet started: it holds the connection,
 * and ends with it. NULL when out of memory or for a request that came
 * on no connection; arg is then the caller's to free.
 */
struct stream *
stream_new(struct req *r, const struct stream_kind *kind,
    const struct stream_ops *ops, void *arg)
{
	struct stream	*st;
	struct timeval	 limit = { r->d->config->export_deadline, 0 };

	if (r->conn == NULL || (st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	if ((st->next = evtimer_new(r->d->base, next_cb, st)) == NULL ||
	    (kind->priority >= 0 &&
	    event_priority_set(st->next, kind->priority) == -1) ||
	    (st->deadline = evtimer_new(r->d->base, deadline_cb,
	    st)) == NULL || evtimer_add(st->deadline, &limit) == -1) {
		if (st->next != NULL)
			event_free(st->next);
		if (st->deadline != NULL)
			event_free(st->deadline);
		free(st);
		return NULL;
	}
	st->set = r->d->streams;
	st->kind = kind;
	st->ops = ops;
	st->arg = arg;
	st->r = *r;
	TAILQ_INSERT_TAIL(&st->set->running, st, entry);
	conn_hold(st->r.conn);
	conn_on_close(st->r.conn, closed, st);
	return st;
}

/* The 200 and its headers; then each chunk the source makes. */
void
stream_start(struct stream *st, const char *content_type)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(st->r.ev);
	struct timeval		 now = { 0, 0 };

	evhttp_add_header(h, "Content-Type", content_type);
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_send_reply_start(st->r.ev, 200, "OK");
	evtimer_add(st->next, &now);
}

/* A stream that cannot start: an error reply instead, and the end. */
void
stream_fail(struct stream *st, const char *code, const char *message)
{
	conn_on_close(st->r.conn, NULL, NULL);
	reply_error(&st->r, code, NULL, "%s", message);
	stream_end(st);
}

/* aerd is stopping: every stream ends where it is. */
void
streams_free(struct streams *s)
{
	if (s == NULL)
		return;
	while (!TAILQ_EMPTY(&s->running))
		stream_end(TAILQ_FIRST(&s->running));
	free(s);
}
