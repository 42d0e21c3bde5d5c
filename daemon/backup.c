/*
 * Online backup: SQLite's backup API copies the database a few pages at
 * a time into a private file beside it, while aerd goes on serving;
 * writes made meanwhile through aerd's own connection are carried into
 * the copy. The finished copy is handed over as an open file, already
 * unlinked, for the route to stream.
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
	sqlite3		*dest;
	sqlite3_backup	*job;
	char		*path;
};

struct backup *
backup_start(struct store *st, const char *db_path, char *err, size_t errlen)
{
	struct backup	*b;
	int		 fd;

	if ((b = calloc(1, sizeof(*b))) == NULL ||
	    asprintf(&b->path, "%s.backup-XXXXXX", db_path) == -1) {
		free(b);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/* mkstemp makes it 0600: a copy is as private as the original. */
	if ((fd = mkstemp(b->path)) == -1) {
		snprintf(err, errlen, "cannot create %s: %s", b->path,
		    strerror(errno));
		free(b->path);
		free(b);
		return NULL;
	}
	close(fd);
	if (sqlite3_open_v2(b->path, &b->dest, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK || (b->job = sqlite3_backup_init(b->dest, "main",
	    st->db, "main")) == NULL) {
		snprintf(err, errlen, "cannot start a backup: %s",
		    b->dest ? sqlite3_errmsg(b->dest) : "out of memory");
		backup_free(b);
		return NULL;
	}
	return b;
}

/* Copies up to pages pages: 1 while there is more, 0 when done, -1. */
int
backup_step(struct backup *b, int pages)
{
	switch (sqlite3_backup_step(b->job, pages)) {
	case SQLITE_OK:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		log_warnx("backup: %s", sqlite3_errmsg(b->dest));
		return -1;
	}
}

/* The finished copy as a file open for reading, its name removed. */
int
backup_finish(struct backup *b)
{
	int	fd;

	if (sqlite3_backup_finish(b->job) != SQLITE_OK) {
		b->job = NULL;
		log_warnx("backup: %s", sqlite3_errmsg(b->dest));
		return -1;
	}
	b->job = NULL;
	if (sqlite3_close(b->dest) != SQLITE_OK)
		return -1;
	b->dest = NULL;
	fd = open(b->path, O_RDONLY | O_CLOEXEC);
	unlink(b->path);
	return fd;
}

void
backup_free(struct backup *b)
{
	if (b == NULL)
		return;
	if (b->job != NULL)
		sqlite3_backup_finish(b->job);
	if (b->dest != NULL)
		sqlite3_close(b->dest);
	unlink(b->path);
	free(b->path);
	free(b);
}
