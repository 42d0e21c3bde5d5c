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
 * loadgen: files reports with aerd (POST /v1/reports) over N concurrent
 * keep-alive connections, on a Unix socket or loopback TCP, for a time
 * or a number of requests; optionally mixes in follow-ups (GET
 * /v1/followup with a receipt from an earlier 201) and queue reads (GET
 * /v1/queue, which needs a reviewer: root over the socket, or --token on
 * TCP). Each connection sends one pre-built request at a time (a closed
 * loop) and reads back the status line, Content-Length and body; or,
 * with -r, requests fall due at a steady rate whatever the replies do (an
 * open loop, lg-rate.c), each timed from when it fell due.
 *
 * It prints the throughput and the latency percentiles of each kind of
 * request from a log-linear histogram, and counts every non-2xx reply,
 * every dropped connection and every request left unanswered as an
 * error: the exit status is 1 when there was any.
 *
 *	loadgen (--socket PATH | --url http://127.0.0.1:PORT) [-c N]
 *	    [-d SECONDS | -n REQUESTS | -r RATE -d SECONDS] [-w SECONDS]
 *	    [--mix file=90,followup=5,queue=5] [--token TOKEN] [--kv]
 *
 * SIGTERM or SIGINT ends a run early: no more requests are sent, those in
 * flight are waited for, and the report is printed.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include <openssl/ssl.h>

#include "hist.h"
#include "loadgen.h"

static struct lg	lg;

uint64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static __attribute__((noreturn)) void
usage(void)
{
	fprintf(stderr,
"usage: loadgen (--socket PATH | --url http[s]://127.0.0.1:PORT) [-c N]\n"
"               [-d SECONDS | -n REQUESTS | -r RATE -d SECONDS] [-w SECONDS]\n"
"               [--mix file=90,followup=5,queue=5] [--token TOKEN] [--kv]\n"
"               [--cacert FILE]\n");
	exit(2);
}

static void
parse_mix(const char *s)
{
	char	*copy, *tok, *save, *eq;
	int	 i, total = 0;

	memset(lg.mix, 0, sizeof(lg.mix));
	if ((copy = strdup(s)) == NULL)
		exit(2);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((eq = strchr(tok, '=')) == NULL)
			usage();
		*eq++ = '\0';
		for (i = 0; i < KIND__COUNT; i++)
			if (strcmp(tok, kind_names[i]) == 0)
				break;
		if (i == KIND__COUNT) {
			fprintf(stderr, "loadgen: unknown kind %s in --mix\n",
			    tok);
			exit(2);
		}
		lg.mix[i] = atoi(eq);
		total += lg.mix[i];
	}
	free(copy);
	if (total != 100) {
		fprintf(stderr, "loadgen: --mix must add up to 100, not %d\n",
		    total);
		exit(2);
	}
}

/* https://: TLS 1.2 or later; the server is verified if --cacert names
 * its CA (given before or after --url). */
static SSL_CTX *
tls_client(void)
{
	SSL_CTX	*ctx;

	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL ||
	    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
		fprintf(stderr, "loadgen: cannot set up TLS\n");
		exit(2);
	}
	return ctx;
}

/* Only loopback: nothing here ever leaves the machine. */
static void
parse_url(const char *url)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)&lg.addr;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&lg.addr;
	char			 host[64];
	const char		*p, *colon;
	int			 port;

	if (strncmp(url, "https://", 8) == 0) {
		lg.tls = tls_client();
		p = url + 8;
	} else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		usage();
	if (*p == '[') {
		if ((colon = strstr(p, "]:")) == NULL)
			usage();
		snprintf(host, sizeof(host), "%.*s", (int)(colon - p - 1),
		    p + 1);
		colon++;
	} else {
		if ((colon = strchr(p, ':')) == NULL)
			usage();
		snprintf(host, sizeof(host), "%.*s", (int)(colon - p), p);
	}
	port = atoi(colon + 1);
	if (port <= 0 || port > 65535)
		usage();
	memset(&lg.addr, 0, sizeof(lg.addr));
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1 &&
	    (ntohl(sin->sin_addr.s_addr) >> 24) == 127) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		lg.addrlen = sizeof(*sin);
	} else if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1 &&
	    IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr)) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		lg.addrlen = sizeof(*sin6);
	} else {
		fprintf(stderr, "loadgen: %s is not a loopback address\n",
		    host);
		exit(2);
	}
	lg.tcp = 1;
	snprintf(lg.target, sizeof(lg.target), "%s", url);
}

static void
parse_socket(const char *path)
{
	struct sockaddr_un	*sun = (struct sockaddr_un *)&lg.addr;

	if (strlen(path) >= sizeof(sun->sun_path)) {
		fprintf(stderr, "loadgen: socket path too long\n");
		exit(2);
	}
	memset(&lg.addr, 0, sizeof(lg.addr));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, path, strlen(path) + 1);
	lg.addrlen = sizeof(*sun);
	snprintf(lg.target, sizeof(lg.target), "unix:%s", path);
}

