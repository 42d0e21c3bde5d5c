/*
 * GET /v1/backup (admin): a consistent copy of the database, streamed.
 * The copy is made by a thread of its own (backup.c), so that a nurse
 * filing a report meanwhile is not kept waiting; then it is sent in
 * chunks, each after the one before has gone. One at a time.
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
	struct req		 r;	/* a copy: the handler's is gone */
	struct evhttp_connection *evcon;
	struct backup		*backup;
	struct event		*done;
	int			 fd;
};

static struct job	*running;

static void
job_free(struct job *j)
{
	if (j->evcon != NULL)
		evhttp_connection_set_closecb(j->evcon, NULL, NULL);
	if (j->done != NULL)
		event_free(j->done);
	backup_free(j->backup);
	if (j->fd != -1)
		close(j->fd);
	free(j);
	running = NULL;
}

/* The client went away: evhttp frees the request; drop the rest. */
static void
closed_cb(struct evhttp_connection *evcon, void *arg)
{
	struct job	*j = arg;

	j->evcon = NULL;
	job_free(j);
}

static void
send_chunk(struct evhttp_connection *evcon, void *arg)
{
	struct job	*j = arg;
	struct evbuffer	*buf;
	int		 n;

	if ((buf = evbuffer_new()) == NULL ||
	    (n = evbuffer_read(buf, j->fd, BACKUP_CHUNK)) <= 0) {
		if (buf != NULL)
			evbuffer_free(buf);
		conns_touch(j->r.d->conns, evhttp_connection_get_bufferevent(
		    j->evcon));
		evhttp_connection_set_closecb(j->evcon, NULL, NULL);
		j->evcon = NULL;
		evhttp_send_reply_end(j->r.ev);
		job_free(j);
		return;
	}
	evhttp_send_reply_chunk_with_cb(j->r.ev, buf, send_chunk, j);
	evbuffer_free(buf);
}

static void
done_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct job		*j = arg;
	struct evkeyvalq	*h;

	if ((j->fd = backup_finish(j->backup)) == -1) {
		evhttp_connection_set_closecb(j->evcon, NULL, NULL);
		j->evcon = NULL;
		reply_error(&j->r, AER_ERR_UNAVAILABLE, NULL, "the backup "
		    "could not be made; try again");
		job_free(j);
		return;
	}
	h = evhttp_request_get_output_headers(j->r.ev);
	evhttp_add_header(h, "Content-Type", "application/vnd.sqlite3");
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_send_reply_start(j->r.ev, 200, "OK");
	send_chunk(j->evcon, j);
}

static void
backup_get(struct req *r)
{
	struct job	*j;
	char		 err[256];

	if (running != NULL) {
		reply_error(r, AER_ERR_BUSY, NULL, "a backup is already being "
		    "made; wait for it");
		return;
	}
	if ((j = calloc(1, sizeof(*j))) == NULL) {
		case_failed(r, -1);
		return;
	}
	j->r = *r;
	j->fd = -1;
	j->evcon = evhttp_request_get_connection(r->ev);
	j->backup = backup_start(r->d->config->db_path, err, sizeof(err));
	if (j->backup != NULL)
		j->done = event_new(r->d->base, backup_fd(j->backup), EV_READ,
		    done_cb, j);
	if (j->evcon == NULL || j->done == NULL || j->backup == NULL) {
		log_warnx("backup: %s", j->backup ? "out of memory" : err);
		j->evcon = NULL;
		job_free(j);
		reply_error(r, AER_ERR_UNAVAILABLE, NULL, "the backup "
		    "could not be started; try again");
		return;
	}
	running = j;
	evhttp_connection_set_closecb(j->evcon, closed_cb, j);
	conns_hold(j->r.d->conns, evhttp_connection_get_bufferevent(
	    j->evcon));
	event_add(j->done, NULL);
}

/* At shutdown: a backup still being made is abandoned. */
void
backup_abandon(void)
{
	if (running != NULL)
		job_free(running);
}

const struct route route_backup_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_BACKUP,
	.role = ROLE_ADMIN,
	.handle = backup_get,
};
