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
 * The checkpointer. The WAL holds each commit's pages in commit order,
 * which would tell the order in which reports were filed (DESIGN.md,
 * anonymity): it must be folded into the database and emptied soon. But
 * not by the event loop, between a COMMIT and its 201s: a checkpoint
 * writes every page again and syncs the database, and a TRUNCATE one
 * waits for readers on an old snapshot (a backup's). So a thread of its
 * own, on a connection of its own, does it: CKPT_DELAY_MS after a commit
 * it copies the WAL into the database (PASSIVE: writers go on meanwhile),
 * then empties it (TRUNCATE, which needs a moment without a writer: it
 * never waits for one, it tries again up to CKPT_TRIES times).
 *
 * The bound: when nothing holds an old snapshot, the WAL is emptied
 * within about CKPT_DELAY_MS (100 ms) plus the checkpoint's own time of
 * a commit, and under a steady stream of commits at least that often. A
 * reader holding an old snapshot (a backup, for as long as it runs; an
 * export, for one batch: store-export.c) keeps the frames after it from
 * being folded in, and the WAL from being emptied; the checkpointer tries
 * again every CKPT_BUSY_MS until the reader has gone.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aerd.h"
#include "store-int.h"

#define CKPT_DELAY_MS	100
#define CKPT_BUSY_MS	250
#define CKPT_RETRY_MS	2
#define CKPT_TRIES	5

struct checkpointer {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	sqlite3		*db;
	int		 dirty;		/* commits not yet folded in */
	int		 stop;
};

static void
deadline_in(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* Waits ms, or until told to stop; with c->mu held. */
static void
ckpt_wait(struct checkpointer *c, long ms)
{
	struct timespec	ts;

	deadline_in(&ts, ms);
	while (!c->stop && pthread_cond_timedwait(&c->cv, &c->mu, &ts) !=
	    ETIMEDOUT)
		;
}

/*
 * Folds the WAL in and empties it: 0, or -1 when something held it.
 * PASSIVE first: it copies and syncs without the write lock. TRUNCATE
 * takes the write lock, so it is tried only once everything is copied
 * (it then holds the lock a moment, to empty the file), and never while
 * a reader keeps frames from being copied: a TRUNCATE that has to wait
 * for readers would hold the writer up for nothing.
 */
static int
ckpt_once(struct checkpointer *c)
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
	struct checkpointer	*c = arg;
	long			 delay = CKPT_DELAY_MS;

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
		if (delay != CKPT_DELAY_MS)
			c->dirty = 1;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* Starts the checkpointer on the database at path. */
static int
ckpt_start(struct store *st, const char *path)
{
	struct checkpointer	*c;
	sigset_t		 all, old;
	char			 err[256];
	int			 rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return STORE_ERROR;
	if (store_db_open(path, STORE_DB_CKPT, &c->db, err,
	    sizeof(err)) == STORE_ERROR) {
		log_warnx("checkpointer: %s", err);
		free(c);
		return STORE_ERROR;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	/* Signals are the event loop's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, ckpt_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_warnx("checkpointer: cannot start: %s", strerror(rc));
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		sqlite3_close(c->db);
		free(c);
		return STORE_ERROR;
	}
	st->ckpt = c;
	return STORE_OK;
}

/* A commit is in the WAL: fold it in soon. */
void
store_ckpt_kick(struct store *st)
{
	struct checkpointer	*c = st->ckpt;

	if (c == NULL && !st->ckpt_failed && st->path != NULL &&
	    ckpt_start(st, st->path) == STORE_ERROR)
		st->ckpt_failed = 1;
	if ((c = st->ckpt) == NULL) {
		/* No thread: fold it in now, never waiting for a reader. */
		sqlite3_busy_timeout(st->db, 0);
		sqlite3_wal_checkpoint_v2(st->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
		return;
	}
	pthread_mutex_lock(&c->mu);
	if (!c->dirty) {
		c->dirty = 1;
		pthread_cond_signal(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
}

/* Stops the thread; closing the store then folds in what is left. */
void
store_ckpt_stop(struct store *st)
{
	struct checkpointer	*c = st->ckpt;

	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	sqlite3_close(c->db);
	free(c);
	st->ckpt = NULL;
}
