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
 * aerd's command line, and the configuration that aerd.conf and the
 * command line make together. Starting, -n and SIGHUP all come through
 * options_config(), so -n refuses exactly what a start would, and says
 * every error it finds rather than the first.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"
#include "options.h"

static __attribute__((noreturn)) void
usage(int status)
{
	fprintf(status ? stderr : stdout,
"usage: aerd [-fhnVv] [--check] [--config FILE] [--socket PATH] [--db PATH]\n"
"            [--listen ADDR:PORT] [--socket-mode MODE]\n"
"            [--max-connections N] [--timeout SECS]\n"
"\n"
"  -f, --foreground         stay in the foreground, log to standard error\n"
"      --config FILE        configuration (default: %s if present)\n"
"  -n                       check the configuration and exit\n"
"      --check              check the whole database's integrity and exit\n"
"      --socket PATH        Unix socket (default: $AER_HOME/aerd.sock or\n"
"                           ./aerd.sock)\n"
"      --db PATH            database (default: $AER_HOME/aer.db or ./aer.db)\n"
"      --listen ADDR:PORT   also listen on TCP, e.g. 127.0.0.1:8080 or\n"
"                           [::1]:8080 (repeatable)\n"
"      --socket-mode MODE   octal mode of the socket (default 0666: every\n"
"                           local user may report)\n"
"      --max-connections N  connections served at once (default 4096)\n"
"      --timeout SECS       close a connection idle this long (default 30)\n"
"  -v, --verbose            log debugging detail\n"
"  -V, --version            print the version and exit\n"
"  -h, --help               print this help and exit\n",
	    AERD_CONF);
	exit(status);
}

static long
number(const char *s, const char *what, long min, long max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "aerd: %s must be a number from %ld to %ld, "
		    "not \"%s\"\n", what, min, max, s);
		exit(2);
	}
	return v;
}

void
options_parse(int argc, char **argv, struct options *o)
{
	enum { OPT_SOCKET = 256, OPT_DB, OPT_LISTEN, OPT_MODE, OPT_CONNS,
	    OPT_TIMEOUT, OPT_CONFIG, OPT_CHECK };
	static const struct option longopts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "socket", required_argument, NULL, OPT_SOCKET },
		{ "db", required_argument, NULL, OPT_DB },
		{ "listen", required_argument, NULL, OPT_LISTEN },
		{ "socket-mode", required_argument, NULL, OPT_MODE },
		{ "max-connections", required_argument, NULL, OPT_CONNS },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(o, 0, sizeof(*o));
	while ((ch = getopt_long(argc, argv, "fhnVv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			o->foreground = 1;
			break;
		case 'h':
			usage(0);
		case 'n':
			o->check = 1;
			break;
		case OPT_CHECK:
			o->check_db = 1;
			break;
		case OPT_CONFIG:
			o->config_path = optarg;
			break;
		case 'V':
			printf("aerd %s\n", PACKAGE_VERSION);
			exit(0);
		case 'v':
			o->verbose = 1;
			break;
		case OPT_SOCKET:
			o->socket_path = optarg;
			break;
		case OPT_DB:
			o->db_path = optarg;
			break;
		case OPT_LISTEN:
			if (o->nlisten == CONFIG_MAX_LISTEN) {
				fprintf(stderr, "aerd: at most %d --listen\n",
				    CONFIG_MAX_LISTEN);
				exit(2);
			}
			o->listen[o->nlisten++] = optarg;
			break;
		case OPT_MODE:
			/* As socket_mode in aerd.conf, and with its words. */
			if (config_mode(optarg, &o->socket_mode) == -1) {
				fprintf(stderr, "aerd: --socket-mode must be "
				    "an octal mode such as 0660, not \"%s\"\n",
				    optarg);
				exit(2);
			}
			break;
		case OPT_CONNS:
			o->max_conns = (int)number(optarg, "--max-connections",
			    1, 65536);
			break;
		case OPT_TIMEOUT:
			o->timeout = (int)number(optarg, "--timeout", 1, 3600);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc)
		usage(2);
}

/*
 * Where a file lives unless the configuration says: under systemd, in
 * the directories it made for aerd (StateDirectory=, RuntimeDirectory=);
 * otherwise under $AER_HOME, or in the current directory.
 */
static char *
local_path(const char *systemd_dir, const char *name)
{
	const char	*dir = getenv(systemd_dir);
	char		*path;

	if (dir == NULL || *dir == '\0')
		dir = getenv(AER_ENV_HOME);
	if (dir == NULL || *dir == '\0')
		dir = ".";
	if (asprintf(&path, "%s/%s", dir, name) == -1)
		return NULL;
	return path;
}

static int
set_string(char **slot, const char *value)
{
	free(*slot);
	return (*slot = strdup(value)) == NULL ? -1 : 0;
}

/* The --listen addresses, checked as listen lines are. */
static int
add_listens(const struct options *o, struct config *c, char *err,
    size_t errlen)
{
	char	msg[256], what[320];
	int	i, rc = 0;

	for (i = 0; i < o->nlisten; i++) {
		if (listen_check(o->listen[i], 0, msg, sizeof(msg)) == -1) {
			snprintf(what, sizeof(what), "--listen: %s", msg);
			config_add_error(err, errlen, what);
			rc = -1;
			continue;
		}
		if (c->nlisten == CONFIG_MAX_LISTEN) {
			snprintf(what, sizeof(what), "more than %d listen "
			    "addresses", CONFIG_MAX_LISTEN);
			config_add_error(err, errlen, what);
			return -1;
		}
		if ((c->listen[c->nlisten++] = strdup(o->listen[i])) == NULL) {
			config_add_error(err, errlen, "out of memory");
			return -1;
		}
	}
	return rc;
}

/*
 * aerd.conf, then the command line over it, into c (which holds the
 * defaults). Returns 0, or -1 with err filled: every error found, one
 * a line.
 */
int
options_config(const struct options *o, struct config *c, char *err,
    size_t errlen)
{
	const char	*path = o->config_path;
	int		 rc = 0;

	err[0] = '\0';
	if (path == NULL && access(AERD_CONF, F_OK) == 0)
		path = AERD_CONF;
	if (path != NULL && config_load(c, path, err, errlen) == -1)
		rc = -1;
	if ((o->socket_path && set_string(&c->socket_path, o->socket_path)) ||
	    (o->db_path && set_string(&c->db_path, o->db_path)) ||
	    (c->socket_path == NULL && (c->socket_path =
	    local_path("RUNTIME_DIRECTORY", AER_LOCAL_SOCKET)) == NULL) ||
	    (c->db_path == NULL && (c->db_path =
	    local_path("STATE_DIRECTORY", AER_LOCAL_DB)) == NULL)) {
		config_add_error(err, errlen, "out of memory");
		return -1;
	}
	if (o->socket_mode)
		c->socket_mode = o->socket_mode;
	if (o->max_conns)
		c->max_connections = o->max_conns;
	if (o->timeout)
		c->idle_timeout = o->timeout;
	if (add_listens(o, c, err, errlen) == -1)
		rc = -1;
	return rc;
}
