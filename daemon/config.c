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
 * aerd.conf: "key = value" lines; blank lines and lines starting with '#'
 * are ignored. Every error names the file and the line; unknown keys are
 * errors, so a misspelt setting is never silently ignored.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

enum kind { K_STRING, K_MODE, K_INT, K_LISTEN, K_TLS_LISTEN, K_GROUPS,
    K_NAMES, K_PRECISION, K_TIMES };

struct key {
	const char	*name;
	enum kind	 kind;
	size_t		 offset;	/* of the value in struct config */
	size_t		 count_offset;	/* lists: the count */
	long		 min, max;
};

#define O(m)	offsetof(struct config, m)
static const struct key keys[] = {
	{ "socket", K_STRING, O(socket_path), 0, 0, 0 },
	{ "socket_mode", K_MODE, O(socket_mode), 0, 0, 0777 },
	{ "database", K_STRING, O(db_path), 0, 0, 0 },
	{ "listen", K_LISTEN, O(listen), O(nlisten), 0, CONFIG_MAX_LISTEN },
	{ "tls_listen", K_TLS_LISTEN, O(tls_listen), O(ntls_listen), 0,
	    CONFIG_MAX_TLS_LISTEN },
	{ "tls_certificate", K_STRING, O(tls_certificate), 0, 0, 0 },
	{ "tls_key", K_STRING, O(tls_key), 0, 0, 0 },
	{ "server_name", K_NAMES, O(server_names), O(nserver_names), 0,
	    CONFIG_MAX_NAMES },
	{ "admin_groups", K_GROUPS, O(admin_groups), O(nadmin_groups), 0, 0 },
	{ "reviewer_groups", K_GROUPS, O(reviewer_groups),
	    O(nreviewer_groups), 0, 0 },
	{ "committee_groups", K_GROUPS, O(committee_groups),
	    O(ncommittee_groups), 0, 0 },
	{ "max_connections", K_INT, O(max_connections), 0, 1, 65536 },
	{ "max_buffered", K_INT, O(max_buffered), 0, 1, 4096 },
	{ "idle_timeout", K_INT, O(idle_timeout), 0, 1, 3600 },
	{ "triage_days", K_INT, O(triage_days), 0, 1, 365 },
	{ "rca_start_hours", K_INT, O(rca_start_hours), 0, 1, 8760 },
	{ "rca_days", K_INT, O(rca_days), 0, 1, 3650 },
	{ "feedback_months", K_INT, O(feedback_months), 0, 1, 120 },
	{ "escalation_interval", K_INT, O(escalation_interval), 0, 1, 86400 },
	{ "notify_command", K_STRING, O(notify_command), 0, 0, 0 },
	{ "notify_timeout", K_INT, O(notify_timeout), 0, 1, 3600 },
	{ "suppression_threshold", K_INT, O(suppression_threshold), 0, 1,
	    100 },
	{ "received_precision", K_PRECISION, O(received_precision), 0, 0, 0 },
	{ "export_deadline", K_INT, O(export_deadline), 0, 1, 86400 },
	{ "case_messages_per_day", K_INT, O(case_messages_per_day), 0, 1,
	    10000 },
	{ "receipt_messages_per_day", K_INT, O(receipt_messages_per_day), 0,
	    1, 10000 },
	{ "release_times", K_TIMES, O(release_times), O(nrelease_times), 0,
	    CONFIG_MAX_RELEASES },
};

static const char *const precisions[] = { "day", "week", "month" };
#undef O
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->socket_mode = 0666;
	c->max_connections = 4096;
	c->max_buffered = 16;
	c->idle_timeout = 30;
	c->triage_days = 7;
	c->rca_start_hours = 72;
	c->rca_days = 45;
	c->feedback_months = 3;
	c->escalation_interval = 60;
	c->notify_timeout = 10;
	c->suppression_threshold = 5;
	c->received_precision = PRECISION_DAY;
	c->export_deadline = 3600;
	c->case_messages_per_day = 50;
	c->receipt_messages_per_day = 20;
	c->release_times[0] = 0;	/* midnight: no finer than the day */
	c->nrelease_times = 1;
}

