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
 * Who may do what: the role of a local caller, from the uid and groups
 * the kernel reports for the connection, mapped through the groups named
 * in aerd.conf. Never from anything the caller says.
 */
#include "config.h"

#include <grp.h>
#include <stdio.h>
#include <string.h>

#include "aerd.h"

static const char *const role_names[] = {
	"any", "receipt", "reporter", "committee", "reviewer", "admin"
};

const char *
role_name(enum role r)
{
	return (size_t)r < sizeof(role_names) / sizeof(role_names[0]) ?
	    role_names[r] : "unknown";
}

int
role_parse(const char *s, enum role *out)
{
	size_t	i;

	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		if (strcmp(role_names[i], s) == 0) {
			*out = (enum role)i;
			return 0;
		}
	}
	return -1;
}

/* where is the "file:line" the names came from, or "". */
static int
resolve(gid_t *out, int *nout, char *const *names, int n, const char *key,
    const char *where, char *err, size_t errlen)
{
	struct group	*gr;
	int		 i;

	*nout = 0;
	for (i = 0; i < n; i++) {
		if ((gr = getgrnam(names[i])) == NULL) {
			snprintf(err, errlen, "%s%s%s: no group named \"%s\"",
			    where, *where ? ": " : "", key, names[i]);
			return -1;
		}
		out[(*nout)++] = gr->gr_gid;
	}
	return 0;
}

/* Resolves the group names of the configuration; each must exist. */
int
rolemap_build(struct rolemap *m, const struct config *c, char *err,
    size_t errlen)
{
	memset(m, 0, sizeof(*m));
	if (resolve(m->admin, &m->nadmin, c->admin_groups, c->nadmin_groups,
	    "admin_groups", c->groups_where[0], err, errlen) == -1 ||
	    resolve(m->reviewer, &m->nreviewer, c->reviewer_groups,
	    c->nreviewer_groups, "reviewer_groups", c->groups_where[1], err,
	    errlen) == -1 ||
	    resolve(m->committee, &m->ncommittee, c->committee_groups,
	    c->ncommittee_groups, "committee_groups", c->groups_where[2], err,
	    errlen) == -1)
		return -1;
	return 0;
}

static int
member(const gid_t *set, int nset, gid_t gid, const gid_t *groups,
    int ngroups)
{
	int	i, j;

	for (i = 0; i < nset; i++) {
		if (set[i] == gid)
			return 1;
		for (j = 0; j < ngroups; j++)
			if (set[i] == groups[j])
				return 1;
	}
	return 0;
}

/* uid 0 is admin; otherwise the highest role any group gives. */
enum role
role_for(const struct rolemap *m, uid_t uid, gid_t gid, const gid_t *groups,
    int ngroups)
{
	if (uid == 0 || member(m->admin, m->nadmin, gid, groups, ngroups))
		return ROLE_ADMIN;
	if (member(m->reviewer, m->nreviewer, gid, groups, ngroups))
		return ROLE_REVIEWER;
	if (member(m->committee, m->ncommittee, gid, groups, ngroups))
		return ROLE_COMMITTEE;
	return ROLE_REPORTER;
}
