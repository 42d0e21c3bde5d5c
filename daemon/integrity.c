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
 * The database's check after an unclean stop, seen from the event loop.
 * aerd serves first; the check runs on a thread (store-check.c) and the
 * loop hears its verdict through a pipe. A sound database is logged as
 * such, and the next clean stop may leave its mark (store-mark.c). A
 * damaged one is refused: aerd stays up, writes nothing more, and
 * answers every request 503 until an administrator restores the file
 * and restarts it. Staying up rather than exiting is deliberate: an
 * exit would have systemd start aerd again (Restart=, or the next
 * connection to aerd.socket), and each new start would serve the
 * damaged file for as long as its own check took, over and over.
 */
#include "config.h"

#include <stdlib.h>

#include <event2/event.h>

#include "aerd.h"

struct integrity {
	struct aerd	*d;
	struct checker	*checker;
	struct event	*done;
	int		 passed;
};

static void
done_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct integrity	*in = arg;
	struct aerd		*d = in->d;
	char			 err[512];

	if (store_check_finish(in->checker, err, sizeof(err)) == STORE_OK) {
		in->passed = 1;
		log_info("database %s: integrity check passed (quick_check)",
		    d->config->db_path);
		return;
	}
	d->damaged = 1;
	if (store_refuse_writes(d->store) == STORE_ERROR)
		log_warnx("database %s: cannot stop writing to it",
		    d->config->db_path);
	log_warnx("integrity check failed: %s; aerd no longer serves it "
	    "and answers every request 503", err);
	service_notify("STATUS=The database failed its integrity check; "
	    "restore it (aerd(8))");
}

/* Starts the check of d's database, on a thread; NULL if it cannot. With
 * hold (the test build only), the check waits until that file exists. */
struct integrity *
integrity_start(struct aerd *d, const char *hold)
{
	struct integrity	*in;
	char			 err[512];

	if ((in = calloc(1, sizeof(*in))) == NULL)
		return NULL;
	in->d = d;
	if ((in->checker = store_check_start(d->config->db_path, hold, err,
	    sizeof(err))) == NULL) {
		log_warnx("database %s: cannot check it: %s",
		    d->config->db_path, err);
		free(in);
		return NULL;
	}
	if ((in->done = event_new(d->base, store_check_fd(in->checker),
	    EV_READ, done_cb, in)) == NULL || event_add(in->done,
	    NULL) == -1) {
		integrity_free(in);
		return NULL;
	}
	log_info("database %s: the last stop was not known to be clean; "
	    "checking it whole (quick_check) while serving",
	    d->config->db_path);
	return in;
}

/* Whether the check has passed: a clean stop may then leave its mark. */
int
integrity_passed(const struct integrity *in)
{
	return in != NULL && in->passed;
}

/* Stops a check still running, at once. */
void
integrity_free(struct integrity *in)
{
	if (in == NULL)
		return;
	if (in->done != NULL)
		event_free(in->done);
	store_check_free(in->checker);
	free(in);
}
