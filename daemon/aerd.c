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
 * aerd: receives adverse-event and near-miss reports over a Unix socket
 * (and optionally loopback TCP, and TLS from the network), keeps them in
 * SQLite, and serves them to the people who act on them.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "aerd.h"
#include "options.h"

#define DRAIN_SECONDS		5
#define SWAP(a, b)	do { __typeof__(a) t_ = (a); (a) = (b); (b) = t_; } while (0)

static struct aerd	 aerd;
static struct config	 config;
static struct options	 opts;
#ifdef AERD_TEST_CLOCK
static const char	*clock_file;
#endif
static int		 socket_inherited;	/* from the service manager */
static struct event	*drain_ev;
static int		 drain_ticks;

static time_t
wall_clock(void)
{
	return time(NULL);
}

#ifdef AERD_TEST_CLOCK
/*
 * Only in the test build (tests/aerd-clock, never installed): with
 * AERD_TEST_CLOCK naming a file, "now" is the epoch second written in
 * it, re-read each time, so a test can move time. The aerd that ships
 * has no way to be told what time it is.
 */
static time_t
file_clock(void)
{
	FILE		*f;
	long long	 t = -1;

	if ((f = fopen(clock_file, "r")) != NULL) {
		if (fscanf(f, "%lld", &t) != 1)
			t = -1;
		fclose(f);
	}
	return t >= 0 ? (time_t)t : time(NULL);
}
#endif

/*
 * The file the check after an unclean stop waits for: in the test build
 * only, AERD_TEST_CHECK_HOLD, so that a test sees aerd serve before the
 * check is done without racing it. NULL in the aerd that ships.
 */
static const char *
check_hold(void)
{
#ifdef AERD_TEST_CLOCK
	return getenv("AERD_TEST_CHECK_HOLD");
#else
	return NULL;
#endif
}

/*
 * As many open files as the hard limit allows: each connection is one.
 * The connection cap is lowered to fit, leaving room for the database,
 * the listeners and the notify command's pipes.
 */
static void
raise_nofile(struct config *c)
{
	struct rlimit	rl;
	rlim_t		room;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	room = rl.rlim_cur > 64 ? rl.rlim_cur - 64 : 1;
	if ((rlim_t)c->max_connections > room) {
		log_warnx("max_connections lowered from %d to %lu: the "
		    "open-file limit is %lu", c->max_connections,
		    (unsigned long)room, (unsigned long)rl.rlim_cur);
		c->max_connections = (int)room;
	}
}

