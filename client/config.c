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
 * aer.conf: where aerd is, for a managed workstation on which "aer
 * report" should need no flags. The system's file (AER_CONF_SYSTEM, or
 * $AER_CONF) is read first, then the user's ($XDG_CONFIG_HOME, else
 * ~/.config, then aer/aer.conf), each key of the second replacing the
 * same key of the first. "key = value" lines; blank lines and lines
 * starting with '#' are ignored; an unknown key is an error naming the
 * file and the line, so a misspelt setting is never silently ignored.
 *
 * A token is never written here: the file may be readable by others,
 * and is shared by every user of the machine. token_file names a file
 * of its own, read as --token-file reads it (token.c).
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

#ifndef AER_CONF_SYSTEM
#define AER_CONF_SYSTEM	"/etc/aer/aer.conf"
#endif

#define CONF_PATH	0x1	/* a file: absolute, or ~/ for $HOME */

static const struct {
	const char	*name;
	int		 flags;
} conf_keys[CONF_NKEYS] = {
	[CONF_URL] = { "url", 0 },
	[CONF_SOCKET] = { "socket", CONF_PATH },
	[CONF_CACERT] = { "cacert", CONF_PATH },
	[CONF_TOKEN_FILE] = { "token_file", CONF_PATH },
	[CONF_PROXY] = { "proxy", 0 },
};

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
}

static void
conf_unset(struct conf *c, int key)
{
	free(c->value[key]);
	free(c->from[key]);
	c->value[key] = c->from[key] = NULL;
}

void
conf_free(struct conf *c)
{
	int	key;

	for (key = 0; key < CONF_NKEYS; key++)
		conf_unset(c, key);
}

static int __attribute__((format(printf, 5, 6)))
conf_fail(char *err, size_t errlen, const char *file, int line,
    const char *fmt, ...)
{
	char	msg[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%d: %s", file, line, msg);
	return (-1);
}

/* A path as written, or with a leading "~/" made $HOME's: 0 or -1. */
static int
conf_path(const char *value, char **path, const char *file, int line,
    const char *key, char *err, size_t errlen)
{
	const char	*home = getenv("HOME");
	size_t		 len;

	if (value[0] != '/' && (value[0] != '~' || value[1] != '/'))
		return (conf_fail(err, errlen, file, line, "%s must be a full "
		    "path, starting with / or ~/, not \"%s\"", key, value));
	if (value[0] == '/')
		*path = strdup(value);
	else if (home == NULL || home[0] != '/')
		return (conf_fail(err, errlen, file, line, "%s: ~ stands for "
		    "your home directory, and $HOME does not name one", key));
	else {
		len = strlen(home) + strlen(value);
		if ((*path = malloc(len)) != NULL)
			snprintf(*path, len, "%s%s", home, value + 1);
	}
	if (*path == NULL)
		return (conf_fail(err, errlen, file, line, "out of memory"));
	return (0);
}

static int
conf_set(struct conf *c, int key, const char *value, const char *file,
    int line, char *err, size_t errlen)
{
	char	*v = NULL, *from;
	size_t	 len;

	if (conf_keys[key].flags & CONF_PATH) {
		if (conf_path(value, &v, file, line, conf_keys[key].name,
		    err, errlen) == -1)
			return (-1);
	} else if ((v = strdup(value)) == NULL)
		return (conf_fail(err, errlen, file, line, "out of memory"));
	len = strlen(file) + 16;
	if ((from = malloc(len)) == NULL) {
		free(v);
		return (conf_fail(err, errlen, file, line, "out of memory"));
	}
	snprintf(from, len, "%s:%d", file, line);
	conf_unset(c, key);
	c->value[key] = v;
	c->from[key] = from;
	/* url and socket are one setting: where aerd is. */
	if (key == CONF_URL)
		conf_unset(c, CONF_SOCKET);
	else if (key == CONF_SOCKET)
		conf_unset(c, CONF_URL);
	return (0);
}

static char *
conf_trim(char *s)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return (s);
}

