/*
 * The connection cap. libevent 2.1's evhttp has no limit on connections
 * and no hook when one closes, so aerd keeps count itself: evhttp asks
 * conn_bev() for each new connection's bufferevent, and aerd holds one
 * reference to it. When evhttp frees the connection it clears the
 * bufferevent's callbacks and drops its own reference; a sweep finds those
 * and drops aerd's. At the cap, the listeners pause and the kernel's
 * backlog holds newcomers until a connection closes.
 */
#include "config.h"

#include <sys/socket.h>

#include <limits.h>
#include <stdlib.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>

#include "aerd.h"

struct conns {
	struct evhttp			*http;
	struct bufferevent		**live;
	unsigned char			*answered;	/* during a drain */
	time_t				*since;		/* accept or last request */
	unsigned int			*requests;	/* on each connection */
	int				 n;
	int				 max;
	int				 deadline;	/* seconds for a request */
	struct evhttp_bound_socket	*bound[MAX_LISTENERS];
	int				 nbound;
	int				 paused;
	time_t				 warned;	/* last "waiting" log */
	struct event			*resume;	/* while paused */
	struct event			*sweeper;	/* always */
};

static int
closed(struct bufferevent *bev)
{
	bufferevent_data_cb	r, w;
	bufferevent_event_cb	e;
	void			*arg;

	bufferevent_getcb(bev, &r, &w, &e, &arg);
	return r == NULL && w == NULL && e == NULL && arg == NULL;
}

static void
sweep(struct conns *c)
{
	time_t	now = time(NULL);
	int	i, fd;

	for (i = 0; i < c->n; ) {
		if (closed(c->live[i])) {
			bufferevent_decref(c->live[i]);
			c->n--;
			c->live[i] = c->live[c->n];
			c->answered[i] = c->answered[c->n];
			c->since[i] = c->since[c->n];
			c->requests[i] = c->requests[c->n];
			continue;
		}
		/*
		 * evhttp's idle timeout starts again with every byte, so a
		 * client sending one byte at a time could hold a slot for
		 * days. A connection gets a whole request in within the
		 * deadline of its accept or of its last request, or is shut
		 * down; evhttp then frees it as it would any closed one.
		 */
		if (c->since[i] != (time_t)LLONG_MAX &&
		    now - c->since[i] > c->deadline &&
		    (fd = bufferevent_getfd(c->live[i])) != -1) {
			shutdown(fd, SHUT_RDWR);
			c->since[i] = now;	/* once */
		}
		i++;
	}
}

/*
 * A request arrived whole on this connection: its clock starts again.
 * Returns how many requests the connection has carried.
 */
unsigned int
conns_touch(struct conns *c, struct bufferevent *bev)
{
	int	i;

	for (i = 0; i < c->n; i++) {
		if (c->live[i] == bev) {
			c->since[i] = time(NULL);
			return ++c->requests[i];
		}
	}
	return 0;
}

/* A reply is being streamed (an export, a backup) or waits for aerd (a
 * report for its commit): no deadline until it is done and the
 * connection is touched or released again. */
void
conns_hold(struct conns *c, struct bufferevent *bev)
{
	int	i;

	for (i = 0; i < c->n; i++)
		if (c->live[i] == bev)
			c->since[i] = (time_t)LLONG_MAX;
}

/* What held the connection is done, but no new request came: its clock
 * starts again without counting one. */
void
conns_release(struct conns *c, struct bufferevent *bev)
{
	int	i;

	for (i = 0; i < c->n; i++)
		if (c->live[i] == bev)
			c->since[i] = time(NULL);
}

void
conns_set_deadline(struct conns *c, int seconds)
{
	c->deadline = seconds;
}

static void
set_paused(struct conns *c, int paused)
{
	struct evconnlistener	*l;
	struct timeval		 tv = { 0, 50 * 1000 };
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
	if (paused) {
		if (time(NULL) - c->warned >= 60) {
			log_warnx("%d connections open; new ones wait (said "
			    "at most once a minute)", c->n);
			c->warned = time(NULL);
		}
		evtimer_add(c->resume, &tv);
	}
}

static void
resume_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct conns	*c = arg;
	struct timeval	 tv = { 0, 50 * 1000 };

	sweep(c);
	if (c->n < c->max)
		set_paused(c, 0);
	else
		evtimer_add(c->resume, &tv);
}

/*
 * A freed connection's bufferevent is released at the next sweep; this
 * keeps that prompt when no new connection comes to trigger one.
 */
static void
sweep_cb(evutil_socket_t fd, short ev, void *arg)
{
	sweep(arg);
}

static struct bufferevent *
conn_bev(struct event_base *base, void *arg)
{
	struct conns		*c = arg;
	struct bufferevent	*bev;

	sweep(c);
	/* Without BEV_OPT_CLOSE_ON_FREE, evhttp closes the socket itself. */
	if ((bev = bufferevent_socket_new(base, -1, 0)) == NULL)
		return NULL;
	if (c->n < c->max) {
		bufferevent_incref(bev);
		c->answered[c->n] = 0;
		c->since[c->n] = time(NULL);
		c->requests[c->n] = 0;
		c->live[c->n++] = bev;
	}
	if (c->n >= c->max)
		set_paused(c, 1);
	return bev;
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
	c->live = calloc((size_t)max, sizeof(*c->live));
	c->answered = calloc((size_t)max, 1);
	c->since = calloc((size_t)max, sizeof(*c->since));
	c->requests = calloc((size_t)max, sizeof(*c->requests));
	c->deadline = 30;
	c->resume = evtimer_new(base, resume_cb, c);
	c->sweeper = event_new(base, -1, EV_PERSIST, sweep_cb, c);
	if (c->live == NULL || c->answered == NULL || c->since == NULL ||
	    c->requests == NULL ||
	    c->resume == NULL ||
	    c->sweeper == NULL ||
	    event_add(c->sweeper, &sweep_every) == -1) {
		conns_free(c);
		return NULL;
	}
	evhttp_set_bevcb(http, conn_bev, c);
	return c;
}

int
conns_add_bound(struct conns *c, struct evhttp_bound_socket *bound)
{
	if (c->nbound == MAX_LISTENERS)
		return -1;
	c->bound[c->nbound++] = bound;
	return 0;
}

/*
 * While draining, a connection open when aerd was told to stop may
 * finish one request: the one in flight, which cannot be told apart from
 * one sent just after. Returns 1 for that one, 0 for any after it.
 */
int
conns_drain_once(struct conns *c, struct bufferevent *bev)
{
	int	i;

	for (i = 0; i < c->n; i++) {
		if (c->live[i] != bev)
			continue;
		if (c->answered[i])
			return 0;
		c->answered[i] = 1;
		return 1;
	}
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
	sweep(c);
	return c->n;
}

void
conns_free(struct conns *c)
{
	int	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		bufferevent_decref(c->live[i]);
	if (c->resume != NULL)
		event_free(c->resume);
	if (c->sweeper != NULL)
		event_free(c->sweeper);
	free(c->live);
	free(c->answered);
	free(c->since);
	free(c->requests);
	free(c);
}