static int
same_list(char *const *a, int na, char *const *b, int nb)
{
	int	i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

/*
 * The TLS listeners stay until a restart, and with them the need of a
 * certificate and names. A new certificate and key are taken for the
 * connections to come; a pair that does not load leaves the one in force.
 */
static int
reload_tls(const struct config *fresh, char *err, size_t errlen)
{
	char	why[512];

	if (aerd.tls == NULL)
		return 0;
	if (fresh->tls_certificate == NULL || fresh->nserver_names == 0) {
		snprintf(err, errlen, "the TLS listeners stay until a restart, "
		    "and need tls_certificate, tls_key and server_name");
		return -1;
	}
	if (tls_reload(aerd.tls, fresh->tls_certificate, fresh->tls_key, why,
	    sizeof(why)) == -1)
		log_warnx("reload: %s; keeping the certificate in force", why);
	return 0;
}

/*
 * SIGHUP: read the configuration again. An invalid one changes nothing;
 * what needs a restart (the socket, the database, the listeners, the
 * connection cap) is kept, and said.
 */
static void
reload_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct config	fresh;
	struct rolemap	roles;
	char		err[2048], *nl;
	int		i;

	service_notify("RELOADING=1");
	config_defaults(&fresh);
	if (options_config(&opts, &fresh, err, sizeof(err)) == -1 ||
	    rolemap_build(&roles, &fresh, err, sizeof(err)) == -1 ||
	    reload_tls(&fresh, err, sizeof(err)) == -1) {
		for (nl = err; (nl = strchr(nl, '\n')) != NULL; )
			*nl = ';';
		log_warnx("reload: %s; keeping the configuration in force",
		    err);
		config_free(&fresh);
		service_notify("READY=1");
		return;
	}
	if (strcmp(fresh.socket_path, config.socket_path) != 0 ||
	    strcmp(fresh.db_path, config.db_path) != 0 ||
	    fresh.socket_mode != config.socket_mode ||
	    fresh.max_connections != config.max_connections ||
	    !same_list(fresh.listen, fresh.nlisten, config.listen,
	    config.nlisten) || !same_list(fresh.tls_listen, fresh.ntls_listen,
	    config.tls_listen, config.ntls_listen))
		log_warnx("reload: the socket, database, listen and tls_listen "
		    "addresses and max_connections change only at a restart");
	/* Keep what needs a restart as it is in force. */
	SWAP(fresh.socket_path, config.socket_path);
	SWAP(fresh.db_path, config.db_path);
	SWAP(fresh.socket_mode, config.socket_mode);
	SWAP(fresh.max_connections, config.max_connections);
	SWAP(fresh.nlisten, config.nlisten);
	for (i = 0; i < CONFIG_MAX_LISTEN; i++)
		SWAP(fresh.listen[i], config.listen[i]);
	SWAP(fresh.ntls_listen, config.ntls_listen);
	for (i = 0; i < CONFIG_MAX_TLS_LISTEN; i++)
		SWAP(fresh.tls_listen[i], config.tls_listen[i]);
	config_free(&config);
	config = fresh;		/* every user holds &config */
	aerd.roles = roles;
	server_set_timeout(&aerd, config.idle_timeout);
	server_set_budget(&aerd, config.max_buffered);
	escalate_set_interval(aerd.escalator, config.escalation_interval);
	release_check(aerd.releaser);
	log_info("configuration reloaded");
	service_notify("READY=1");
}

static void
drain_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct timeval	tv = { 0, 100 * 1000 };

	if (conns_live(aerd.conns) == 0 ||
	    ++drain_ticks >= DRAIN_SECONDS * 10) {
		event_base_loopexit(aerd.base, NULL);
		return;
	}
	evtimer_add(drain_ev, &tv);
}

/* SIGTERM, SIGINT: stop accepting, let open connections finish, exit. */
static void
stop_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct timeval	tv = { 0, 0 };

	if (aerd.stopping)
		return;
	log_info("stopping on signal %d", (int)sig);
	service_notify("STOPPING=1");
	aerd.stopping = 1;
	server_stop_listening(&aerd);
	evtimer_add(drain_ev, &tv);
}

/* The Unix socket first, then each TCP and each TLS address; returns
 * how many. */
static int
open_listeners(int fds[MAX_LISTENERS])
{
	char	err[256];
	int	i;

	/* A socket handed over by aerd.socket takes the place of our own. */
	if ((i = service_listen_fds(fds, 1)) == -1)
		fatal("the socket passed by the service manager");
	if (i == 1) {
		socket_inherited = 1;
		log_info("using the socket passed by the service manager");
	} else if ((fds[0] = listen_unix(config.socket_path,
	    config.socket_mode, err, sizeof(err))) == -1)
		fatalx("%s", err);
	for (i = 0; i < config.nlisten + config.ntls_listen; i++)
		if ((fds[i + 1] = listen_tcp(i < config.nlisten ?
		    config.listen[i] : config.tls_listen[i - config.nlisten],
		    i >= config.nlisten, err, sizeof(err))) == -1)
			fatalx("%s", err);
	return config.nlisten + config.ntls_listen + 1;
}

