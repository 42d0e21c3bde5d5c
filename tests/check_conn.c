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
 * conn.c: a connection is counted from its accept to its close, whether
 * or not a request ever comes on it; it is found from its requests, with
 * the caller's credentials as the kernel gave them at the accept; the
 * cap pauses the listener and a close resumes it; a held connection
 * outlives its close until released.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <check.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/http.h>

#include "aerd.h"

#define MAX_CONNS	2

static struct event_base	*base;
static struct evhttp		*http;
static struct conns		*conns;
static char			 dir[64];
static struct sockaddr_un	 sun;

/* What the last request found. */
static struct {
	int			 requests;
	unsigned int		 count;
	struct peer		 peer;
	struct conn		*conn;
} seen;
static int	closes;

static void
handle(struct evhttp_request *req, void *arg)
{
	struct conn	*cn;

	seen.requests++;
	cn = conns_find(conns, evhttp_request_get_connection(req));
	seen.conn = cn;
	if (cn != NULL) {
		seen.count = conn_touch(cn);
		seen.peer = *conn_peer(cn);
	}
	evhttp_send_reply(req, 200, "OK", NULL);
}

static void
on_close(void *arg)
{
	closes++;
}

/* Turns of the loop until cond holds or a second has gone. */
#define SPIN_UNTIL(cond) do {						\
	int spin_;							\
	for (spin_ = 0; spin_ < 200 && !(cond); spin_++) {		\
		event_base_loop(base, EVLOOP_NONBLOCK);			\
		usleep(5000);						\
	}								\
} while (0)

static int
readable(int fd)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, 0) == 1;
}

static int
client(void)
{
	int	fd;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)),
	    0);
	return fd;
}

static void
get(int fd)
{
	static const char	req[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
	char			buf[512];
	int			before = seen.requests;

	ck_assert_int_eq(write(fd, req, sizeof(req) - 1), sizeof(req) - 1);
	SPIN_UNTIL(seen.requests > before);
	ck_assert_int_eq(seen.requests, before + 1);
	SPIN_UNTIL(readable(fd));
	ck_assert_int_gt(read(fd, buf, sizeof(buf)), 0);
}

static void
setup(void)
{
	struct evhttp_bound_socket	*bound;
	int				 fd;

	memset(&seen, 0, sizeof(seen));
	closes = 0;
	snprintf(dir, sizeof(dir), "%s", "/tmp/aer-conn-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/s", dir);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(listen(fd, 16), 0);
	ck_assert_ptr_nonnull(base = event_base_new());
	ck_assert_int_eq(event_base_priority_init(base, 3), 0);
	ck_assert_ptr_nonnull(http = evhttp_new(base));
	evhttp_set_gencb(http, handle, NULL);
	ck_assert_ptr_nonnull(conns = conns_new(base, http, MAX_CONNS));
	ck_assert_ptr_nonnull(bound = evhttp_accept_socket_with_handle(http,
	    fd));
	ck_assert_int_eq(conns_add_bound(conns, bound), 0);
}

static void
teardown(void)
{
	conns_clear_bound(conns);
	evhttp_free(http);
	conns_free(conns);
	event_base_free(base);
	unlink(sun.sun_path);
	rmdir(dir);
}

START_TEST(test_counted)
{
	int	a, b;

	a = client();
	b = client();
	SPIN_UNTIL(conns_live(conns) == 2);
	ck_assert_int_eq(conns_live(conns), 2);
	/* No request ever comes on either. */
	close(a);
	SPIN_UNTIL(conns_live(conns) == 1);
	ck_assert_int_eq(conns_live(conns), 1);
	close(b);
	SPIN_UNTIL(conns_live(conns) == 0);
	ck_assert_int_eq(conns_live(conns), 0);
}
END_TEST

START_TEST(test_found)
{
	int	a, b;

	a = client();
	get(a);
	ck_assert_ptr_nonnull(seen.conn);
	ck_assert_int_eq(seen.count, 1);
	ck_assert_int_eq(seen.peer.transport, TRANSPORT_UNIX);
	ck_assert_int_eq(seen.peer.local, 1);
	ck_assert_int_eq(seen.peer.uid, geteuid());
	ck_assert_int_eq(seen.peer.gid, getegid());
	get(a);
	ck_assert_int_eq(seen.count, 2);
	b = client();
	get(b);
	ck_assert_int_eq(seen.count, 1);
	close(a);
	close(b);
	SPIN_UNTIL(conns_live(conns) == 0);
	ck_assert_int_eq(conns_live(conns), 0);
}
END_TEST

START_TEST(test_cap)
{
	int	a, b, c;

	a = client();
	b = client();
	SPIN_UNTIL(conns_live(conns) == 2);
	c = client();		/* waits in the backlog */
	SPIN_UNTIL(0);
	ck_assert_int_eq(conns_live(conns), 2);
	close(a);		/* its place goes to c */
	get(c);
	ck_assert_int_eq(conns_live(conns), 2);
	close(b);
	close(c);
	SPIN_UNTIL(conns_live(conns) == 0);
	ck_assert_int_eq(conns_live(conns), 0);
}
END_TEST

START_TEST(test_held)
{
	struct conn	*cn;
	int		 a;

	a = client();
	get(a);
	cn = seen.conn;
	conn_hold(cn);
	conn_on_close(cn, on_close, NULL);
	close(a);
	SPIN_UNTIL(closes == 1);
	ck_assert_int_eq(closes, 1);
	ck_assert_int_eq(conns_live(conns), 0);
	/* Still there for its holder, who lets it go. */
	ck_assert_int_eq(conn_peer(cn)->uid, geteuid());
	conn_release(cn);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("conn");
	TCase	*tc = tcase_create("conn");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_counted);
	tcase_add_test(tc, test_found);
	tcase_add_test(tc, test_cap);
	tcase_add_test(tc, test_held);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