static void
parse_options(int argc, char **argv)
{
	enum { OPT_SOCKET = 256, OPT_URL, OPT_MIX, OPT_TOKEN, OPT_KV,
	    OPT_CACERT };
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, OPT_SOCKET },
		{ "url", required_argument, NULL, OPT_URL },
		{ "mix", required_argument, NULL, OPT_MIX },
		{ "token", required_argument, NULL, OPT_TOKEN },
		{ "kv", no_argument, NULL, OPT_KV },
		{ "cacert", required_argument, NULL, OPT_CACERT },
		{ NULL, 0, NULL, 0 }
	};
	const char	*cacert = NULL;
	int		 ch, target = 0;

	lg.nconns = 1;
	lg.duration = 10.0;
	lg.mix[KIND_FILE] = 100;
	while ((ch = getopt_long(argc, argv, "c:d:n:r:w:", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			lg.nconns = atoi(optarg);
			if (lg.nconns < 1 || lg.nconns > 4096)
				usage();
			break;
		case 'd':
			lg.duration = atof(optarg);
			lg.limit = 0;
			break;
		case 'n':
			lg.limit = strtoull(optarg, NULL, 10);
			break;
		case 'r':
			if ((lg.rate = atof(optarg)) <= 0)
				usage();
			break;
		case 'w':
			lg.warmup = atof(optarg);
			break;
		case OPT_SOCKET:
			parse_socket(optarg);
			target++;
			break;
		case OPT_URL:
			parse_url(optarg);
			target++;
			break;
		case OPT_MIX:
			parse_mix(optarg);
			break;
		case OPT_TOKEN:
			lg.token = optarg;
			break;
		case OPT_KV:
			lg.kv = 1;
			break;
		case OPT_CACERT:
			cacert = optarg;
			break;
		default:
			usage();
		}
	}
	if (target != 1 || optind != argc || lg.duration <= 0 ||
	    (lg.rate > 0 && lg.limit) || (cacert != NULL && lg.tls == NULL))
		usage();
	if (cacert != NULL) {
		if (SSL_CTX_load_verify_locations(lg.tls, cacert, NULL) != 1) {
			fprintf(stderr, "loadgen: cannot read %s\n", cacert);
			exit(2);
		}
		SSL_CTX_set_verify(lg.tls, SSL_VERIFY_PEER, NULL);
	}
}

static void
stop_cb(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	(void)arg;
	lg_stop(&lg);
}

static void
warm_cb(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	(void)arg;
	lg_start_recording(&lg);
}

int
main(int argc, char **argv)
{
	struct event_config	*cfg;
	struct event		*stop, *warm, *term, *intr;
	struct timeval		 tv;
	struct timespec		 ms = { 0, 1000000 };
	int			 i, tries;

	parse_options(argc, argv);
	signal(SIGPIPE, SIG_IGN);
	/* An open loop's requests go out on time: timerfd, not epoll's
	 * milliseconds. */
	if ((cfg = event_config_new()) == NULL || (lg.rate > 0 &&
	    event_config_set_flag(cfg, EVENT_BASE_FLAG_PRECISE_TIMER) == -1) ||
	    (lg.base = event_base_new_with_config(cfg)) == NULL)
		return 2;
	event_config_free(cfg);
	if (requests_init(&lg) == -1)
		return 2;
	if ((lg.conns = calloc((size_t)lg.nconns, sizeof(*lg.conns))) == NULL)
		return 2;
	for (i = 0; i < KIND__COUNT; i++)
		hist_init(&lg.h[i]);
	for (i = 0; i < lg.nconns; i++) {
		lg.conns[i].lg = &lg;
		for (tries = 0; conn_open(&lg.conns[i]) == -1; tries++) {
			/* A Unix socket's backlog is full: the server has
			 * yet to accept those before. */
			if (errno == EAGAIN && tries < 5000) {
				event_base_loop(lg.base, EVLOOP_NONBLOCK);
				nanosleep(&ms, NULL);
				continue;
			}
			fprintf(stderr, "loadgen: cannot connect to %s: %s\n",
			    lg.target, strerror(errno));
			return 2;
		}
	}
	/* Every connection is open (conn_event starts the clock) before a
	 * request goes out. */
	event_base_dispatch(lg.base);
	if (lg.connected < lg.nconns) {
		fprintf(stderr, "loadgen: only %d of %d connections to %s "
		    "opened\n", lg.connected, lg.nconns, lg.target);
		return 2;
	}
	lg.t_start = now_ns();
	lg.recording = lg.warmup <= 0;
	lg.t_record = lg.t_start;
	if (lg.warmup > 0) {
		tv.tv_sec = (time_t)lg.warmup;
		tv.tv_usec = (suseconds_t)((lg.warmup - (double)tv.tv_sec) *
		    1e6);
		warm = evtimer_new(lg.base, warm_cb, NULL);
		evtimer_add(warm, &tv);
	}
	/* SIGTERM or SIGINT ends the run early, with its report. */
	term = evsignal_new(lg.base, SIGTERM, stop_cb, NULL);
	intr = evsignal_new(lg.base, SIGINT, stop_cb, NULL);
	evsignal_add(term, NULL);
	evsignal_add(intr, NULL);
	if (lg.limit == 0) {
		tv.tv_sec = (time_t)(lg.duration + lg.warmup);
		tv.tv_usec = (suseconds_t)((lg.duration + lg.warmup -
		    (double)tv.tv_sec) * 1e6);
		stop = evtimer_new(lg.base, stop_cb, NULL);
		evtimer_add(stop, &tv);
	}
	if (lg.rate > 0) {
		if (rate_start(&lg) == -1)
			return 2;
	} else
		for (i = 0; i < lg.nconns; i++)
			conn_send(&lg.conns[i]);
	event_base_dispatch(lg.base);
	if (lg.rate > 0)
		rate_stop(&lg);
	lg.t_end = lg.t_last ? lg.t_last : now_ns();
	report(&lg);
	return lg.errors > 0 ? 1 : 0;
}