static void
serve(const int fds[MAX_LISTENERS], int n)
{
	const char	*name;
	int		 i, tls;

	for (i = 0; i < n; i++) {
		tls = i > config.nlisten;
		name = i == 0 ? config.socket_path : tls ?
		    config.tls_listen[i - 1 - config.nlisten] :
		    config.listen[i - 1];
		if (server_listen_fd(&aerd, fds[i], tls) == -1)
			fatalx("cannot serve on %s", name);
		log_info("listening on %s%s", i == 0 && socket_inherited ?
		    "the passed socket" : name, tls ? " (TLS)" : "");
	}
}

/*
 * The configuration, the groups it names and the TLS certificate and
 * key: what a start needs before it binds or opens anything, and so
 * what -n checks. Every error is said, not only the first.
 */
static int
configure(const struct options *o)
{
	char	 err[4096], one[512], *line, *next;
	int	 rc;

	config_defaults(&config);
	rc = options_config(o, &config, err, sizeof(err));
	if (rolemap_build(&aerd.roles, &config, one, sizeof(one)) == -1) {
		config_add_error(err, sizeof(err), one);
		rc = -1;
	}
	if (config.ntls_listen > 0 && config.tls_certificate != NULL &&
	    config.tls_key != NULL && (aerd.tls = tls_new(
	    config.tls_certificate, config.tls_key, one, sizeof(one))) == NULL) {
		config_add_error(err, sizeof(err), one);
		rc = -1;
	}
	if (rc == 0)
		return 0;
	for (line = err; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (o->check)
			fprintf(stderr, "aerd: %s\n", line);
		else
			log_warnx("%s", line);
	}
	return -1;
}

