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
 * Listening sockets: the Unix socket every local user reports through,
 * optional plain TCP listeners on loopback, and optional TLS listeners
 * on any address.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"

#define BACKLOG	128

/*
 * Refuses to take over a socket a live daemon listens on: connect first,
 * and unlink only a socket nobody answers on. Never unlinks anything that
 * is not a socket.
 */
static int
clear_stale(const char *path, const struct sockaddr_un *sun, char *err,
    size_t errlen)
{
	struct stat	sb;
	int		fd, rc;

	if (lstat(path, &sb) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISSOCK(sb.st_mode)) {
		snprintf(err, errlen, "%s exists and is not a socket", path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	rc = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	close(fd);
	if (rc == 0) {
		snprintf(err, errlen, "another aerd is listening on %s", path);
		return -1;
	}
	if (unlink(path) == -1) {
		snprintf(err, errlen, "cannot remove stale socket %s: %s",
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

int
listen_unix(const char *path, mode_t mode, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	mode_t			old;
	int			fd, rc, saved;

	err[0] = '\0';
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path %s is longer than %zu bytes",
		    path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if (clear_stale(path, &sun, err, errlen) == -1) {
		if (err[0] == '\0')
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	/* The mode is set by the umask at bind, never by chmod after it. */
	old = umask(~mode & 0777);
	rc = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	saved = errno;
	umask(old);
	if (rc == -1 || listen(fd, BACKLOG) == -1) {
		snprintf(err, errlen, "cannot listen on %s: %s", path,
		    strerror(rc == -1 ? saved : errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
is_loopback(const struct addrinfo *ai)
{
	const struct sockaddr_in	*sin;
	const struct sockaddr_in6	*sin6;

	if (ai->ai_family == AF_INET) {
		sin = (const struct sockaddr_in *)ai->ai_addr;
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	}
	sin6 = (const struct sockaddr_in6 *)ai->ai_addr;
	return IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr);
}

/*
 * "127.0.0.1:8080" or "[::1]:8080" into an address: a numeric host (a
 * loopback one unless any is set) and a port from 1 to 65535, or -1
 * with err set.
 */
static int
listen_addr(const char *hostport, int any, struct addrinfo **out,
    char *err, size_t errlen)
{
	struct addrinfo	 hints, *ai;
	char		 host[128], *end;
	const char	*colon, *port;
	size_t		 len;
	long		 n;
	int		 rc;

	if ((colon = strrchr(hostport, ':')) == NULL || colon[1] == '\0') {
		snprintf(err, errlen, "listen address %s needs a port, as in "
		    "127.0.0.1:8080", hostport);
		return -1;
	}
	port = colon + 1;
	n = strtol(port, &end, 10);
	if (*end != '\0' || !isdigit((unsigned char)*port) || n < 1 ||
	    n > 65535) {
		snprintf(err, errlen, "listen address %s: the port must be a "
		    "number from 1 to 65535", hostport);
		return -1;
	}
	len = (size_t)(colon - hostport);
	if (len > 1 && hostport[0] == '[' && hostport[len - 1] == ']') {
		hostport++;
		len -= 2;
	}
	if (len == 0 || len >= sizeof(host)) {
		snprintf(err, errlen, "listen address %s has no host", hostport);
		return -1;
	}
	memcpy(host, hostport, len);
	host[len] = '\0';

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
		snprintf(err, errlen, "listen address %s: %s (a numeric "
		    "address such as 127.0.0.1 or [::1])", host,
		    gai_strerror(rc));
		return -1;
	}
	/*
	 * Receipts and tokens cross plain TCP in the clear: it listens on
	 * loopback only. The network is for tls_listen.
	 */
	if (!any && !is_loopback(ai)) {
		snprintf(err, errlen, "listen address %s is not a loopback "
		    "address; listen speaks plain HTTP, so use tls_listen "
		    "(or a TLS proxy) for the network", host);
		freeaddrinfo(ai);
		return -1;
	}
	*out = ai;
	return 0;
}

/* Whether hostport is an address aerd would listen on; for aerd -n. */
int
listen_check(const char *hostport, int any, char *err, size_t errlen)
{
	struct addrinfo	*ai;

	if (listen_addr(hostport, any, &ai, err, errlen) == -1)
		return -1;
	freeaddrinfo(ai);
	return 0;
}

/*
 * "127.0.0.1:8080" or "[::1]:8080". An IPv6 address takes IPv6 only, so
 * that "[::]:443" and "0.0.0.0:443" may both be given.
 */
int
listen_tcp(const char *hostport, int any, char *err, size_t errlen)
{
	struct addrinfo	*ai;
	int		 fd, one = 1;

	if (listen_addr(hostport, any, &ai, err, errlen) == -1)
		return -1;
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);
	if (fd == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == -1 ||
	    (ai->ai_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &one, sizeof(one)) == -1) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) == -1 ||
	    listen(fd, BACKLOG) == -1) {
		snprintf(err, errlen, "cannot listen on %s: %s", hostport,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}