static void
free_list(char **v, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(v[i]);
}

void
config_free(struct config *c)
{
	free(c->socket_path);
	free(c->db_path);
	free(c->notify_command);
	free(c->tls_certificate);
	free(c->tls_key);
	free_list(c->listen, c->nlisten);
	free_list(c->tls_listen, c->ntls_listen);
	free_list(c->server_names, c->nserver_names);
	free_list(c->admin_groups, c->nadmin_groups);
	free_list(c->reviewer_groups, c->nreviewer_groups);
	free_list(c->committee_groups, c->ncommittee_groups);
	config_defaults(c);
}

static int __attribute__((format(printf, 5, 6)))
fail(char *err, size_t errlen, const char *file, int line,
    const char *fmt, ...)
{
	char	msg[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%d: %s", file, line, msg);
	return -1;
}

static char *
trim(char *s)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int
valid_group(const char *g)
{
	if (*g == '\0')
		return 0;
	for (; *g != '\0'; g++)
		if (!isalnum((unsigned char)*g) && strchr("_.-", *g) == NULL)
			return 0;
	return 1;
}

static int
set_groups(char **list, int *n, char *value, const struct key *k,
    const char *file, int line, char *err, size_t errlen)
{
	char	*name, *next;

	for (; value != NULL; value = next) {
		if ((next = strchr(value, ',')) != NULL)
			*next++ = '\0';
		name = trim(value);
		if (!valid_group(name))
			return fail(err, errlen, file, line, "%s: \"%s\" is "
			    "not a group name", k->name, name);
		if (*n == CONFIG_MAX_GROUPS)
			return fail(err, errlen, file, line, "%s: more than "
			    "%d groups", k->name, CONFIG_MAX_GROUPS);
		if ((list[*n] = strdup(name)) == NULL)
			return fail(err, errlen, file, line, "out of memory");
		(*n)++;
	}
	return 0;
}

/*
 * server_name: host names or address literals, separated by spaces or
 * commas, as a client writes them in the Host header (without a port).
 */
static int
valid_name(const char *n)
{
	size_t	len = strlen(n);

	if (len == 0 || len > 253 || n[0] == '-' || n[0] == '.')
		return 0;
	if (n[0] == '[')
		return len > 2 && n[len - 1] == ']' &&
		    strspn(n + 1, "0123456789abcdefABCDEF:.") == len - 2;
	return strspn(n, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") == len;
}

static int
set_names(char **list, int *n, char *value, const struct key *k,
    const char *file, int line, char *err, size_t errlen)
{
	char	*name, *last;

	for (name = strtok_r(value, " \t,", &last); name != NULL;
	    name = strtok_r(NULL, " \t,", &last)) {
		if (!valid_name(name))
			return fail(err, errlen, file, line, "%s: \"%s\" is "
			    "not a host name or an address in brackets",
			    k->name, name);
		if (*n == k->max)
			return fail(err, errlen, file, line, "%s: more than "
			    "%ld names", k->name, k->max);
		if ((list[*n] = strdup(name)) == NULL)
			return fail(err, errlen, file, line, "out of memory");
		(*n)++;
	}
	if (*n == 0)
		return fail(err, errlen, file, line, "%s names no host",
		    k->name);
	return 0;
}

/*
 * release_times: "HH:MM" local times, separated by commas, each once;
 * kept as minutes after midnight in ascending order.
 */
static int
set_times(int *list, int *n, char *value, const struct key *k,
    const char *file, int line, char *err, size_t errlen)
{
	char	*t, *next;
	int	 h, m, v, i, j;

	*n = 0;
	for (; value != NULL; value = next) {
		if ((next = strchr(value, ',')) != NULL)
			*next++ = '\0';
		t = trim(value);
		if (strlen(t) != 5 || !isdigit((unsigned char)t[0]) ||
		    !isdigit((unsigned char)t[1]) || t[2] != ':' ||
		    !isdigit((unsigned char)t[3]) ||
		    !isdigit((unsigned char)t[4]) ||
		    (h = (t[0] - '0') * 10 + t[1] - '0') > 23 ||
		    (m = (t[3] - '0') * 10 + t[4] - '0') > 59)
			return fail(err, errlen, file, line, "%s: \"%s\" is "
			    "not a time of day, HH:MM", k->name, t);
		if (*n == k->max)
			return fail(err, errlen, file, line, "%s: more than "
			    "%ld times", k->name, k->max);
		v = h * 60 + m;
		for (i = 0; i < *n && list[i] < v; i++)
			;
		if (i < *n && list[i] == v)
			return fail(err, errlen, file, line, "%s: %s is "
			    "given twice", k->name, t);
		for (j = *n; j > i; j--)
			list[j] = list[j - 1];
		list[i] = v;
		(*n)++;
	}
	return 0;
}

/* An octal mode, 0 to 0777, as socket_mode and --socket-mode take it. */
int
config_mode(const char *s, mode_t *mode)
{
	size_t	len = strlen(s);
	long	v;

	if (len == 0 || len > 4 || strspn(s, "01234567") != len ||
	    (v = strtol(s, NULL, 8)) > 0777)
		return -1;
	*mode = (mode_t)v;
	return 0;
}

static int
set_value(struct config *c, const struct key *k, char *value,
    const char *file, int line, char *err, size_t errlen)
{
	char	*p = (char *)c + k->offset, *end, **s, msg[256];
	int	*n = (int *)((char *)c + k->count_offset);
	long	 v;

	switch (k->kind) {
	case K_STRING:
		/* Run without a shell or a search of PATH: name it whole. */
		if (p == (char *)&c->notify_command && value[0] != '/')
			return fail(err, errlen, file, line, "%s must begin "
			    "with the command's absolute path, as in "
			    "/usr/local/bin/page-director", k->name);
		s = (char **)p;
		if ((*s = strdup(value)) == NULL)
			return fail(err, errlen, file, line, "out of memory");
		return 0;
	case K_MODE:
		if (config_mode(value, (mode_t *)p) == -1)
			return fail(err, errlen, file, line, "%s must be an "
			    "octal mode such as 0660, not \"%s\"", k->name,
			    value);
		return 0;
	case K_INT:
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno != 0 || *end != '\0' || v < k->min || v > k->max)
			return fail(err, errlen, file, line, "%s must be a "
			    "number from %ld to %ld, not \"%s\"", k->name,
			    k->min, k->max, value);
		*(int *)p = (int)v;
		return 0;
	case K_LISTEN:
	case K_TLS_LISTEN:
		if (*n == k->max)
			return fail(err, errlen, file, line, "more than %ld "
			    "%s lines", k->max, k->name);
		if (listen_check(value, k->kind == K_TLS_LISTEN, msg,
		    sizeof(msg)) == -1)
			return fail(err, errlen, file, line, "%s", msg);
		s = (char **)p;
		if ((s[*n] = strdup(value)) == NULL)
			return fail(err, errlen, file, line, "out of memory");
		(*n)++;
		return 0;
	case K_GROUPS:
		return set_groups((char **)p, n, value, k, file, line, err,
		    errlen);
	case K_NAMES:
		return set_names((char **)p, n, value, k, file, line, err,
		    errlen);
	case K_PRECISION:
		for (v = 0; v < 3; v++) {
			if (strcmp(value, precisions[v]) == 0) {
				*(int *)p = (int)v;
				return 0;
			}
		}
		return fail(err, errlen, file, line, "%s is day, week or "
		    "month, not \"%s\"", k->name, value);
	case K_TIMES:
		return set_times((int *)p, n, value, k, file, line, err,
		    errlen);
	}
	return -1;
}

/* Which of the three group keys: 0 admin, 1 reviewer, 2 committee. */
static int
group_index(const char *key)
{
	return key[0] == 'a' ? 0 : key[0] == 'r' ? 1 : 2;
}

static int
parse_line(struct config *c, char *line, int lineno, int seen[NKEYS],
    const char *file, char *err, size_t errlen)
{
	char	*eq, *key, *value;
	size_t	 i;

	line = trim(line);
	if (*line == '\0' || *line == '#')
		return 0;
	if ((eq = strchr(line, '=')) == NULL)
		return fail(err, errlen, file, lineno, "expected \"key = "
		    "value\", found no '='");
	*eq = '\0';
	key = trim(line);
	value = trim(eq + 1);
	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, key) == 0)
			break;
	if (i == NKEYS)
		return fail(err, errlen, file, lineno, "unknown key \"%s\"",
		    key);
	if (*value == '\0')
		return fail(err, errlen, file, lineno, "%s has no value", key);
	if (seen[i] && keys[i].kind != K_LISTEN &&
	    keys[i].kind != K_TLS_LISTEN)
		return fail(err, errlen, file, lineno, "%s is set twice "
		    "(first on line %d)", key, seen[i]);
	if (seen[i] == 0)
		seen[i] = lineno;
	if (set_value(c, &keys[i], value, file, lineno, err, errlen) == -1)
		return -1;
	if (keys[i].kind == K_GROUPS)
		snprintf(c->groups_where[group_index(key)],
		    sizeof(c->groups_where[0]), "%s:%d", file, lineno);
	return 0;
}

