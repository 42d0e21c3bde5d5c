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
 * The check after an unclean stop, in the background: aerd serves at
 * once (SQLite has already recovered the write-ahead log as it opened
 * the file), while a thread of its own, on a read-only connection of its
 * own, runs PRAGMA quick_check over the whole file (minutes on a
 * database of millions of reports). When it is done the thread writes a
 * byte to a pipe, which the event loop watches (integrity.c), as a
 * backup's thread does (store-backup.c). A stop meanwhile cancels it at
 * once, through SQLite's progress handler.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aerd.h"
#include "store-int.h"

struct checker {
	sqlite3		*db;		/* the thread's own connection */
	pthread_t	 thread;
	int		 started;
	int		 pipe[2];	/* the thread writes a byte when done */
	int		 ok;
	atomic_int	 cancel;
	char		*path;
	char		*hold;		/* test build only: wait for this file */
	char		 err[512];
};

/* Checked every thousand steps of SQLite's VM: stop when told to. */
static int
cancelled(void *arg)
{
	struct checker	*c = arg;

	return atomic_load(&c->cancel);
}

/* Test build only: the check waits until the file named exists, so a
 * test can see aerd serve while it has not finished. */
static int
held(struct checker *c)
{
	struct timespec	nap = { 0, 10 * 1000000L };

	while (c->hold != NULL && access(c->hold, F_OK) == -1)
		if (atomic_load(&c->cancel) || nanosleep(&nap, NULL) == -1)
			return atomic_load(&c->cancel);
	return 0;
}

static void *
check(void *arg)
{
	struct checker	*c = arg;
	char		 done = 1;

	if (!held(c))
		c->ok = store_db_check(c->db, c->path, 0, c->err,
		    sizeof(c->err)) == 0;
	while (write(c->pipe[1], &done, 1) == -1 && errno == EINTR)
		;
	return NULL;
}

/* Starts the check of the database at path; NULL and err if it cannot. */
struct checker *
store_check_start(const char *path, const char *hold, char *err,
    size_t errlen)
{
	struct checker	*c;
	sigset_t	 all, old;
	int		 rc;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->pipe[0] = c->pipe[1] = -1;
	if ((c->path = strdup(path)) == NULL ||
	    (hold != NULL && (c->hold = strdup(hold)) == NULL)) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (pipe2(c->pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto fail;
	}
	if (store_db_open(path, STORE_DB_COPY, &c->db, err, errlen) ==
	    STORE_ERROR)
		goto fail;
	sqlite3_progress_handler(c->db, 1000, cancelled, c);
	/* Signals are the event loop's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, check, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errlen, "cannot start a thread: %s",
		    strerror(rc));
		goto fail;
	}
	c->started = 1;
	return c;
fail:
	store_check_free(c);
	return NULL;
}

/* Readable once the check is done. */
int
store_check_fd(struct checker *c)
{
	return c->pipe[0];
}

/* Once store_check_fd is readable: STORE_OK if the database is sound,
 * else STORE_ERROR with err saying what is wrong. */
int
store_check_finish(struct checker *c, char *err, size_t errlen)
{
	if (c->started) {
		pthread_join(c->thread, NULL);
		c->started = 0;
	}
	if (c->ok)
		return STORE_OK;
	snprintf(err, errlen, "%s", c->err[0] ? c->err : "not checked");
	return STORE_ERROR;
}

/* Stops a check still running (at once), and frees it. */
void
store_check_free(struct checker *c)
{
	if (c == NULL)
		return;
	if (c->started) {
		atomic_store(&c->cancel, 1);
		pthread_join(c->thread, NULL);
	}
	if (c->db != NULL)
		sqlite3_close(c->db);
	if (c->pipe[0] != -1)
		close(c->pipe[0]);
	if (c->pipe[1] != -1)
		close(c->pipe[1]);
	free(c->hold);
	free(c->path);
	free(c);
}

/* A database that failed: the writer refuses every write from now on
 * (the loop answers 503 besides; this stops the timers' writes too). */
int
store_refuse_writes(struct store *st)
{
	return sqlite3_exec(st->db, "PRAGMA query_only = ON", NULL, NULL,
	    NULL) == SQLITE_OK ? STORE_OK : STORE_ERROR;
}
