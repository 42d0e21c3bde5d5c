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
 * After filing, on a terminal: the offer to save the receipt to a file
 * the reporter names. The file is made new, readable by its owner alone
 * (0600), and never written over; it holds the receipt on one line, as
 * aer status --receipt-file reads it. Nothing else of the report goes
 * in it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

/* name, or ~/name under $HOME, in buf; -1 if it does not fit. */
static int
save_path(const char *name, char *buf, size_t len)
{
	const char	*home = getenv("HOME");
	int		 n;

	if (strncmp(name, "~/", 2) == 0 && home != NULL && *home != '\0')
		n = snprintf(buf, len, "%s/%s", home, name + 2);
	else
		n = snprintf(buf, len, "%s", name);
	return (n < 0 || (size_t)n >= len ? -1 : 0);
}

/* Write the receipt to a new file; 0, or -1 having said why. */
static int
save_write(const char *path, const char *receipt)
{
	size_t	len = strlen(receipt);
	int	fd, bad;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		if (errno == EEXIST)
			fprintf(stderr, "%s already exists, and aer does not "
			    "write over a file; give another name.\n", path);
		else
			fprintf(stderr, "aer cannot create %s: %s.\n", path,
			    strerror(errno));
		return (-1);
	}
	bad = write(fd, receipt, len) != (ssize_t)len ||
	    write(fd, "\n", 1) != 1 || fsync(fd) == -1;
	if (close(fd) == -1)
		bad = 1;
	if (bad) {
		fprintf(stderr, "aer could not write %s: %s.\n", path,
		    strerror(errno));
		(void)unlink(path);
		return (-1);
	}
	return (0);
}

/*
 * Offer to save the receipt, when a person is at the terminal to answer
 * (and stdout is theirs too, not a pipe that a script reads).
 */
void
receipt_offer_save(const char *receipt)
{
	char	 path[PATH_MAX], *name;
	int	 rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
	    !isatty(STDERR_FILENO))
		return;
	text_on_cancel("The report was filed; its receipt is shown above.\n");
	for (;;) {
		rc = prompt_line("\nSave the receipt to a file only you can "
		    "read? Type a file name,\nor press Enter to skip: ",
		    PATH_MAX - 1, &name);
		if (rc != PROMPT_OK)
			break;
		if (save_path(name, path, sizeof(path)) == -1) {
			fputs("That name is too long.\n", stderr);
			free(name);
			continue;
		}
		free(name);
		if (save_write(path, receipt) == 0) {
			fputs("Saved to ", stderr);
			aer_print_text(stderr, path);
			fputs(", readable only by you. To follow the report:\n"
			    "    aer status --receipt-file ", stderr);
			aer_print_text(stderr, path);
			fputs("\n", stderr);
			break;
		}
	}
	text_on_cancel(NULL);
}
