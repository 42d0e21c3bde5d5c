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
 * ref-sqlite's copy of aerd's checkpointer (daemon/store-ckpt.c), so
 * that the reference empties the WAL exactly as aerd does: a thread on
 * a connection of its own, CKPT_DELAY_MS after a commit, copies the WAL
 * into the database (PASSIVE, writers go on meanwhile), then empties it
 * (TRUNCATE, tried up to CKPT_TRIES times CKPT_RETRY_MS apart, never
 * waiting for the writer); when that fails it tries again after
 * CKPT_BUSY_MS. The constants are aerd's; keep them in step.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ref-ckpt.h"

#define CKPT_DELAY_MS	100
#define CKPT_BUSY_MS	250
#define CKPT_RETRY_MS	2
#define CKPT_TRIES	5

struct ckpt {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	sqlite3		*db;
	int		 dirty, stop;
	unsigned long	 emptied, failed;
};

static void
ckpt_wait(struct ckpt *c, long ms)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	while (!c->stop && pthread_cond_timedwait(&c->cv, &c->mu, &ts) !=
	    ETIMEDOUT)
		;
}

static int
ckpt_once(struct ckpt *c)
{
	struct timespec	nap = { 0, CKPT_RETRY_MS * 1000000L };
	int		i, rc, log, done;

	if (sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    &log, &done) != SQLITE_OK || done < log)
		return -1;
	for (i = 0; i < CKPT_TRIES; i++) {
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		nanosleep(&nap, NULL);
	}
	return -1;
}

static void *
ckpt_main(void *arg)
{
	struct ckpt	*c = arg;
	long		 delay = CKPT_DELAY_MS;

	pthread_mutex_lock(&c->mu);
	while (!c->stop) {
		if (!c->dirty) {
			pthread_cond_wait(&c->cv, &c->mu);
			continue;
		}
		ckpt_wait(c, delay);
		if (c->stop)
			break;
		c->dirty = 0;
		pthread_mutex_unlock(&c->mu);
		delay = ckpt_once(c) == 0 ? CKPT_DELAY_MS : CKPT_BUSY_MS;
		pthread_mutex_lock(&c->mu);
		if (delay != CKPT_DELAY_MS) {
			c->dirty = 1;
			c->failed++;
		} else
			c->emptied++;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct ckpt *
ckpt_start(const char *path)
{
	struct ckpt	*c;
	sqlite3_stmt	*s;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		fprintf(stderr, "checkpointer: %s\n", sqlite3_errmsg(c->db));
		exit(1);
	}
	/* As aerd's: read something, or it does not know the WAL is on. */
	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_schema",
	    -1, &s, NULL) == SQLITE_OK) {
		sqlite3_step(s);
		sqlite3_finalize(s);
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
		fprintf(stderr, "checkpointer: cannot start\n");
		exit(1);
	}
	return c;
}

void
ckpt_kick(struct ckpt *c)
{
	pthread_mutex_lock(&c->mu);
	if (!c->dirty) {
		c->dirty = 1;
		pthread_cond_signal(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
}

void
ckpt_stop(struct ckpt *c, unsigned long *emptied, unsigned long *failed)
{
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	*emptied = c->emptied;
	*failed = c->failed;
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	sqlite3_close(c->db);
	free(c);
}
