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
};

/*
 * Releases what waits for a release at or before cutoff. The answers'
 * audit entries carry the release's day: a reporter's entry has no time
 * of day, and this day says when the answer reached the case, not when
 * it was written. How long it took is logged with -v only: it grows
 * with what was released, which is no one's business at the default
 * level.
 */
static void
release(struct releaser *rl, time_t cutoff)
{
	struct timespec	t0, t1;
	char		at[DAY_LEN], err[256];
	size_t		n;

	day_of(cutoff, at);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_release(rl->d->store, (long long)cutoff, at, &n, err,
	    sizeof(err)) != STORE_OK)
		log_warnx("%s; they wait for the next release", err);
	else if (n > 0) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		log_debug("release of %s done in %.3f s", at,
		    (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
}

static void
arm(struct releaser *rl, time_t now)
{
	struct timeval	tv = { 0, 0 };

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
	time_t		 now = rl->d->now(), due = rl->next;

	release(rl, due);
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
	time_t	now = rl->d->now();

	evtimer_del(rl->timer);
	release(rl, now);
	arm(rl, now);
}

/* The release an item written now waits for; -1 if none can be found. */
time_t
release_upcoming(const struct releaser *rl)
{
	return release_next(rl->d->now(), rl->d->config->release_times,
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
