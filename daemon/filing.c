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
 * Group commit for filing. A report's insert joins the transaction of
 * the reports filed in the same turn of the event loop; a commit event
 * of the lowest priority runs once every request of that turn has been
 * read, commits them together, and only then are their 201s sent. A
 * lone report is committed in the turn it arrived; under load, the
 * requests that come in while one commit is on its way to the disk make
 * up the next, so durable throughput grows with concurrency. The 201s go
 * as soon as COMMIT returns: the WAL is folded into the database later,
 * off the loop (store-ckpt.c, the checkpointer).
 *
 * libevent runs only the highest priority that has events ready, so a
 * stream of I/O from many clients, some ready every turn, could keep the
 * commit from ever running. A timer of the I/O's own priority, set when
 * a batch opens, commits it within COMMIT_LATE_US whatever else is busy.
 */
#include "config.h"

#include <stdlib.h>

#include <event2/event.h>
#include <event2/http.h>

#include "aerd.h"

#define COMMIT_PRIORITY	2	/* after every I/O callback (1) */
#define LATE_PRIORITY	1	/* the I/O's own */
#define COMMIT_LATE_US	2000

struct pending {
	struct req		 r;	/* its conn held while it waits */
	json_t			*reply;
};

struct filer {
	struct aerd	*d;
	struct event	*commit;
	struct event	*late;		/* the commit, should it starve */
	struct pending	*v;
	size_t		 n, cap;
};

static void
commit(struct filer *f)
{
	char	err[256];
	size_t	i;
	int	rc;

	if (f->commit != NULL)
		event_del(f->commit);
	if (f->late != NULL)
		event_del(f->late);
	if (f->n == 0)
		return;
	rc = store_file_commit(f->d->store, err, sizeof(err));
	if (rc == -1)
		log_warnx("%s", err);
	for (i = 0; i < f->n; i++) {
		/* Its deadline counts again from now, not from its dispatch
		 * (conn.c): the wait was aerd's, not the client's. */
		conn_release(f->v[i].r.conn);
		if (rc == 0)
			reply_json(&f->v[i].r, 201, f->v[i].reply);
		else {
			json_decref(f->v[i].reply);
			reply_error(&f->v[i].r, AER_ERR_UNAVAILABLE, NULL,
			    "aerd could not store the report; nothing was "
			    "saved, try again");
		}
	}
	f->n = 0;
}

static void
commit_cb(evutil_socket_t fd, short ev, void *arg)
{
	commit(arg);
}

/* Another write needs the store: commit what is pending first. */
static void
flush_cb(void *arg)
{
	commit(arg);
}

struct filer *
filing_new(struct aerd *d)
{
	struct filer	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->d = d;
	if ((f->commit = event_new(d->base, -1, 0, commit_cb, f)) == NULL ||
	    event_priority_set(f->commit, COMMIT_PRIORITY) == -1 ||
	    (f->late = evtimer_new(d->base, commit_cb, f)) == NULL ||
	    event_priority_set(f->late, LATE_PRIORITY) == -1) {
		filing_free(f);
		return NULL;
	}
	store_set_flush(d->store, flush_cb, f);
	return f;
}

void
filing_free(struct filer *f)
{
	if (f == NULL)
		return;
	commit(f);
	store_set_flush(f->d->store, NULL, NULL);
	if (f->commit != NULL)
		event_free(f->commit);
	if (f->late != NULL)
		event_free(f->late);
	free(f->v);
	free(f);
}

/*
 * Files a report in this turn's batch; its reply (stolen) is sent once
 * the batch is committed. On failure it has replied and returns -1.
 */
int
filing_add(struct filer *f, struct req *r, const struct filing *fi,
    const struct report_in *in, json_t *reply)
{
	struct pending	*v;
	struct timeval	 late = { 0, COMMIT_LATE_US };
	char		 err[256];
	size_t		 cap;

	if (f->n == f->cap) {
		cap = f->cap ? f->cap * 2 : 64;
		if ((v = reallocarray(f->v, cap, sizeof(*v))) == NULL)
			goto fail;
		f->v = v;
		f->cap = cap;
	}
	if (store_file(f->d->store, fi, in, err, sizeof(err)) == -1) {
		log_warnx("%s", err);
		goto fail;
	}
	f->v[f->n].r = *r;
	conn_hold(r->conn);
	if (f->n == 0)
		evtimer_add(f->late, &late);
	f->v[f->n++].reply = reply;
	event_active(f->commit, EV_TIMEOUT, 0);
	return 0;

fail:
	json_decref(reply);
	reply_error(r, AER_ERR_UNAVAILABLE, NULL, "aerd could not store "
	    "the report; nothing was saved, try again");
	return -1;
}
