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
 * The systemd side of aerd, when built with libsystemd: readiness,
 * reload and stop notifications, watchdog pings, and sockets handed
 * over by aerd.socket. Without libsystemd each is a no-op and aerd makes
 * its own socket.
 */
#include "config.h"

#include <event2/event.h>

#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "aerd.h"

static struct event	*watchdog;

/* Sockets passed by the service manager (LISTEN_FDS); how many. */
int
service_listen_fds(int fds[], int max)
{
#ifdef HAVE_LIBSYSTEMD
	int	n, i;

	if ((n = sd_listen_fds(1)) <= 0)
		return 0;
	/* The accept loop runs until EAGAIN: a socket passed in blocking
	 * mode would hang it at the first connection. */
	for (i = 0; i < n && i < max; i++) {
		fds[i] = SD_LISTEN_FDS_START + i;
		if (evutil_make_socket_nonblocking(fds[i]) == -1 ||
		    evutil_make_socket_closeonexec(fds[i]) == -1)
			return -1;
	}
	return i;
#else
	return 0;
#endif
}

void
service_notify(const char *state)
{
#ifdef HAVE_LIBSYSTEMD
	sd_notify(0, state);
#endif
}

#ifdef HAVE_LIBSYSTEMD
static void
watchdog_cb(evutil_socket_t fd, short ev, void *arg)
{
	sd_notify(0, "WATCHDOG=1");
}
#endif

/* Pings the watchdog at half its interval, from the event loop: a loop
 * that stops turning stops the pings. */
int
service_watchdog(struct event_base *base)
{
#ifdef HAVE_LIBSYSTEMD
	struct timeval	tv;
	uint64_t	usec;

	if (sd_watchdog_enabled(1, &usec) <= 0)
		return 0;
	usec /= 2;
	tv.tv_sec = (time_t)(usec / 1000000);
	tv.tv_usec = (suseconds_t)(usec % 1000000);
	watchdog = event_new(base, -1, EV_PERSIST, watchdog_cb, NULL);
	if (watchdog == NULL || event_add(watchdog, &tv) == -1)
		return -1;
#endif
	return 0;
}

void
service_free(void)
{
	if (watchdog != NULL)
		event_free(watchdog);
	watchdog = NULL;
}
