/*
 * Connections: one struct conn for each one accepted, found from a
 * request in O(1) by its socket, filled once (its transport and, for a
 * local caller, the kernel's word for its uid and groups) and freed by
 * evhttp's close callback. A TLS listener's evhttp asks conn_bev_tls()
 * instead, which makes the bufferevent TLS (tls.c); the connection is
 * counted, capped and given its deadline as any other, from the accept,
 * so a handshake must also finish within the deadline.
 *
 * libevent 2.1's evhttp tells of a new connection only by asking
 * conn_bev() for its bufferevent, before the connection exists. It makes
 * the connection around that bufferevent in the same call and passes it
 * as the argument of the bufferevent's callbacks; an event of the highest
 * priority, run before any I/O of the next turn of the loop, takes it
 * from there, sets the close callback on it and reads the credentials.
 * At the cap, the listeners pause and the kernel's backlog holds
 * newcomers until a connection closes.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/random.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>

#include "aerd.h"

#define MAX_GROUPS	256	/* beyond that, the primary group counts */
#define ADOPT_PRIORITY	0	/* before any I/O (aerd.c: 3 priorities) */

struct conn {
	struct conns			*set;
	struct bufferevent		*bev;
	struct evhttp_connection	*evcon;		/* once adopted */
	int				 fd;
	int				 tls;		/* from a tls_listen */
	struct peer			 peer;
	time_t				 since;		/* accept or last request */
	unsigned int			 requests;
	int				 holds;		/* no deadline while > 0 */
	int				 open;
	int				 answered;	/* during a drain */
	void				(*on_close)(void *);
	void				*on_close_arg;
	TAILQ_ENTRY(conn)		 entry;
};
TAILQ_HEAD(connq, conn);

struct conns {
	struct evhttp			*http;
	struct tls			*tls;		/* or NULL */
	struct connq			 newborn;	/* accepted, not adopted */
	struct connq			 open;
	struct conn			**byfd;
	size_t				 nbyfd;
	int				 n;		/* newborn and open */
	int				 max;
	int				 deadline;	/* seconds for a request */
	struct evhttp_bound_socket	*bound[MAX_LISTENERS];
	int				 nbound;
	int				 paused;
	time_t				 warned;	/* last "waiting" log */
	struct event			*adopt;
	struct event			*sweeper;	/* the deadlines */
};

static void
set_paused(struct conns *c, int paused)
{
	struct evconnlistener	*l;
	int			 i;

	if (c->paused == paused)
		return;
	c->paused = paused;
	for (i = 0; i < c->nbound; i++) {
		l = evhttp_bound_socket_get_listener(c->bound[i]);
		if (paused)
			evconnlistener_disable(l);
		else
			evconnlistener_enable(l);
	}
	if (paused && time(NULL) - c->warned >= 60) {
		log_warnx("%d connections open; new ones wait (said at most "
		    "once a minute)", c->n);
		c->warned = time(NULL);
	}
}

static void
conn_free(struct conn *cn)
{
	free(cn->peer.groups);
	free(cn);
}

/*
 * A TLS caller's address as a number for the receipt rate limit and
 * nothing else: a hash salted afresh at each start, never the address.
 * An IPv6 caller counts by its /64, which one host can fill with
 * addresses of its own.
 */
static unsigned long long
addr_key(int fd)
{
	static unsigned char	 salt[16];
	static int		 salted;
	struct sockaddr_storage	 ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 len = sizeof(ss);
	const unsigned char	*a = NULL;
	unsigned long long	 h = 14695981039346656037ULL;	/* FNV-1a */
	size_t			 i, n = 0;

	if (!salted && getrandom(salt, sizeof(salt), 0) == sizeof(salt))
		salted = 1;
	memset(&ss, 0, sizeof(ss));
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) {
		if (ss.ss_family == AF_INET) {
			a = (const unsigned char *)
			    &((struct sockaddr_in *)&ss)->sin_addr;
			n = 4;
		} else if (ss.ss_family == AF_INET6 &&
		    IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
			a = sin6->sin6_addr.s6_addr + 12;
			n = 4;
		} else if (ss.ss_family == AF_INET6) {
			a = sin6->sin6_addr.s6_addr;
			n = 8;
		}
	}
	for (i = 0; i < sizeof(salt) + n; i++) {
		h ^= i < sizeof(salt) ? salt[i] : a[i - sizeof(salt)];
		h *= 1099511628211ULL;
	}
	explicit_bzero(&ss, sizeof(ss));
	return (1ULL << 62) | (h >> 2);	/* apart from uids and plain TCP */
}

