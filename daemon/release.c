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
 * When the inbox is released: at the local times of day in
 * release_times, and at start for any release missed while aerd was
 * stopped. A timer waits for the next release; SIGHUP (a changed
 * release_times, or a clock moved) looks again. The release itself is
 * the store's (store-release.c), one transaction on the event loop.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

#include "aerd.h"

struct releaser {
	struct aerd	*d;
	struct event	*timer;
	time_t		 next;		/* the release the timer waits for */
	time_t		 from;		/* the time next was found from */
};

#define RETRY_SECS	60	/* after a release that failed */
#define STALE_SECS	(26 * 3600)	/* past any release an item could
					 * have been given, whatever the
					 * schedule and the clock change */

/*
 * Releases what waits for a release at or before cutoff, and what waits
 * for one further off than any release could be (a clock that was
 * wrong when it was written). The answers' audit entries carry the
 * release's day: a reporter's entry has no time of day, and this day
 * says when the answer reached the case, not when it was written. Logs
 * the same whatever went, and how long it took only with -v (it grows
 * with what was released, which is no one's business at the default
 * level). Returns 0, or -1 if the release failed (nothing went).
 */
static int
release(struct releaser *rl, time_t cutoff)
{
	struct timespec	t0, t1;
	time_t		now = rl->d->now();
	char		at[DAY_LEN], err[256];
	size_t		n;

	day_of(cutoff, at);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_release(rl->d->store, (long long)cutoff,
	    (long long)(now > cutoff ? now : cutoff) + STALE_SECS, at, &n,
	    err, sizeof(err)) != STORE_OK) {
		log_warnx("%s; trying again in %d seconds", err, RETRY_SECS);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_debug("release of %s done in %.3f s", at,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}

static void
arm(struct releaser *rl, time_t now)
{
	struct timeval	tv = { 0, 0 };

	rl->from = now;
	rl->next = release_next(now, rl->d->config->release_times,
	    rl->d->config->nrelease_times);
	if (rl->next == -1) {
		log_warnx("no next release can be found; the inbox waits "
		    "for a restart");
		return;
	}
	tv.tv_sec = rl->next > now ? rl->next - now : 1;
	evtimer_add(rl->timer, &tv);
}

static void
fire(evutil_socket_t fd, short ev, void *arg)
{
	struct releaser	*rl = arg;
	struct timeval	 retry = { RETRY_SECS, 0 };
	time_t		 now = rl->d->now(), due = rl->next;

	if (release(rl, due) == -1) {
		evtimer_add(rl->timer, &retry);	/* the same release again */
		return;
	}
	arm(rl, now > due ? now : due);
}

/* Releases what a missed release left, then waits for the next one. */
struct releaser *
release_new(struct aerd *d)
{
	struct releaser	*rl;

	if ((rl = calloc(1, sizeof(*rl))) == NULL)
		return NULL;
	rl->d = d;
	if ((rl->timer = evtimer_new(d->base, fire, rl)) == NULL) {
		free(rl);
		return NULL;
	}
	release_check(rl);
	return rl;
}

/* Now, or after a reload: whatever is due goes, and the timer is set. */
void
release_check(struct releaser *rl)
{
	struct timeval	retry = { RETRY_SECS, 0 };
	time_t		now = rl->d->now();

	evtimer_del(rl->timer);
	if (release(rl, now) == -1) {
		rl->next = rl->from = now;
		evtimer_add(rl->timer, &retry);
		return;
	}
	arm(rl, now);
}

/* The release an item written now waits for; -1 if none can be found. */
time_t
release_upcoming(const struct releaser *rl)
{
	time_t	now = rl->d->now();

	/* Filing asks for every report: the timer's answer serves while
	 * now lies between the time it was found from and it. */
	if (now >= rl->from && now < rl->next)
		return rl->next;
	return release_next(now, rl->d->config->release_times,
	    rl->d->config->nrelease_times);
}

void
release_free(struct releaser *rl)
{
	if (rl == NULL)
		return;
	event_free(rl->timer);
	free(rl);
}
