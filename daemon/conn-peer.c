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
 * Who is at the other end of a connection, asked of the kernel once:
 * for a local caller its uid and groups; for a TLS caller only a salted
 * hash of its address, for the rate limits; for plain TCP nothing.
 */
#include "config.h"

#include <sys/random.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"
#include "conn-int.h"

#define MAX_GROUPS	256	/* beyond that, the primary group counts */

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
void
conn_read_peer(struct conn *cn)
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
