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
 * loadgen's open loop (-r RATE): requests fall due at a steady rate,
 * RATE a second over all the connections, whatever the server does.
 * Each goes out on an idle connection, or waits in loadgen for one, and
 * its latency counts from when it fell due: a server that stalls is
 * charged for every request that came due meanwhile, not only for the
 * few that were in flight (no coordinated omission). Open enough
 * connections (-c) for the longest stall, and nothing waits in loadgen.
 * A timer set for the next request's time (the event base has a precise
 * timer: timerfd, not epoll's milliseconds) sends what is due.
 *
 * SIGUSR1 and SIGUSR2 mark a phase, e.g. an inbox release: the requests
 * due before SIGUSR1, between the two and after SIGUSR2 are also counted
 * apart.
 */
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

#include "loadgen.h"

const char *const phase_names[PHASE__COUNT] = { "before", "during",
    "after" };

/* Waiting in loadgen: no connection was idle when they fell due. */
static void
backlog_push(struct lg *lg, uint64_t due, int phase)
{
	struct due	*v;
	size_t		 cap, i, n = lg->nbacklog;

	if (n == lg->backlog_cap) {
		cap = lg->backlog_cap ? lg->backlog_cap * 2 : 256;
		if ((v = calloc(cap, sizeof(*v))) == NULL) {
			lg->unsent++;
			return;
		}
		for (i = 0; i < n; i++)
			v[i] = lg->backlog[(lg->backlog_head + i) %
			    lg->backlog_cap];
		free(lg->backlog);
		lg->backlog = v;
		lg->backlog_cap = cap;
		lg->backlog_head = 0;
	}
	lg->backlog[(lg->backlog_head + n) % lg->backlog_cap] =
	    (struct due){ due, phase };
	lg->nbacklog++;
	lg->backlogged++;
	if (lg->nbacklog > lg->backlog_max)
		lg->backlog_max = lg->nbacklog;
}

static int
backlog_pop(struct lg *lg, struct due *d)
{
	if (lg->nbacklog == 0)
		return 0;
	*d = lg->backlog[lg->backlog_head];
	lg->backlog_head = (lg->backlog_head + 1) % lg->backlog_cap;
	lg->nbacklog--;
	return 1;
}

static struct conn *
idle_conn(struct lg *lg)
{
	int	i, n = lg->nconns;

	for (i = 0; i < n; i++) {
		struct conn	*c = &lg->conns[(lg->next_idle + i) % n];

		if (!c->busy && c->connected && c->bev != NULL) {
			lg->next_idle = (lg->next_idle + i + 1) % n;
			return c;
		}
	}
	return NULL;
}

/* A connection is free: it takes the oldest request waiting, if any. */
void
rate_idle(struct conn *c)
{
	struct lg	*lg = c->lg;
	struct due	 d;

	if (lg->stopping || !backlog_pop(lg, &d))
		return;
	c->phase = d.phase;
	conn_send_at(c, d.t);
}

static void
tick_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct lg	*lg = arg;
	struct conn	*c;
	struct timeval	 tv;
	uint64_t	 now = now_ns(), due;

	(void)fd;
	(void)ev;
	if (lg->stopping)
		return;
	for (;;) {
		due = lg->t_start + (uint64_t)((double)lg->scheduled * 1e9 /
		    lg->rate);
		if (due > now) {
			tv.tv_sec = (time_t)((due - now) / 1000000000ULL);
			tv.tv_usec = (suseconds_t)((due - now) % 1000000000ULL /
			    1000);
			evtimer_add(lg->tick, &tv);
			break;
		}
		lg->scheduled++;
		if (lg->nbacklog > 0 || (c = idle_conn(lg)) == NULL) {
			backlog_push(lg, due, lg->phase);
			continue;
		}
		c->phase = lg->phase;
		conn_send_at(c, due);
	}
}

static void
phase_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct lg	*lg = arg;

	(void)ev;
	if (fd == SIGUSR1 && lg->phase == PHASE_BEFORE) {
		lg->phase = PHASE_DURING;
		lg->t_phase[0] = now_ns();
	} else if (fd == SIGUSR2 && lg->phase == PHASE_DURING) {
		lg->phase = PHASE_AFTER;
		lg->t_phase[1] = now_ns();
	}
}

/* Starts the clock: the first request is due now. */
int
rate_start(struct lg *lg)
{
	struct event	*usr1, *usr2;
	int		 i;

	for (i = 0; i < PHASE__COUNT; i++)
		hist_init(&lg->hp[i]);
	if ((lg->tick = evtimer_new(lg->base, tick_cb, lg)) == NULL ||
	    (usr1 = evsignal_new(lg->base, SIGUSR1, phase_cb,
	    lg)) == NULL || (usr2 = evsignal_new(lg->base, SIGUSR2,
	    phase_cb, lg)) == NULL)
		return -1;
	evsignal_add(usr1, NULL);
	evsignal_add(usr2, NULL);
	tick_cb(-1, 0, lg);
	return 0;
}

/* At the end: what fell due and never went out is an error. */
void
rate_stop(struct lg *lg)
{
	lg->unsent += lg->nbacklog;
	lg->errors += lg->nbacklog;
	lg->nbacklog = 0;
}
