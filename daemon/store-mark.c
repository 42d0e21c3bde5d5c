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
 * The clean-stop mark: a small file beside the database, written as the
 * last thing aerd does when it stops cleanly and removed (durably) at
 * start before anything is served. A start that finds it, naming the
 * database file as it was left (device, inode, size, modification time)
 * and no write-ahead log beside it, knows the file was closed whole and
 * untouched since, and skips the integrity check that reads all of it;
 * any other start (a crash, kill -9, a power cut, a file copied in or
 * changed meanwhile, a mark that cannot be read) checks first. The mark
 * holds nothing but those numbers.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"

#define MARK_SUFFIX	"-clean"
#define MARK_LEN	128

static int
mark_path(const char *db, const char *suffix, char *out, size_t len)
{
	return (size_t)snprintf(out, len, "%s%s", db, suffix) < len ? 0 : -1;
}

/* What names the database file as it is now; -1 if it is not there. */
static int
identity(const char *db, char *out, size_t len)
{
	struct stat	sb;

	if (stat(db, &sb) == -1 || !S_ISREG(sb.st_mode))
		return -1;
	snprintf(out, len, "aerd-clean-stop 1 %llu %llu %lld %lld.%09ld\n",
	    (unsigned long long)sb.st_dev, (unsigned long long)sb.st_ino,
	    (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
	    sb.st_mtim.tv_nsec);
	return 0;
}

/* The directory's entry made durable (a mark written or removed). */
static void
sync_dir(const char *path)
{
	char	*copy;
	int	 fd;

	if ((copy = strdup(path)) == NULL)
		return;
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* Whether a write-ahead log with something in it lies beside db. */
static int
wal_left(const char *db)
{
	struct stat	sb;
	char		wal[4096];

	return mark_path(db, "-wal", wal, sizeof(wal)) == -1 ||
	    (stat(wal, &sb) == 0 && sb.st_size > 0);
}

/*
 * At start: 1 if aerd stopped cleanly last time and the database is as
 * it left it, else 0. Either way the mark is gone, and durably so,
 * before this returns: a stop from here on is unclean until
 * store_mark_put says otherwise.
 */
int
store_mark_take(const char *db)
{
	char	path[4096], want[MARK_LEN], have[MARK_LEN];
	ssize_t	n;
	int	fd, clean = 0;

	if (mark_path(db, MARK_SUFFIX, path, sizeof(path)) == -1)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno != ENOENT)
			log_warn("cannot read %s", path);
		return 0;
	}
	n = read(fd, have, sizeof(have) - 1);
	close(fd);
	if (n > 0) {
		have[n] = '\0';
		clean = identity(db, want, sizeof(want)) == 0 &&
		    strcmp(want, have) == 0 && !wal_left(db);
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		/* A mark that stays would vouch for a later crash. */
		log_warn("cannot remove %s", path);
		return 0;
	}
	sync_dir(path);
	return clean;
}

/* At a clean stop, once the database is closed: the mark, durably. */
void
store_mark_put(const char *db)
{
	char	path[4096], tmp[4100], text[MARK_LEN];
	size_t	len;
	int	fd, ok;

	if (identity(db, text, sizeof(text)) == -1 || wal_left(db) ||
	    mark_path(db, MARK_SUFFIX, path, sizeof(path)) == -1 ||
	    mark_path(path, ".tmp", tmp, sizeof(tmp)) == -1)
		return;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1) {
		log_warn("cannot write %s", tmp);
		return;
	}
	len = strlen(text);
	ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) == -1) {
		log_warn("cannot write %s", path);
		unlink(tmp);
		return;
	}
	sync_dir(path);
}
