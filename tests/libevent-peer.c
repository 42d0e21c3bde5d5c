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
 * Does this libevent serve an HTTP client on a Unix socket that has
 * bound its own socket to a long path? Upstream libevent 2.1.12 copies
 * the peer's address into a slot sized for IPv6, and overflows it when
 * the path is 26 bytes or more; Debian's build is patched. configure
 * builds this with AddressSanitizer where it can and refuses a libevent
 * for which it fails. Exits 0 when the client got its reply.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

static void
reply(struct evhttp_request *req, void *arg)
{
	(void)arg;
	evhttp_send_reply(req, 200, "OK", NULL);
}

int
main(void)
{
	struct sockaddr_un	 srv, cli;
	struct event_base	*base;
	struct evhttp		*http;
	struct pollfd		 pfd;
	const char		 req[] = "GET / HTTP/1.0\r\n\r\n";
	char			 dir[] = "/tmp/aer-peer-XXXXXX", buf[64];
	int			 ls, cs, i;
	ssize_t			 n = 0;

	if (mkdtemp(dir) == NULL)
		return 2;
	memset(&srv, 0, sizeof(srv));
	memset(&cli, 0, sizeof(cli));
	srv.sun_family = cli.sun_family = AF_UNIX;
	snprintf(srv.sun_path, sizeof(srv.sun_path), "%s/s", dir);
	/* The client's own name: as long as sun_path takes. */
	snprintf(cli.sun_path, sizeof(cli.sun_path), "%s/", dir);
	memset(cli.sun_path + strlen(cli.sun_path), 'c',
	    sizeof(cli.sun_path) - strlen(cli.sun_path) - 1);
	if ((ls = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(ls, (struct sockaddr *)&srv, sizeof(srv)) == -1 ||
	    listen(ls, 4) == -1 || evutil_make_socket_nonblocking(ls) == -1)
		return 2;
	if ((cs = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(cs, (struct sockaddr *)&cli, sizeof(cli)) == -1 ||
	    connect(cs, (struct sockaddr *)&srv, sizeof(srv)) == -1 ||
	    write(cs, req, sizeof(req) - 1) != (ssize_t)(sizeof(req) - 1))
		return 2;
	if ((base = event_base_new()) == NULL ||
	    (http = evhttp_new(base)) == NULL ||
	    evhttp_accept_socket(http, ls) == -1)
		return 2;
	evhttp_set_gencb(http, reply, NULL);
	pfd.fd = cs;
	pfd.events = POLLIN;
	for (i = 0; i < 200 && n <= 0; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		if (poll(&pfd, 1, 10) == 1)
			n = read(cs, buf, sizeof(buf) - 1);
	}
	unlink(srv.sun_path);
	unlink(cli.sun_path);
	rmdir(dir);
	evhttp_free(http);
	event_base_free(base);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	return strncmp(buf, "HTTP/1.0 200", 12) == 0 ? 0 : 1;
}
