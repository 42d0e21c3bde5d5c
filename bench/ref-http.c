/*
 * ref-http: the HTTP limit. An evhttp server with aerd's limits that
 * answers every POST with a fixed 201 and a body shaped like aerd's
 * reply to a filed report (any other method gets 200), and does nothing
 * else: no JSON parsing, no identity, no storage. loadgen against it
 * measures what libevent's HTTP costs on this machine.
 *
 *	ref-http [--socket PATH] [--listen 127.0.0.1:PORT]
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

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
	int			 post;

	(void)arg;
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
		{ NULL, 0, NULL, 0 }
	};
	struct event_base	*base;
	struct evhttp		*http;
	struct event		*term, *intr;
	const char		*socket_path = NULL, *listen_addr = NULL;
	char			 host[64], *colon;
	int			 ch, fd;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 's')
			socket_path = optarg;
		else if (ch == 'l')
			listen_addr = optarg;
		else
			goto usage;
	}
	if (optind != argc || (socket_path == NULL && listen_addr == NULL))
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	if ((base = event_base_new()) == NULL ||
	    (http = evhttp_new(base)) == NULL)
		return 1;
	/* aerd's limits (include/aer/limits.h, daemon/server.c). */
	evhttp_set_max_headers_size(http, 8 * 1024);
	evhttp_set_max_body_size(http, 4 * 64 * 1024);
	evhttp_set_timeout(http, 30);
	evhttp_set_gencb(http, answer, NULL);
	if (socket_path != NULL) {
		if ((fd = unix_listener(socket_path)) == -1 ||
		    evhttp_accept_socket(http, fd) == -1) {
			perror(socket_path);
			return 1;
		}
	}
	if (listen_addr != NULL) {
		snprintf(host, sizeof(host), "%s", listen_addr);
		if ((colon = strrchr(host, ':')) == NULL)
			goto usage;
		*colon = '\0';
		if (strcmp(host, "127.0.0.1") != 0 && strcmp(host, "[::1]") != 0) {
			fprintf(stderr, "ref-http: loopback only\n");
			return 2;
		}
		if (evhttp_bind_socket(http, host[0] == '[' ? "::1" : host,
		    (unsigned short)atoi(colon + 1)) == -1) {
			perror(listen_addr);
			return 1;
		}
	}
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
	event_base_free(base);
	return 0;

usage:
	fprintf(stderr, "usage: ref-http [--socket PATH] "
	    "[--listen 127.0.0.1:PORT]\n");
	return 2;
}
