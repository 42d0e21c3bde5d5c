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
 * Online backup: VACUUM INTO, run by a thread of its own on its own
 * read-only connection, writes a consistent snapshot of the database
 * into a private file beside it while aerd goes on serving; a reader
 * in WAL mode neither waits for aerd's writes nor holds them up.
 *
 * VACUUM INTO rather than the page-copying backup API: it writes every
 * table and index afresh in key order, and the keys are random, so the
 * copy keeps nothing of the order in which reports were filed (a page
 * copy keeps where SQLite put each row as it came). The finished copy is
 * handed over as an open file, already unlinked, for the route to send.
 *
 * What waits in the inbox for the next release is taken out of the copy
 * (and the copy rebuilt, so that nothing of it remains in its free
 * pages): an admin who fetched backups one after another would otherwise
 * see each report arrive, which no one may before its release. A backup
 * holds what was released when it was made.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"
#include "store-int.h"

struct backup {
	sqlite3		*db;		/* the thread's own connection */
	pthread_t	 thread;
	int		 started;
	int		 pipe[2];	/* the thread writes a byte when done */
	int		 ok;
	atomic_int	 cancel;
	char		*src;
	char		*path;
};

/* Checked every thousand steps of SQLite's VM: stop when told to. */
static int
cancelled(void *arg)
{
	struct backup	*b = arg;

	return atomic_load(&b->cancel);
}

/* The copy without the inbox's waiting rows, rebuilt: 1, or 0. */
static int
strip_inbox(struct backup *b)
{
	sqlite3	*db = NULL;
	int	 ok;

	ok = sqlite3_open_v2(b->path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_progress_handler(db, 1000, cancelled, b);
		ok = sqlite3_exec(db, "PRAGMA secure_delete = ON; "
		    "DELETE FROM inbox_reports; DELETE FROM inbox_replies; "
		    "VACUUM", NULL, NULL, NULL) == SQLITE_OK;
	}
	sqlite3_close(db);
	return ok;
}

static void *
copy(void *arg)
{
	struct backup	*b = arg;
	sqlite3_stmt	*s = NULL;
	char		 done = 1;

	if (sqlite3_prepare_v2(b->db, "VACUUM INTO ?", -1, &s, NULL) ==
	    SQLITE_OK && sqlite3_bind_text(s, 1, b->path, -1,
	    SQLITE_STATIC) == SQLITE_OK && sqlite3_step(s) == SQLITE_DONE)
		b->ok = strip_inbox(b);
	sqlite3_finalize(s);
	while (write(b->pipe[1], &done, 1) == -1 && errno == EINTR)
		;
	return NULL;
}

struct backup *
backup_start(const char *db_path, char *err, size_t errlen)
{
	struct backup	*b;
	int		 fd;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	b->pipe[0] = b->pipe[1] = -1;
	if ((b->src = strdup(db_path)) == NULL ||
	    asprintf(&b->path, "%s.backup-XXXXXX", db_path) == -1) {
		b->path = NULL;
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	/* mkstemp makes it 0600, and VACUUM INTO fills an empty file. */
	if ((fd = mkstemp(b->path)) == -1) {
		snprintf(err, errlen, "cannot create %s: %s", b->path,
		    strerror(errno));
		free(b->path);
		b->path = NULL;
		goto fail;
	}
	close(fd);
	if (pipe2(b->pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto fail;
	}
	if (store_db_open(b->src, STORE_DB_COPY, &b->db, err, errlen) ==
	    STORE_ERROR)
		goto fail;
	sqlite3_progress_handler(b->db, 1000, cancelled, b);
	if ((errno = pthread_create(&b->thread, NULL, copy, b)) != 0) {
		snprintf(err, errlen, "cannot start a thread: %s",
		    strerror(errno));
		goto fail;
	}
	b->started = 1;
	return b;
fail:
	backup_free(b);
	return NULL;
}

/* Readable once the copy is made, or has failed. */
int
backup_fd(struct backup *b)
{
	return b->pipe[0];
}

/* The finished copy as a file open for reading, its name removed; -1. */
int
backup_finish(struct backup *b)
{
	int	fd = -1;

	pthread_join(b->thread, NULL);
	b->started = 0;
	if (!b->ok)
		log_warnx("backup: %s", sqlite3_errmsg(b->db));
	else if ((fd = open(b->path, O_RDONLY | O_CLOEXEC)) == -1)
		log_warn("backup: %s", b->path);
	unlink(b->path);
	return fd;
}

/* Stops a copy still being made, and removes what there is of it. */
void
backup_free(struct backup *b)
{
	if (b == NULL)
		return;
	if (b->started) {
		atomic_store(&b->cancel, 1);
		pthread_join(b->thread, NULL);
	}
	if (b->db != NULL)
		sqlite3_close(b->db);
	if (b->pipe[0] != -1)
		close(b->pipe[0]);
	if (b->pipe[1] != -1)
		close(b->pipe[1]);
	if (b->path != NULL)
		unlink(b->path);
	free(b->path);
	free(b->src);
	free(b);
}
