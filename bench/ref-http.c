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
 * ref-http: the HTTP limit. An evhttp server with aerd's limits that
 * answers every POST with a fixed 201 and a body shaped like aerd's
 * reply to a filed report (any other method gets 200), and does nothing
 * else: no JSON parsing, no identity, no storage. loadgen against it
 * measures what libevent's HTTP costs on this machine. With
 * --tls-listen it also serves HTTPS, through libevent's OpenSSL
 * bufferevents as aerd's tls_listen does, with the certificate and key
 * given (TLS 1.2 and later; no tickets, as aerd).
 *
 *	ref-http [--socket PATH] [--listen 127.0.0.1:PORT]
 *	    [--tls-listen 127.0.0.1:PORT --cert FILE --key FILE]
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include <openssl/ssl.h>

static const char created[] =
    "{\"id\":\"3f2b8c1e-9a4d-4e7b-8c21-5d6f7a8b9c0d\",\"receipt\":"
    "\"7KQM-2HXD-9TPV-4WNA-6RJC\",\"status\":\"new\",\"received\":"
    "\"2026-11-23\"}\n";
static const char ok[] = "{\"status\":\"ok\"}\n";

static void
answer(struct evhttp_request *req, void *arg)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);
	struct evbuffer		*buf = evhttp_request_get_output_buffer(req);
	int			 post, one = 1;

	(void)arg;
	/* As aerd does (daemon/conn.c): no Nagle on TCP, so that a reply in
	 * two writes (two TLS records) is not held for a delayed ACK. */
	setsockopt(bufferevent_getfd(evhttp_connection_get_bufferevent(
	    evhttp_request_get_connection(req))), IPPROTO_TCP, TCP_NODELAY,
	    &one, sizeof(one));
	post = evhttp_request_get_command(req) == EVHTTP_REQ_POST;
	evbuffer_add_reference(buf, post ? created : ok, post ?
	    sizeof(created) - 1 : sizeof(ok) - 1, NULL, NULL);
	evhttp_add_header(h, "Content-Type", "application/json; charset=utf-8");
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_send_reply(req, post ? 201 : 200, NULL, NULL);
}

static int
unix_listener(const char *path)
{
	struct sockaddr_un	sun;
	mode_t			old;
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		return -1;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return -1;
	unlink(path);
	old = umask(0111);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(fd, 1024) == -1) {
		umask(old);
		close(fd);
		return -1;
	}
	umask(old);
	return fd;
}

/* Each HTTPS connection: a server-side TLS bufferevent. */
static struct bufferevent *
tls_bev(struct event_base *base, void *arg)
{
	SSL	*ssl;

	if ((ssl = SSL_new(arg)) == NULL)
		return NULL;
	return bufferevent_openssl_socket_new(base, -1, ssl,
	    BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
}


static SSL_CTX *
tls_server(const char *cert, const char *key)
{
	SSL_CTX	*ctx;

	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL ||
	    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_num_tickets(ctx, 0) != 1 ||
	    SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
		fprintf(stderr, "ref-http: cannot use %s and %s\n", cert, key);
		exit(1);
	}
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION |
	    SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
	return ctx;
}

/* An evhttp with aerd's limits (include/aer/limits.h, daemon/server.c). */
static struct evhttp *
http_new(struct event_base *base)
{
	struct evhttp	*http;

	if ((http = evhttp_new(base)) == NULL)
		exit(1);
	evhttp_set_max_headers_size(http, 8 * 1024);
	evhttp_set_max_body_size(http, 64 * 1024);
	evhttp_set_timeout(http, 30);
	evhttp_set_gencb(http, answer, NULL);
	return http;
}

/* Binds a loopback HOST:PORT; returns -1 if it is not one. */
static int
bind_loopback(struct evhttp *http, const char *addr)
{
	char	host[64], *colon;

	snprintf(host, sizeof(host), "%s", addr);
	if ((colon = strrchr(host, ':')) == NULL)
		return -1;
	*colon = '\0';
	if (strcmp(host, "127.0.0.1") != 0 && strcmp(host, "[::1]") != 0) {
		fprintf(stderr, "ref-http: loopback only\n");
		exit(2);
	}
	if (evhttp_bind_socket(http, host[0] == '[' ? "::1" : host,
	    (unsigned short)atoi(colon + 1)) == -1) {
		perror(addr);
		exit(1);
	}
	return 0;
}

static void
stop_cb(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	event_base_loopexit(arg, NULL);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "listen", required_argument, NULL, 'l' },
		{ "tls-listen", required_argument, NULL, 't' },
		{ "cert", required_argument, NULL, 'c' },
		{ "key", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct event_base	*base;
	struct evhttp		*http, *https = NULL;
	struct event		*term, *intr;
	const char		*socket_path = NULL, *listen_addr = NULL;
	const char		*tls_addr = NULL, *cert = NULL, *key = NULL;
	SSL_CTX			*ctx = NULL;
	int			 ch, fd;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 's')
			socket_path = optarg;
		else if (ch == 'l')
			listen_addr = optarg;
		else if (ch == 't')
			tls_addr = optarg;
		else if (ch == 'c')
			cert = optarg;
		else if (ch == 'k')
			key = optarg;
		else
			goto usage;
	}
	if (optind != argc || (socket_path == NULL && listen_addr == NULL &&
	    tls_addr == NULL) || (tls_addr != NULL && (cert == NULL ||
	    key == NULL)))
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	if ((base = event_base_new()) == NULL)
		return 1;
	http = http_new(base);
	if (tls_addr != NULL) {
		ctx = tls_server(cert, key);
		https = http_new(base);
		evhttp_set_bevcb(https, tls_bev, ctx);
		if (bind_loopback(https, tls_addr) == -1)
			goto usage;
	}
	if (socket_path != NULL) {
		if ((fd = unix_listener(socket_path)) == -1 ||
		    evhttp_accept_socket(http, fd) == -1) {
			perror(socket_path);
			return 1;
		}
	}
	if (listen_addr != NULL && bind_loopback(http, listen_addr) == -1)
		goto usage;
	term = evsignal_new(base, SIGTERM, stop_cb, base);
	intr = evsignal_new(base, SIGINT, stop_cb, base);
	evsignal_add(term, NULL);
	evsignal_add(intr, NULL);
	event_base_dispatch(base);
	if (socket_path != NULL)
		unlink(socket_path);
	event_free(term);
	event_free(intr);
	evhttp_free(http);
	if (https != NULL)
		evhttp_free(https);
	SSL_CTX_free(ctx);
	event_base_free(base);
	return 0;

usage:
	fprintf(stderr, "usage: ref-http [--socket PATH] "
	    "[--listen 127.0.0.1:PORT]\n"
	    "    [--tls-listen 127.0.0.1:PORT --cert FILE --key FILE]\n");
	return 2;
}
