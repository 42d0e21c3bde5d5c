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
 * The operator's notify command: run without a shell (the configured
 * line split on blanks), with one JSON event on its standard input, and
 * killed if it outlives notify_timeout. Nothing here waits: the child is
 * reaped on SIGCHLD, so a hanging command never holds up the event loop.
 * At most NOTIFY_MAX_CHILDREN run at once; further events wait in order
 * (up to NOTIFY_MAX_PENDING) and each goes out as a child is reaped, so
 * an escalation pass that finds many items overdue loses none of them.
 */
#include "config.h"

#include <sys/queue.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "aerd.h"

#define NOTIFY_MAX_CHILDREN	8
#define NOTIFY_MAX_ARGS		32
#define NOTIFY_MAX_PENDING	10000

extern char **environ;

struct child {
	pid_t		 pid;
	struct event	*deadline;
	struct notifier	*n;
};

struct pending {
	TAILQ_ENTRY(pending)	 entry;
	char			*text;	/* the event, a line of JSON */
};

struct notifier {
	struct event_base	*base;
	struct event		*sigchld;
	const struct config	*config;
	struct child		 children[NOTIFY_MAX_CHILDREN];
	TAILQ_HEAD(, pending)	 pending;
	int			 npending;
};

static void	drain(struct notifier *);

static void
deadline_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct child	*c = arg;

	if (c->pid > 0) {
		log_warnx("notify command (pid %ld) took longer than %d s; "
		    "killed", (long)c->pid, c->n->config->notify_timeout);
		kill(-c->pid, SIGKILL);
	}
}

static void
sigchld_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct notifier	*n = arg;
	pid_t		 pid;
	int		 status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < NOTIFY_MAX_CHILDREN; i++) {
			if (n->children[i].pid != pid)
				continue;
			event_del(n->children[i].deadline);
			n->children[i].pid = 0;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			log_warnx("notify command exited with status %d",
			    WEXITSTATUS(status));
	}
	drain(n);
}

struct notifier *
notify_new(struct event_base *base, const struct config *config)
{
	struct notifier	*n;
	int		 i;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	n->base = base;
	n->config = config;
	TAILQ_INIT(&n->pending);
	n->sigchld = evsignal_new(base, SIGCHLD, sigchld_cb, n);
	if (n->sigchld == NULL || evsignal_add(n->sigchld, NULL) == -1) {
		notify_free(n);
		return NULL;
	}
	for (i = 0; i < NOTIFY_MAX_CHILDREN; i++) {
		n->children[i].n = n;
		n->children[i].deadline = evtimer_new(base, deadline_cb,
		    &n->children[i]);
		if (n->children[i].deadline == NULL) {
			notify_free(n);
			return NULL;
		}
	}
	return n;
}

void
notify_free(struct notifier *n)
{
	struct pending	*e;
	int		 i;

	if (n == NULL)
		return;
	if (n->npending > 0)
		log_warnx("notify: %d events not sent before stopping",
		    n->npending);
	while ((e = TAILQ_FIRST(&n->pending)) != NULL) {
		TAILQ_REMOVE(&n->pending, e, entry);
		free(e->text);
		free(e);
	}
	for (i = 0; i < NOTIFY_MAX_CHILDREN; i++) {
		if (n->children[i].pid > 0)
			kill(-n->children[i].pid, SIGKILL);
		if (n->children[i].deadline != NULL)
			event_free(n->children[i].deadline);
	}
	if (n->sigchld != NULL)
		event_free(n->sigchld);
	free(n);
}

static int
split(char *line, char *argv[NOTIFY_MAX_ARGS])
{
	char	*word, *save = NULL;
	int	 argc = 0;

	for (word = strtok_r(line, " \t", &save); word != NULL &&
	    argc < NOTIFY_MAX_ARGS - 1; word = strtok_r(NULL, " \t", &save))
		argv[argc++] = word;
	argv[argc] = NULL;
	return argc;
}

static struct child *
free_child(struct notifier *n)
{
	int	i;

	for (i = 0; i < NOTIFY_MAX_CHILDREN; i++)
		if (n->children[i].pid == 0)
			return &n->children[i];
	return NULL;
}

/* Runs the notify command in slot c with text on its stdin. */
static int
start(struct notifier *n, struct child *c, const char *text)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	struct timeval			 tv;
	char				*argv[NOTIFY_MAX_ARGS], *line;
	int				 p[2], rc;
	pid_t				 pid;

	if ((line = strdup(n->config->notify_command)) == NULL ||
	    split(line, argv) == 0 || pipe2(p, O_CLOEXEC) == -1) {
		free(line);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], STDIN_FILENO);
	/* Its own process group, so the time limit takes its children too. */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawn(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(p[0]);
	free(line);
	if (rc != 0) {
		errno = rc;
		log_warn("notify: cannot run %s", n->config->notify_command);
		close(p[1]);
		return -1;
	}
	c->pid = pid;
	tv.tv_sec = n->config->notify_timeout;
	tv.tv_usec = 0;
	evtimer_add(c->deadline, &tv);
	/* One event is far smaller than a pipe's buffer: this never blocks. */
	if (write(p[1], text, strlen(text)) == -1 ||
	    write(p[1], "\n", 1) == -1)
		log_warn("notify: cannot write the event");
	close(p[1]);
	return 0;
}

/* Sends waiting events while there are free slots. */
static void
drain(struct notifier *n)
{
	struct pending	*e;
	struct child	*c;

	while ((e = TAILQ_FIRST(&n->pending)) != NULL &&
	    (c = free_child(n)) != NULL) {
		TAILQ_REMOVE(&n->pending, e, entry);
		n->npending--;
		if (n->config->notify_command != NULL)
			start(n, c, e->text);
		free(e->text);
		free(e);
	}
}

/* Runs the notify command with event (not stolen) on its stdin, now or
 * once a slot is free. */
int
notify_send(struct notifier *n, json_t *event)
{
	struct pending	*e;
	struct child	*c;
	char		*text;
	int		 rc;

	if (n->config->notify_command == NULL)
		return 0;
	if ((text = json_dumps(event, JSON_COMPACT)) == NULL)
		return -1;
	if (TAILQ_EMPTY(&n->pending) && (c = free_child(n)) != NULL) {
		rc = start(n, c, text);
		free(text);
		return rc;
	}
	if (n->npending >= NOTIFY_MAX_PENDING ||
	    (e = calloc(1, sizeof(*e))) == NULL) {
		log_warnx("notify: %d events waiting; event not sent",
		    n->npending);
		free(text);
		return -1;
	}
	e->text = text;
	TAILQ_INSERT_TAIL(&n->pending, e, entry);
	n->npending++;
	return 0;
}