static int
conf_line(struct conf *c, char *line, int lineno, int seen[CONF_NKEYS],
    const char *file, char *err, size_t errlen)
{
	char	*eq, *key, *value;
	int	 i;

	line = conf_trim(line);
	if (*line == '\0' || *line == '#')
		return (0);
	if ((eq = strchr(line, '=')) == NULL)
		return (conf_fail(err, errlen, file, lineno, "expected \"key "
		    "= value\", found no '='"));
	*eq = '\0';
	key = conf_trim(line);
	value = conf_trim(eq + 1);
	if (strcmp(key, "token") == 0)
		return (conf_fail(err, errlen, file, lineno, "a token is "
		    "never written in aer.conf; put it alone in a file only "
		    "you can read and name that file with token_file"));
	for (i = 0; i < CONF_NKEYS; i++) {
		if (strcmp(conf_keys[i].name, key) == 0)
			break;
	}
	if (i == CONF_NKEYS)
		return (conf_fail(err, errlen, file, lineno, "unknown key "
		    "\"%s\"; the keys are url, socket, cacert, token_file "
		    "and proxy", key));
	if (*value == '\0')
		return (conf_fail(err, errlen, file, lineno, "%s has no "
		    "value", key));
	if (seen[i])
		return (conf_fail(err, errlen, file, lineno, "%s is set "
		    "twice (first on line %d)", key, seen[i]));
	if ((i == CONF_URL && seen[CONF_SOCKET]) ||
	    (i == CONF_SOCKET && seen[CONF_URL]))
		return (conf_fail(err, errlen, file, lineno, "url and socket "
		    "cannot both be set (the other on line %d)",
		    seen[i == CONF_URL ? CONF_SOCKET : CONF_URL]));
	seen[i] = lineno;
	return (conf_set(c, i, value, file, lineno, err, errlen));
}

/*
 * Parse text into c, which holds what earlier files set: a key set here
 * replaces it. Returns 0, or -1 with err naming the file and the line.
 */
int
conf_parse(struct conf *c, const char *text, const char *file, char *err,
    size_t errlen)
{
	int	 seen[CONF_NKEYS] = { 0 }, lineno = 0, rc = 0;
	char	*copy, *line, *next;

	if ((copy = strdup(text)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", file);
		return (-1);
	}
	for (line = copy; line != NULL && rc == 0; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		rc = conf_line(c, line, ++lineno, seen, file, err, errlen);
	}
	free(copy);
	return (rc);
}

/*
 * Read the file at path into c, over what is there. A file that does not
 * exist, or that this user cannot reach, is no error; one that another user could change is, since it
 * says where reports and tokens go. Returns 0 or -1 with err set.
 */
int
conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	struct stat	 sb;
	char		*buf;
	ssize_t		 n = 0;
	size_t		 len = 0;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		/*
		 * Absent, or behind a directory this user cannot search (a
		 * HOME of another user's, as under su): not this user's file.
		 */
		if (errno == ENOENT || errno == ENOTDIR || (errno == EACCES &&
		    stat(path, &sb) == -1))
			return (0);
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	if (fstat(fd, &sb) == -1) {
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		close(fd);
		return (-1);
	}
	if (!S_ISREG(sb.st_mode) || (sb.st_uid != 0 &&
	    sb.st_uid != getuid()) || (sb.st_mode & S_IWOTH)) {
		snprintf(err, errlen, "%s %s; aer takes where to send reports "
		    "only from a file that only you or root can change", path,
		    !S_ISREG(sb.st_mode) ? "is not a file" : sb.st_mode &
		    S_IWOTH ? "can be changed by anyone" : "belongs to "
		    "another user");
		close(fd);
		return (-1);
	}
	if ((buf = malloc(CONF_MAX_SIZE + 1)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		close(fd);
		return (-1);
	}
	while (len <= CONF_MAX_SIZE &&
	    (n = read(fd, buf + len, CONF_MAX_SIZE + 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n == -1)
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
	else if (len > CONF_MAX_SIZE)
		snprintf(err, errlen, "%s is larger than %d bytes", path,
		    CONF_MAX_SIZE);
	else if (memchr(buf, '\0', len) != NULL)
		snprintf(err, errlen, "%s is not a text file", path);
	else {
		buf[len] = '\0';
		rc = conf_parse(c, buf, path, err, errlen);
	}
	free(buf);
	return (rc);
}

/* The system's file: $AER_CONF, for tests and trials, else the installed. */
const char *
conf_system_path(void)
{
	const char	*path = getenv(AER_ENV_CONF);

	return (path != NULL && *path != '\0' ? path : AER_CONF_SYSTEM);
}

/*
 * The user's file: $XDG_CONFIG_HOME/aer/aer.conf when that is a full
 * path, else ~/.config/aer/aer.conf. -1 when there is no home to look in.
 */
int
conf_user_path(char *buf, size_t len)
{
	const char	*dir = getenv("XDG_CONFIG_HOME"), *home;
	int		 n;

	if (dir != NULL && dir[0] == '/')
		n = snprintf(buf, len, "%s/aer/aer.conf", dir);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.config/aer/aer.conf", home);
	else
		return (-1);
	return (n < 0 || (size_t)n >= len ? -1 : 0);
}
