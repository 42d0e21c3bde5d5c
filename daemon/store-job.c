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
 * A job on the whole database that must not hold up the event loop (a
 * backup's copy, the check after an unclean stop): a thread of its own
 * on a read-only connection of its own, which writes a byte to a pipe
 * when it is done, for the loop to watch. Stopping it cancels it at
 * once, through SQLite's progress handler, and waits for the thread.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"
#include "store-int.h"

/* Checked every thousand steps of SQLite's VM: stop when told to. */
static int
progress(void *arg)
{
	return store_job_cancelled(arg);
}

static void *
job_main(void *arg)
{
	struct store_job	*j = arg;
	char			 done = 1;

	j->run(j, j->arg);
	while (write(j->pipe[1], &done, 1) == -1 && errno == EINTR)
		;
	return NULL;
}

/*
 * Runs run(j, arg) on a thread, with j->db open read-only on path.
 * Returns 0, or -1 with err set (then store_job_stop still frees what
 * was made).
 */
int
store_job_start(struct store_job *j, const char *path,
    void (*run)(struct store_job *, void *), void *arg, char *err,
    size_t errlen)
{
	sigset_t	all, old;
	int		rc;

	memset(j, 0, sizeof(*j));
	j->pipe[0] = j->pipe[1] = -1;
	j->run = run;
	j->arg = arg;
	if (pipe2(j->pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	if (store_db_open(path, STORE_DB_COPY, &j->db, err, errlen) ==
	    STORE_ERROR)
		return -1;
	sqlite3_progress_handler(j->db, 1000, progress, j);
	/* Signals are the event loop's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&j->thread, NULL, job_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errlen, "cannot start a thread: %s",
		    strerror(rc));
		return -1;
	}
	j->started = 1;
	return 0;
}

/* Whether the job has been told to stop. */
int
store_job_cancelled(struct store_job *j)
{
	return atomic_load(&j->cancel);
}

/* Once j->pipe[0] is readable: waits for the thread to end. */
void
store_job_join(struct store_job *j)
{
	if (j->started) {
		pthread_join(j->thread, NULL);
		j->started = 0;
	}
}

/* Cancels the job if it still runs, waits for it, and closes it all. */
void
store_job_stop(struct store_job *j)
{
	if (j->started)
		atomic_store(&j->cancel, 1);
	store_job_join(j);
	if (j->db != NULL)
		sqlite3_close(j->db);
	j->db = NULL;
	if (j->pipe[0] != -1)
		close(j->pipe[0]);
	if (j->pipe[1] != -1)
		close(j->pipe[1]);
	j->pipe[0] = j->pipe[1] = -1;
}