/* aerd --check: the whole database, and the verdict. */
static int
check_db(void)
{
	char	err[512];
	int	rc;

	if ((rc = store_verify(config.db_path, err, sizeof(err))) == 0)
		printf("%s: ok\n", config.db_path);
	else
		fprintf(stderr, "aerd: %s\n", err);
	tls_free(aerd.tls);
	config_free(&config);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct options	*o = &opts;
	struct event	*sigterm, *sigint, *sighup;
	char		 err[512];
	int		 fds[MAX_LISTENERS], nfds, clean, fresh;

	options_parse(argc, argv, o);
	log_init(1, o->verbose);
	if (configure(o) == -1)
		exit(1);
	if (o->check_db)
		return check_db();
	raise_nofile(&config);
	if (o->check) {
		printf("configuration OK\n");
		tls_free(aerd.tls);
		config_free(&config);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	aerd.config = &config;
	aerd.now = wall_clock;
#ifdef AERD_TEST_CLOCK
	if ((clock_file = getenv("AERD_TEST_CLOCK")) != NULL) {
		log_warnx("the clock is read from %s (AERD_TEST_CLOCK), for "
		    "testing only", clock_file);
		aerd.now = file_clock;
	}
#endif
	/*
	 * What can fail for a reason the operator should read on the
	 * terminal is tried before daemon(): the database (migrated, its
	 * taxonomy loaded) and the listeners. The database is then opened
	 * again in the daemon itself: SQLite's POSIX locks do not pass
	 * through fork(), and a connection opened by the parent would let
	 * another process checkpoint and delete a WAL holding acknowledged
	 * reports. Never checked whole here (quick_check reads all of
	 * the file, minutes on a large one): when the last stop was not
	 * known to be clean (store-mark.c), integrity.c checks it in the
	 * background once aerd serves. The second opening only refuses a
	 * database made newer meanwhile. In the foreground there is no
	 * fork, and the first one is kept.
	 */
	/* The listeners first: a second aerd on a live socket goes away
	 * before it creates (or touches) a database of its own. */
	nfds = open_listeners(fds);
	err[0] = '\0';
	/* A database this start creates has nothing to check. */
	fresh = access(config.db_path, F_OK) == -1 && errno == ENOENT;
	clean = store_mark_take(config.db_path) || fresh;
	if (store_open_clean(config.db_path, &aerd.store, err,
	    sizeof(err)) == -1 ||
	    (aerd.taxonomy = taxonomy_new()) == NULL ||
	    store_load_taxonomy(aerd.store, aerd.taxonomy, err,
	    sizeof(err)) == -1) {
		if (!socket_inherited)
			unlink(config.socket_path);
		fatalx("%s", err[0] ? err : "out of memory");
	}
	if (clean && !fresh)
		log_info("database %s: stopped cleanly last time, not checked "
		    "again", config.db_path);
	if (!o->foreground)
		store_close(aerd.store);
	if (!o->foreground) {
		if (daemon(1, 0) == -1)
			fatal("daemon");
		log_init(0, o->verbose);
		if (store_reopen(config.db_path, &aerd.store, err,
		    sizeof(err)) == -1)
			fatalx("%s", err);
	}
	/* Three priorities: the group commit (filing.c) runs after every
	 * I/O callback of a turn of the loop. */
	if ((aerd.base = event_base_new()) == NULL ||
	    event_base_priority_init(aerd.base, 3) == -1)
		fatalx("cannot start the event loop");
	if (server_init(&aerd, config.max_connections,
	    config.idle_timeout) == -1 ||
	    (aerd.streams = streams_new()) == NULL)
		fatalx("cannot start the HTTP server");
	server_set_budget(&aerd, config.max_buffered);
	serve(fds, nfds);
	sigterm = evsignal_new(aerd.base, SIGTERM, stop_cb, NULL);
	sigint = evsignal_new(aerd.base, SIGINT, stop_cb, NULL);
	sighup = evsignal_new(aerd.base, SIGHUP, reload_cb, NULL);
	drain_ev = evtimer_new(aerd.base, drain_cb, NULL);
	if (sigterm == NULL || sigint == NULL || sighup == NULL ||
	    drain_ev == NULL || evsignal_add(sigterm, NULL) == -1 ||
	    evsignal_add(sigint, NULL) == -1 || evsignal_add(sighup, NULL) == -1)
		fatalx("cannot install signal handlers");
	if ((aerd.filer = filing_new(&aerd)) == NULL)
		fatalx("cannot start filing");
	if ((aerd.notifier = notify_new(aerd.base, &config)) == NULL ||
	    (aerd.escalator = escalate_new(&aerd,
	    config.escalation_interval)) == NULL)
		fatalx("cannot start the escalation timer");
	if ((aerd.releaser = release_new(&aerd)) == NULL)
		fatalx("cannot start the release timer");
	if (service_watchdog(aerd.base) == -1)
		fatalx("cannot start the watchdog timer");
	log_info("aerd %s ready; database %s", PACKAGE_VERSION, config.db_path);
	service_notify("READY=1");
	if (!clean && (aerd.integrity = integrity_start(&aerd,
	    check_hold())) == NULL)
		fatalx("cannot check the database");

	event_base_dispatch(aerd.base);

	if (!socket_inherited)
		unlink(config.socket_path);
	streams_free(aerd.streams);
	filing_free(aerd.filer);
	release_free(aerd.releaser);
	service_free();
	escalate_free(aerd.escalator);
	notify_free(aerd.notifier);
	event_free(sigterm);
	event_free(sigint);
	event_free(sighup);
	event_free(drain_ev);
	/* A check still running stops here; unfinished, it vouches for
	 * nothing, and no mark is left. */
	clean = !aerd.damaged && (clean || integrity_passed(aerd.integrity));
	integrity_free(aerd.integrity);
	server_free(&aerd);
	tls_free(aerd.tls);
	event_base_free(aerd.base);
	taxonomy_free(aerd.taxonomy);
	store_close(aerd.store);
	if (clean)
		store_mark_put(config.db_path);
	config_free(&config);
	log_info("stopped");
	return aerd.damaged ? 1 : 0;
}
