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
 * Who is calling: a local caller's role from the kernel's credentials
 * for the Unix connection, a TCP or TLS caller's from a bearer token;
 * and, for TCP and TLS, whether the request was meant for this machine
 * at all.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "aerd.h"

/*
 * The last reviewer's name, kept a minute: a reviewer working the queue
 * sends many requests, and each getpwuid_r may read /etc/passwd or ask
 * NSS. Reporters are never looked up, so never cached.
 */
#define NAME_CACHE_SECS	60
/* r->caller: a local uid has this bit, a token's hash has it clear. */
#define CALLER_LOCAL	(1ULL << 63)

static struct {
	int	set;
	uid_t	uid;
	time_t	at;
	char	name[64];
} cache;

/*
 * A local caller: the kernel's word for its uid and groups, read when it
 * connected (conn.c). The user name is looked up only for the roles that
 * are named in the audit trail, never for a reporter.
 */
static void
identify_local(struct req *r, const struct peer *p)
{
	struct passwd	 pw, *found = NULL;
	char		 buf[1024];
	time_t		 now = time(NULL);

	r->role = role_for(&r->d->roles, p->uid, p->gid, p->groups,
	    p->ngroups);
	if (r->role <= ROLE_REPORTER)
		return;
	r->caller = CALLER_LOCAL | p->uid;
	if (cache.set && cache.uid == p->uid &&
	    now - cache.at < NAME_CACHE_SECS) {
		memcpy(r->name, cache.name, sizeof(r->name));
		return;
	}
	if (getpwuid_r(p->uid, &pw, buf, sizeof(buf), &found) == 0 &&
	    found != NULL)
		snprintf(r->name, sizeof(r->name), "%s", pw.pw_name);
	else
		snprintf(r->name, sizeof(r->name), "uid %u",
		    (unsigned)p->uid);
	cache.set = 1;
	cache.uid = p->uid;
	cache.at = now;
	memcpy(cache.name, r->name, sizeof(cache.name));
}

/* A TCP or TLS caller: a bearer token, or no token and a reporter's
 * rights. */
static int
identify_token(struct req *r)
{
	const char	*auth = req_header(r, "Authorization");
	unsigned char	 hash[RECEIPT_HASH_LEN];
	size_t		 n = strlen("Bearer ");
	int		 rc;

	r->role = ROLE_REPORTER;
	if (auth == NULL || strncasecmp(auth, "Bearer ", n) != 0)
		return 0;
	if (sha256_text(auth + n, hash) == -1)
		return -1;
	rc = store_token_lookup(r->d->store, hash, r->name, sizeof(r->name),
	    &r->role);
	memcpy(&r->caller, hash, sizeof(r->caller));
	r->caller &= ~CALLER_LOCAL;
	if (rc == STORE_NOT_FOUND) {
		reply_error(r, AER_ERR_UNAUTHORIZED, NULL, "that token "
		    "is not known or has been revoked");
		return 1;
	}
	return rc == STORE_OK ? 0 : -1;
}

/*
 * Who is calling, as a number for the receipt rate limit and nothing
 * else: a local caller's uid; for TCP, one number for every caller. The
 * listener takes loopback only, so every TCP caller is on this machine,
 * and one that binds 127.0.0.2, 127.0.0.3, ... in turn (or a new port
 * each time) must not get a new budget with each. A TLS caller is
 * counted by its address (by its /64 for IPv6), hashed when it
 * connected (conn.c) and kept in memory only.
 */
#define TCP_PEER_KEY	(1ULL << 63)

unsigned long long
req_peer_key(struct req *r)
{
	const struct peer	*p = r->conn ? conn_peer(r->conn) : NULL;

	if (p == NULL || p->transport == TRANSPORT_UNKNOWN)
		return 0;
	if (p->transport == TRANSPORT_TCP)
		return TCP_PEER_KEY;
	if (p->transport == TRANSPORT_TLS)
		return p->addr_key;
	return p->local ? (unsigned long long)p->uid : 0;
}