static int
line_of(const int seen[NKEYS], const char *key)
{
	size_t	i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, key) == 0)
			return seen[i];
	return 0;
}

/*
 * What one key needs of others: a TLS listener its certificate, its key
 * and the names it answers to; a certificate its key, and the reverse.
 */
static int
check_tls(const struct config *c, const int seen[NKEYS], const char *file,
    char *err, size_t errlen)
{
	int	line = line_of(seen, "tls_listen");

	if (line != 0 && (c->tls_certificate == NULL || c->tls_key == NULL))
		return fail(err, errlen, file, line, "tls_listen needs "
		    "tls_certificate and tls_key");
	if (line != 0 && c->nserver_names == 0)
		return fail(err, errlen, file, line, "tls_listen needs "
		    "server_name, the names clients reach this host by");
	if ((line = line_of(seen, "tls_certificate")) != 0 &&
	    c->tls_key == NULL)
		return fail(err, errlen, file, line, "tls_certificate needs "
		    "tls_key");
	if ((line = line_of(seen, "tls_key")) != 0 &&
	    c->tls_certificate == NULL)
		return fail(err, errlen, file, line, "tls_key needs "
		    "tls_certificate");
	return 0;
}

/* One more error, on a line of its own after those before. */
void
config_add_error(char *err, size_t errlen, const char *one)
{
	size_t	len = strnlen(err, errlen);

	if (len > 0 && len + 1 < errlen)
		err[len++] = '\n';
	if (len < errlen)
		snprintf(err + len, errlen - len, "%s", one);
}

/*
 * Parses text into c, which holds the defaults or an earlier file.
 * Every line is read however many are wrong, and err holds each error,
 * one a line, so that a file is put right in one go.
 */
int
config_parse(struct config *c, const char *text, const char *file,
    char *err, size_t errlen)
{
	int	 seen[NKEYS] = { 0 }, lineno = 0, rc = 0;
	char	*copy, *line, *next, one[512];

	err[0] = '\0';
	if ((copy = strdup(text)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", file);
		return -1;
	}
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (parse_line(c, line, ++lineno, seen, file, one,
		    sizeof(one)) == -1) {
			config_add_error(err, errlen, one);
			rc = -1;
		}
	}
	free(copy);
	if (check_tls(c, seen, file, one, sizeof(one)) == -1) {
		config_add_error(err, errlen, one);
		rc = -1;
	}
	return rc;
}
