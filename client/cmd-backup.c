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
 * aer backup FILE: a consistent copy of aerd's database, made by SQLite's
 * online backup while aerd keeps serving, written to FILE (mode 0600) by
 * way of a temporary file renamed into place only once it is whole.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static int	cmd_backup_exec(struct aer_ctx *, struct args *);

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "FILE",
	.summary = "copy aerd's database while it runs (admins)",
	.help =
	    "Write a consistent copy of aerd's database to FILE, made while "
	    "aerd keeps\nserving. FILE is created with mode 0600 and "
	    "replaced only once the copy is\nwhole. To restore, see aerd(8).\n",
	.exec = cmd_backup_exec
};

/* The first 16 bytes of every SQLite database. */
static int
is_sqlite(const char *path)
{
	static const char	 magic[16] = "SQLite format 3";
	char			 head[16];
	FILE			*f;
	size_t			 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (0);
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return (n == sizeof(head) && memcmp(head, magic, sizeof(head)) == 0);
}

static int
cmd_backup_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*file;
	FILE		*out;
	char		*tmp;
	int		 fd, rc;

	if (args->argc != 1)
		return (args_usage(&cmd_backup_entry, "name one FILE"));
	file = args->argv[0];
	if (asprintf(&tmp, "%s.XXXXXX", file) == -1) {
		aer_warnx("out of memory");
		return (AER_EXIT_FAIL);
	}
	if ((fd = mkstemp(tmp)) == -1 || (out = fdopen(fd, "wb")) == NULL) {
		aer_warn("cannot create %s", tmp);
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return (AER_EXIT_FAIL);
	}
	rc = http_download(ctx, AER_PATH_BACKUP, out);
	if (fclose(out) != 0 && rc == AER_EXIT_OK) {
		aer_warn("cannot write %s", tmp);
		rc = AER_EXIT_FAIL;
	}
	if (rc == AER_EXIT_OK && !is_sqlite(tmp)) {
		aer_warnx("what aerd sent is not a database; nothing written");
		rc = AER_EXIT_FAIL;
	}
	if (rc == AER_EXIT_OK && rename(tmp, file) == -1) {
		aer_warn("cannot rename %s to %s", tmp, file);
		rc = AER_EXIT_FAIL;
	}
	if (rc != AER_EXIT_OK)
		unlink(tmp);
	else
		printf("Backup written to %s.\n", file);
	free(tmp);
	return (rc);
}
