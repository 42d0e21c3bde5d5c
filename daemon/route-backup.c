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
 * GET /v1/backup (admin): a consistent copy of the database, streamed.
 * The copy is made by a thread of its own (backup.c), so that a nurse
 * filing a report meanwhile is not kept waiting; then it is streamed
 * (stream.c), a chunk at a time. One at a time for each caller, and two
 * in all: each copy takes the database's size on its disk.
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

#include "aerd.h"

#define BACKUP_CHUNK	(64 * 1024)	/* bytes sent per chunk */

struct job {
	struct stream	*stream;
	struct backup	*backup;
	struct event	*done;
	int		 fd;
};

static const struct stream_kind backup_kind = {
	.name = "backup",
	.max = 2,	/* one a caller: no admin waits on another's */
	.priority = -1,
};

static void
job_free(void *arg)
{
	struct job	*j = arg;

	if (j->done != NULL)
		event_free(j->done);
	backup_free(j->backup);
	if (j->fd != -1)
		close(j->fd);
	free(j);
}

/* The next piece of the copy (stream.c). */
static int
next_chunk(void *arg, struct evbuffer *buf)
{
	struct job	*j = arg;
	int		 n;

	if ((n = evbuffer_read(buf, j->fd, BACKUP_CHUNK)) == -1)
		return -1;
	return n > 0;
}

static const struct stream_ops backup_ops = {
	.next = next_chunk,
	.free = job_free,
};

/* The copy is made: send it, or say it could not be. */
static void
done_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct job	*j = arg;

	if ((j->fd = backup_finish(j->backup)) == -1) {
		stream_fail(j->stream, AER_ERR_UNAVAILABLE, "the backup could "
		    "not be made; try again");
		return;
	}
	stream_start(j->stream, "application/vnd.sqlite3");
}

static void
backup_get(struct req *r)
{
	struct job	*j;
	char		 err[256];

	if (stream_refused(r, &backup_kind))
		return;
	if ((j = calloc(1, sizeof(*j))) == NULL) {
		case_failed(r, -1);
		return;
	}
	j->fd = -1;
	j->backup = backup_start(r->d->config->db_path, err, sizeof(err));
	if (j->backup != NULL)
		j->done = event_new(r->d->base, backup_fd(j->backup), EV_READ,
		    done_cb, j);
	if (j->done == NULL || (j->stream = stream_new(r, &backup_kind,
	    &backup_ops, j)) == NULL) {
		log_warnx("backup: %s", j->backup ? "out of memory" : err);
		job_free(j);
		reply_error(r, AER_ERR_UNAVAILABLE, NULL, "the backup "
		    "could not be started; try again");
		return;
	}
	event_add(j->done, NULL);
}

const struct route route_backup_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_BACKUP,
	.role = ROLE_ADMIN,
	.handle = backup_get,
};