/* Who is at the other end, asked of the kernel once. */
static void
read_peer(struct conn *cn)
{
	struct peer		*p = &cn->peer;
	struct sockaddr_storage	 ss;
	struct ucred		 cred;
	gid_t			 groups[MAX_GROUPS];
	socklen_t		 len = sizeof(ss);

	if (getsockname(cn->fd, (struct sockaddr *)&ss, &len) == -1) {
		p->error = errno;
		return;
	}
	if (ss.ss_family != AF_UNIX && cn->tls) {
		p->transport = TRANSPORT_TLS;
		p->addr_key = addr_key(cn->fd);
		return;
	}
	if (ss.ss_family != AF_UNIX) {
		p->transport = TRANSPORT_TCP;
		return;
	}
	p->transport = TRANSPORT_UNIX;
	len = sizeof(cred);
	if (getsockopt(cn->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1) {
		p->error = errno;
		return;
	}
	p->uid = cred.uid;
	p->gid = cred.gid;
	explicit_bzero(&cred, sizeof(cred));	/* the pid is not kept */
	len = sizeof(groups);
	if (getsockopt(cn->fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == -1)
		len = 0;
	p->ngroups = (int)(len / sizeof(gid_t));
	if (p->ngroups > 0) {
		if ((p->groups = calloc((size_t)p->ngroups,
		    sizeof(gid_t))) == NULL) {
			p->error = ENOMEM;
			p->ngroups = 0;
			return;
		}
		memcpy(p->groups, groups, (size_t)p->ngroups * sizeof(gid_t));
	}
	p->local = 1;
}

static int
index_fd(struct conns *c, struct conn *cn)
{
	struct conn	**v;
	size_t		  n;

	if ((size_t)cn->fd >= c->nbyfd) {
		n = c->nbyfd ? c->nbyfd : 256;
		while (n <= (size_t)cn->fd)
			n *= 2;
		if ((v = reallocarray(c->byfd, n, sizeof(*v))) == NULL)
			return -1;
		memset(v + c->nbyfd, 0, (n - c->nbyfd) * sizeof(*v));
		c->byfd = v;
		c->nbyfd = n;
	}
	c->byfd[cn->fd] = cn;
	return 0;
}

static void
gone(struct conns *c)
{
	c->n--;
	if (c->n < c->max)
		set_paused(c, 0);
}

/* evhttp is freeing the connection; the socket closes after this. */
static void
closed_cb(struct evhttp_connection *evcon, void *arg)
{
	struct conn	*cn = arg;
	struct conns	*c = cn->set;

	if ((size_t)cn->fd < c->nbyfd && c->byfd[cn->fd] == cn)
		c->byfd[cn->fd] = NULL;
	TAILQ_REMOVE(&c->open, cn, entry);
	cn->open = 0;
	cn->evcon = NULL;
	cn->bev = NULL;
	cn->holds++;		/* what the hook releases is not freed twice */
	if (cn->on_close != NULL)
		cn->on_close(cn->on_close_arg);
	cn->on_close = NULL;
	conn_release(cn);
	gone(c);
}

static void
adopt(struct conns *c, struct conn *cn)
{
	bufferevent_data_cb	 r, w;
	bufferevent_event_cb	 e;
	void			*arg;

	TAILQ_REMOVE(&c->newborn, cn, entry);
	bufferevent_getcb(cn->bev, &r, &w, &e, &arg);
	cn->fd = bufferevent_getfd(cn->bev);
	if (arg == NULL || cn->fd == -1 ||
	    evhttp_connection_get_bufferevent(arg) != cn->bev) {
		/* evhttp gave it up before it began (out of memory). */
		bufferevent_decref(cn->bev);
		conn_free(cn);
		gone(c);
		return;
	}
	bufferevent_decref(cn->bev);	/* evhttp's reference lasts */
	cn->evcon = arg;
	cn->open = 1;
	TAILQ_INSERT_TAIL(&c->open, cn, entry);
	evhttp_connection_set_closecb(cn->evcon, closed_cb, cn);
	read_peer(cn);
	if (index_fd(c, cn) == -1) {
		log_warnx("out of memory for a connection; it is closed");
		shutdown(cn->fd, SHUT_RDWR);
	}
}

static void
adopt_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct conns	*c = arg;

	while (!TAILQ_EMPTY(&c->newborn))
		adopt(c, TAILQ_FIRST(&c->newborn));
}

static struct bufferevent *
newborn(struct conns *c, struct bufferevent *bev, int tls)
{
	struct conn	*cn;

	if (bev == NULL)
		return NULL;
	if ((cn = calloc(1, sizeof(*cn))) == NULL) {
		bufferevent_free(bev);
		return NULL;
	}
	cn->set = c;
	cn->bev = bev;
	cn->fd = -1;
	cn->tls = tls;
	cn->since = time(NULL);
	/* Held until adopted, in case evhttp frees it before. */
	bufferevent_incref(bev);
	TAILQ_INSERT_TAIL(&c->newborn, cn, entry);
	event_active(c->adopt, EV_TIMEOUT, 0);
	if (++c->n >= c->max)
		set_paused(c, 1);
	return bev;
}

static struct bufferevent *
conn_bev(struct event_base *base, void *arg)
{
	/* Without BEV_OPT_CLOSE_ON_FREE, evhttp closes the socket itself. */
	return newborn(arg, bufferevent_socket_new(base, -1, 0), 0);
}

/* The TLS bufferevent closes the socket itself when evhttp frees it. */
static struct bufferevent *
conn_bev_tls(struct event_base *base, void *arg)
{
	struct conns	*c = arg;

	return newborn(c, tls_bufferevent(c->tls, base), 1);
}

/*
 * evhttp's idle timeout starts again with every byte, so a client
 * sending one byte at a time could hold a slot for days. A connection
 * gets a whole request in within the deadline of its accept or of its
 * last request, or is shut down; evhttp then frees it as it would any
 * closed one.
 */
static void
sweep_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct conns	*c = arg;
	struct conn	*cn;
	time_t		 now = time(NULL);

	TAILQ_FOREACH(cn, &c->open, entry) {
		if (cn->holds == 0 && now - cn->since > c->deadline) {
			shutdown(cn->fd, SHUT_RDWR);
			cn->since = now;	/* once */
		}
	}
}

