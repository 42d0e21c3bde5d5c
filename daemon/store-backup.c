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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"
#include "store-int.h"

struct backup {
	struct store_job job;		/* the copy's thread (store-job.c) */
	int		 ok;
	char		*src;
	char		*path;
};

/* As the job's own: stop when the job is told to. */
static int
cancelled(void *arg)
{
	struct backup	*b = arg;

	return store_job_cancelled(&b->job);
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

static void
copy(struct store_job *j, void *arg)
{
	struct backup	*b = arg;
	sqlite3_stmt	*s = NULL;

	if (sqlite3_prepare_v2(j->db, "VACUUM INTO ?", -1, &s, NULL) ==
	    SQLITE_OK && sqlite3_bind_text(s, 1, b->path, -1,
	    SQLITE_STATIC) == SQLITE_OK && sqlite3_step(s) == SQLITE_DONE)
		b->ok = strip_inbox(b);
	sqlite3_finalize(s);
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
	b->job.pipe[0] = b->job.pipe[1] = -1;	/* not started yet */
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
	if (store_job_start(&b->job, b->src, copy, b, err, errlen) == -1)
		goto fail;
	return b;
fail:
	backup_free(b);
	return NULL;
}

/* Readable once the copy is made, or has failed. */
int
backup_fd(struct backup *b)
{
	return b->job.pipe[0];
}

/* The finished copy as a file open for reading, its name removed; -1. */
int
backup_finish(struct backup *b)
{
	int	fd = -1;

	store_job_join(&b->job);
	if (!b->ok)
		log_warnx("backup: %s", sqlite3_errmsg(b->job.db));
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
	store_job_stop(&b->job);
	if (b->path != NULL)
		unlink(b->path);
	free(b->path);
	free(b->src);
	free(b);
}