/* Sets r->role and r->name; 0, or -1 once it has replied. */
int
req_identify(struct req *r)
{
	const struct peer	*p = r->conn ? conn_peer(r->conn) : NULL;
	int			 rc;

	if (p != NULL && p->transport == TRANSPORT_UNIX && p->local) {
		identify_local(r, p);
		return 0;
	}
	rc = p != NULL && (p->transport == TRANSPORT_TCP ||
	    p->transport == TRANSPORT_TLS) ? identify_token(r) : -1;
	if (rc == 1)
		return -1;	/* identify_token replied */
	if (rc == -1) {
		if (p != NULL && p->error != 0)
			log_warnx("cannot identify a caller: %s",
			    strerror(p->error));
		else
			log_warn("cannot identify a caller");
		reply_error(r, AER_ERR_INTERNAL, NULL, "aerd could not "
		    "tell who is calling");
		return -1;
	}
	return 0;
}

/*
 * A TCP request must name this machine in its Host header: localhost or
 * a loopback address, with or without a port. Anything else is a page
 * in a browser whose name was rebound to 127.0.0.1 (DNS rebinding), and
 * is refused before it can file or guess a receipt. No Host at all is
 * taken as HTTP/1.0 from a local program.
 */
/*
 * The name of a Host header, without its port, into name; its length,
 * or 0 if the header is not a name or [address] with an optional port.
 */
static size_t
host_name(const char *host, char *name, size_t size)
{
	const char	*end, *port = NULL;
	size_t		 n;

	if (host[0] == '[') {
		if ((end = strchr(host, ']')) == NULL)
			return 0;
		end++;
	} else
		end = host + strcspn(host, ":");
	if (*end == ':')
		port = end + 1;
	else if (*end != '\0')
		return 0;
	if (port != NULL && (*port == '\0' || strlen(port) > 5 ||
	    strspn(port, "0123456789") != strlen(port)))
		return 0;
	if ((n = (size_t)(end - host)) == 0 || n >= size)
		return 0;
	memcpy(name, host, n);
	name[n] = '\0';
	return n;
}

int
host_is_local(const char *host)
{
	char		 name[64];
	size_t		 n;
	unsigned	 o[4];
	char		 extra;

	if (host == NULL)
		return 1;
	if ((n = host_name(host, name, sizeof(name))) == 0)
		return 0;
	if (strcasecmp(name, "localhost") == 0 || strcmp(name, "[::1]") == 0)
		return 1;
	return strspn(name, "0123456789.") == n &&
	    sscanf(name, "%u.%u.%u.%u%c", &o[0], &o[1], &o[2], &o[3],
	    &extra) == 4 && o[0] == 127 && o[1] < 256 && o[2] < 256 &&
	    o[3] < 256;
}

/*
 * A TLS request must name this server as server_name does, with or
 * without a port; letters in any case, and a final dot, are the same
 * name. A request without a Host header is refused: every client that
 * speaks TLS to aerd sends one.
 */
int
host_is_named(const char *host, char *const *names, int count)
{
	char	name[256];
	size_t	n, len;
	int	i;

	if (host == NULL || (n = host_name(host, name, sizeof(name))) == 0)
		return 0;
	if (n > 1 && name[0] != '[' && name[n - 1] == '.')
		name[--n] = '\0';
	for (i = 0; i < count; i++) {
		len = strlen(names[i]);
		if (len > 1 && names[i][0] != '[' && names[i][len - 1] == '.')
			len--;
		if (len == n && strncasecmp(name, names[i], n) == 0)
			return 1;
	}
	return 0;
}

/* 0 when the request may go on; -1 once it has been refused. */
int
req_check_host(struct req *r)
{
	const struct config	*c = r->d->config;
	enum transport		 t;

	if (r->conn == NULL)
		return 0;
	t = conn_peer(r->conn)->transport;
	if (t == TRANSPORT_TLS) {
		if (host_is_named(req_header(r, "Host"), c->server_names,
		    c->nserver_names))
			return 0;
		reply_error(r, AER_ERR_MISDIRECTED, "Host", "aerd answers "
		    "only requests addressed to one of its server names");
		return -1;
	}
	if (t != TRANSPORT_TCP)
		return 0;
	if (host_is_local(req_header(r, "Host")))
		return 0;
	reply_error(r, AER_ERR_MISDIRECTED, "Host", "aerd answers only "
	    "requests addressed to localhost or a loopback address");
	return -1;
}
