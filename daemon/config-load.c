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
 * aerd.conf read whole from its file, at most CONFIG_MAX_SIZE bytes of
 * text, and parsed (config.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"

#define CONFIG_MAX_SIZE	(64 * 1024)

int
config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	char	*buf;
	ssize_t	 n;
	size_t	 len = 0;
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if ((buf = malloc(CONFIG_MAX_SIZE + 1)) == NULL) {
		close(fd);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	while ((n = read(fd, buf + len, CONFIG_MAX_SIZE + 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n == -1)
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
	else if (len > CONFIG_MAX_SIZE)
		snprintf(err, errlen, "%s is larger than %d bytes", path,
		    CONFIG_MAX_SIZE);
	if (n == -1 || len > CONFIG_MAX_SIZE) {
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	if (memchr(buf, '\0', len) != NULL) {
		snprintf(err, errlen, "%s is not a text file", path);
		free(buf);
		return -1;
	}
	rc = config_parse(c, buf, path, err, errlen);
	free(buf);
	return rc;
}