/* The connection a request came on, or NULL. */
struct conn *
conns_find(struct conns *c, struct evhttp_connection *evcon)
{
	struct conn	*cn;
	int		 fd;

	if (evcon == NULL)
		return NULL;
	/* Accepted in this very turn of the loop: adopt it now. */
	if (!TAILQ_EMPTY(&c->newborn))
		adopt_cb(-1, 0, c);
	fd = bufferevent_getfd(evhttp_connection_get_bufferevent(evcon));
	if (fd < 0 || (size_t)fd >= c->nbyfd)
		return NULL;
	cn = c->byfd[fd];
	return cn != NULL && cn->evcon == evcon ? cn : NULL;
}

/*
 * A request arrived whole on this connection: its clock starts again.
 * Returns how many requests the connection has carried.
 */
unsigned int
conn_touch(struct conn *cn)
{
	cn->since = time(NULL);
	return ++cn->requests;
}

/*
 * A reply is being streamed (an export, a backup) or waits for aerd (a
 * report for its commit): no deadline until it is released, and the
 * struct stays until then even if the connection closes.
 */
void
conn_hold(struct conn *cn)
{
	if (cn != NULL)
		cn->holds++;
}

/* What held the connection is done, but no new request came: its clock
 * starts again without counting one. */
void
conn_release(struct conn *cn)
{
	if (cn == NULL)
		return;
	cn->since = time(NULL);
	if (--cn->holds == 0 && !cn->open)
		conn_free(cn);
}

/* Called when the connection closes, until set again (fn NULL: never). */
void
conn_on_close(struct conn *cn, void (*fn)(void *), void *arg)
{
	cn->on_close = fn;
	cn->on_close_arg = arg;
}

const struct peer *
conn_peer(const struct conn *cn)
{
	return &cn->peer;
}

/*
 * While draining, a connection open when aerd was told to stop may
 * finish one request: the one in flight, which cannot be told apart from
 * one sent just after. Returns 1 for that one, 0 for any after it.
 */
int
conn_drain_once(struct conn *cn)
{
	if (cn->answered)
		return 0;
	cn->answered = 1;
	return 1;
}

struct conns *
conns_new(struct event_base *base, struct evhttp *http, int max)
{
	static const struct timeval	 sweep_every = { 1, 0 };
	struct conns			*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->http = http;
	c->max = max;
	c->deadline = 30;
	TAILQ_INIT(&c->newborn);
	TAILQ_INIT(&c->open);
	c->adopt = event_new(base, -1, 0, adopt_cb, c);
	c->sweeper = event_new(base, -1, EV_PERSIST, sweep_cb, c);
	if (c->adopt == NULL || c->sweeper == NULL ||
	    event_priority_set(c->adopt, ADOPT_PRIORITY) == -1 ||
	    event_add(c->sweeper, &sweep_every) == -1) {
		conns_free(c);
		return NULL;
	}
	evhttp_set_bevcb(http, conn_bev, c);
	return c;
}

/* The TLS listeners' evhttp: its connections are TLS, counted here. */
void
conns_set_tls(struct conns *c, struct evhttp *https, struct tls *tls)
{
	c->tls = tls;
	evhttp_set_bevcb(https, conn_bev_tls, c);
}

void
conns_set_deadline(struct conns *c, int seconds)
{
	c->deadline = seconds;
}

int
conns_add_bound(struct conns *c, struct evhttp_bound_socket *bound)
{
	if (c->nbound == MAX_LISTENERS)
		return -1;
	c->bound[c->nbound++] = bound;
	return 0;
}

/* The listeners are gone (shutdown): never pause or resume them again. */
void
conns_clear_bound(struct conns *c)
{
	c->nbound = 0;
}

int
conns_live(struct conns *c)
{
	return c->n;
}

/* After evhttp_free, which closes every adopted connection. */
void
conns_free(struct conns *c)
{
	struct conn	*cn;

	if (c == NULL)
		return;
	while ((cn = TAILQ_FIRST(&c->newborn)) != NULL) {
		TAILQ_REMOVE(&c->newborn, cn, entry);
		bufferevent_decref(cn->bev);
		conn_free(cn);
	}
	while ((cn = TAILQ_FIRST(&c->open)) != NULL) {
		TAILQ_REMOVE(&c->open, cn, entry);
		conn_free(cn);
	}
	if (c->adopt != NULL)
		event_free(c->adopt);
	if (c->sweeper != NULL)
		event_free(c->sweeper);
	free(c->byfd);
	free(c);
}
