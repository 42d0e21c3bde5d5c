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
 * database of millions of reports): a job of store-job.c, whose pipe
 * the event loop watches (integrity.c). A stop meanwhile cancels it at
 * once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aerd.h"
#include "store-int.h"

struct checker {
	struct store_job job;
	int		 ok;
	char		*path;
	char		*hold;		/* test build only: wait for this file */
	char		 err[512];
};

/* Test build only: the check waits until the file named exists, so a
 * test can see aerd serve while it has not finished. */
static int
held(struct checker *c)
{
	struct timespec	nap = { 0, 10 * 1000000L };

	while (c->hold != NULL && access(c->hold, F_OK) == -1)
		if (store_job_cancelled(&c->job) ||
		    nanosleep(&nap, NULL) == -1)
			return store_job_cancelled(&c->job);
	return 0;
}

static void
check(struct store_job *j, void *arg)
{
	struct checker	*c = arg;

	if (!held(c))
		c->ok = store_db_check(j->db, c->path, 0, c->err,
		    sizeof(c->err)) == 0;
}

/* Starts the check of the database at path; NULL and err if it cannot. */
struct checker *
store_check_start(const char *path, const char *hold, char *err,
    size_t errlen)
{
	struct checker	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->path = strdup(path)) == NULL ||
	    (hold != NULL && (c->hold = strdup(hold)) == NULL)) {
		snprintf(err, errlen, "out of memory");
		if (c != NULL) {
			free(c->path);
			free(c);
		}
		return NULL;
	}
	if (store_job_start(&c->job, path, check, c, err, errlen) == -1) {
		store_check_free(c);
		return NULL;
	}
	return c;
}

/* Readable once the check is done. */
int
store_check_fd(struct checker *c)
{
	return c->job.pipe[0];
}

/* Once store_check_fd is readable: STORE_OK if the database is sound,
 * else STORE_ERROR with err saying what is wrong. */
int
store_check_finish(struct checker *c, char *err, size_t errlen)
{
	store_job_join(&c->job);
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
	store_job_stop(&c->job);
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
