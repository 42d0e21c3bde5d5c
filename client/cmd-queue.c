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
 * aer queue: the reviewers' work list, as aerd sorts it: anything overdue
 * first, then the most harmful, then by the next deadline. aerd sends it
 * a page at a time; aer asks for up to --limit cases (AER_QUEUE_LIMIT at
 * most), fits them to the terminal (queue-print.c) and, when they are
 * more than a screen, shows them through a pager as git does.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

#define QUEUE_PAGE	500	/* cases asked for at a time */
#define QUEUE_PAGER	"less"	/* with LESS=FRX unless $LESS is set */

static int	cmd_queue_exec(struct aer_ctx *, struct args *);

static const struct args_option queue_options[] = {
	{ "state", 's', ARGS_VALUE, "STATE", "only cases in STATE: new, "
	    "triaged, investigating, actions,\nreferred or closed" },
	{ "overdue", 'o', 0, NULL, "only cases with something overdue" },
	{ "category", 'c', ARGS_VALUE, "CODE", "only cases of this category" },
	{ "harm", 'H', ARGS_VALUE, "CODE", "only cases with this harm" },
	{ "since", 'S', ARGS_VALUE, "DAY",
	    "only cases received on DAY (YYYY-MM-DD) or after" },
	{ "limit", 'n', ARGS_VALUE, "N", "at most N cases (default and most "
	    AER_STR(AER_QUEUE_LIMIT) ")" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_queue_entry = {
	.name = "queue",
	.usage = "[--state STATE] [--overdue] [--category CODE] [--harm CODE]"
	    "\n                 [--since DAY] [--limit N] [--json]",
	.summary = "list the cases to work on (reviewers)",
	.help =
	    "List cases, anything overdue first, then the most harmful (the "
	    "worse of the\nharm reported and the SAC score), then by the next "
	    "deadline. Without --state,\nevery open case: new, triaged, "
	    "investigating and actions.\n",
	.options = queue_options,
	.more =
	    "ID is the first " AER_STR(CASE_SHORT_ID) " characters of the "
	    "case's id, which aer show and the other\ncommands take; SAC is "
	    "the triage score (- before triage); NEXT DUE is the\nnext "
	    "deadline, in days from today. ! marks a case with something "
	    "overdue; R one\nwhose reporter wrote last, with no reviewer's "
	    "answer since. The table fits the\nterminal, and a longer list "
	    "goes through $PAGER (less -FRX by default).\n",
	.exec = cmd_queue_exec
};

/* What is asked for, checked. */
struct queue_ask {
	const char	*state;
	int		 overdue;
	const char	*category;
	const char	*harm;
	const char	*since;
	int		 limit;
};

static const char *const queue_states[] = {
	"new", "triaged", "investigating", "actions", "referred", "closed",
};

/* Each flag checked, every wrong one told. Returns 0 or the status. */
static int
queue_check(struct aer_ctx *ctx, const struct args *args,
    struct queue_ask *q)
{
	const char	*limit = args_get(args, 'n'), *near;
	json_t		*tax;
	char		*end;
	long		 n;
	size_t		 i, ns = sizeof(queue_states) / sizeof(queue_states[0]);
	int		 rc = 0;

	q->state = args_get(args, 's');
	q->overdue = args_has(args, 'o');
	q->category = args_get(args, 'c');
	q->harm = args_get(args, 'H');
	q->since = args_get(args, 'S');
	q->limit = AER_QUEUE_LIMIT;
	if (args->argc > 0)
		return (args_usage(&cmd_queue_entry, "unexpected '%s'",
		    args->argv[0]));
	for (i = 0; q->state != NULL && i < ns; i++) {
		if (strcmp(q->state, queue_states[i]) == 0)
			break;
	}
	if (q->state != NULL && i == ns) {
		near = hint_nearest(q->state, queue_states, ns);
		aer_warnx("--state %s is not one of new, triaged, "
		    "investigating, actions, referred or closed%s%s%s",
		    q->state, near ? "; did you mean " : "", near ? near : "",
		    near ? "?" : "");
		rc = AER_EXIT_USAGE;
	}
	if (limit != NULL) {
		n = strtol(limit, &end, 10);
		if (*limit == '\0' || *end != '\0' || n < 1 ||
		    n > AER_QUEUE_LIMIT) {
			aer_warnx("--limit %s: give a number from 1 to %d",
			    limit, AER_QUEUE_LIMIT);
			rc = AER_EXIT_USAGE;
		} else
			q->limit = (int)n;
	}
	if (q->since != NULL && !case_day_ok(q->since)) {
		aer_warnx("--since %s: give a day like 2026-12-01", q->since);
		rc = AER_EXIT_USAGE;
	}
	if (q->category == NULL && q->harm == NULL)
		return (rc);
	if (codes_fetch(ctx, &tax) != AER_EXIT_OK)
		return (AER_EXIT_FAIL);
	if (q->category != NULL && codes_check(tax, "category", "--category",
	    q->category) != 0)
		rc = AER_EXIT_USAGE;
	if (q->harm != NULL && codes_check(tax, "harm", "--harm",
	    q->harm) != 0)
		rc = AER_EXIT_USAGE;
	json_decref(tax);
	return (rc);
}

static const struct case_flag queue_flags[] = {
	{ "state", "--state" },
	{ "overdue", "--overdue" },
	{ "limit", "--limit" },
	{ "category", "--category" },
	{ "harm", "--harm" },
	{ "since", "--since" },
	{ NULL, NULL }
};

/* "&name=value" into path, when value is set (codes and days only). */
static void
queue_param(char *path, size_t len, const char *name, const char *value)
{
	size_t	used = strlen(path);

	if (value != NULL)
		snprintf(path + used, len - used, "&%s=%s", name, value);
}

/*
 * Up to q->limit cases, page by page, as one reply {"cases": [...],
 * "more": true|false}.
 */
static int
queue_fetch(struct aer_ctx *ctx, const struct queue_ask *q, json_t **out)
{
	json_t		*all, *page, *next;
	char		 path[CASE_PATH_MAX + 256], after[128];
	int		 rc, left = q->limit, more = 0;

	*out = NULL;
	if ((all = json_array()) == NULL)
		return (AER_EXIT_FAIL);
	after[0] = '\0';
	for (;;) {
		snprintf(path, sizeof(path), "%s?limit=%d%s",
		    AER_PATH_QUEUE, left < QUEUE_PAGE ? left : QUEUE_PAGE,
		    q->overdue ? "&overdue=1" : "");
		queue_param(path, sizeof(path), "state", q->state);
		queue_param(path, sizeof(path), "category", q->category);
		queue_param(path, sizeof(path), "harm", q->harm);
		queue_param(path, sizeof(path), "since", q->since);
		queue_param(path, sizeof(path), "after", after[0] ? after :
		    NULL);
		if ((rc = case_call(ctx, "GET", path, NULL, queue_flags,
		    &page, NULL)) != AER_EXIT_OK) {
			json_decref(all);
			return (rc);
		}
		json_array_extend(all, json_object_get(page, "cases"));
		left = q->limit - (int)json_array_size(all);
		next = json_object_get(page, "next");
		more = json_is_string(next);
		if (left <= 0 || !json_is_string(next) ||
		    strlen(json_string_value(next)) >= sizeof(after) ||
		    strspn(json_string_value(next),
		    "0123456789abcdefno-_") != strlen(json_string_value(next))) {
			json_decref(page);
			break;
		}
		snprintf(after, sizeof(after), "%s", json_string_value(next));
		json_decref(page);
	}
	*out = json_pack("{s:o, s:b}", "cases", all, "more", more);
	return (*out != NULL ? AER_EXIT_OK : AER_EXIT_FAIL);
}

/* The terminal's size when standard output is one; 0 otherwise. */
static void
queue_screen(size_t *cols, size_t *rows)
{
	struct winsize	 ws;
	const char	*env;

	*cols = *rows = 0;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	} else if ((env = getenv("COLUMNS")) != NULL && atoi(env) > 0)
		*cols = (size_t)atoi(env);
}

#define QUEUE_PAGER_ARGS	16	/* words of $PAGER */

/*
 * Start the pager, its words split at blanks (no shell), reading the
 * returned pipe; -1 if it cannot be started.
 */
static int
queue_pager(const char *pager, pid_t *pid)
{
	extern char			**environ;
	posix_spawn_file_actions_t	  fa;
	char				 *copy, *argv[QUEUE_PAGER_ARGS + 1];
	char				 *word, *last;
	int				  fd[2], n = 0, rc;

	if ((copy = strdup(pager)) == NULL)
		return (-1);
	for (word = strtok_r(copy, " \t", &last); word != NULL &&
	    n < QUEUE_PAGER_ARGS; word = strtok_r(NULL, " \t", &last))
		argv[n++] = word;
	argv[n] = NULL;
	if (n == 0 || pipe(fd) == -1) {
		free(copy);
		return (-1);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(copy);
	close(fd[0]);
	if (rc != 0) {
		close(fd[1]);
		return (-1);
	}
	return (fd[1]);
}

/*
 * What was written, to standard output, or through the pager when it is
 * a terminal the text is longer than: $PAGER (none if empty or "cat"),
 * else less, with LESS=FRX unless $LESS is set, as git does.
 */
static int
queue_page(const char *text, size_t len, size_t lines, size_t rows)
{
	const char	*pager = getenv("PAGER");
	void		(*old)(int);
	pid_t		 pid;
	ssize_t		 n;
	int		 fd, status;

	if (rows == 0 || lines < rows || (pager != NULL &&
	    (*pager == '\0' || strcmp(pager, "cat") == 0))) {
		fwrite(text, 1, len, stdout);
		return (aer_flush_stdout("the queue"));
	}
	if (pager == NULL)
		pager = QUEUE_PAGER;
	if (getenv("LESS") == NULL)
		setenv("LESS", "FRX", 1);
	if (fflush(stdout) != 0 || (fd = queue_pager(pager, &pid)) == -1) {
		fwrite(text, 1, len, stdout);
		return (aer_flush_stdout("the queue"));
	}
	old = signal(SIGPIPE, SIG_IGN);
	while (len > 0 && (n = write(fd, text, len)) > 0) {
		text += n;
		len -= (size_t)n;
	}
	close(fd);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	signal(SIGPIPE, old);
	return (AER_EXIT_OK);
}

/* The count, the table and what more there is. */
static int
queue_show(json_t *reply)
{
	json_t	*cases = json_object_get(reply, "cases");
	size_t	 n = json_array_size(cases), lines, cols, rows, len;
	char	*text = NULL;
	FILE	*fp;
	int	 more = json_is_true(json_object_get(reply, "more")), rc;

	queue_screen(&cols, &rows);
	if ((fp = open_memstream(&text, &len)) == NULL) {
		aer_warn("memory");
		return (AER_EXIT_FAIL);
	}
	if (n == 0)
		fprintf(fp, "No cases.\n");
	else if (more)
		fprintf(fp, "The first %zu cases, most urgent first; more "
		    "wait (--limit, or a filter).\n", n);
	else
		fprintf(fp, "%zu case%s, most urgent first.\n", n,
		    n == 1 ? "" : "s");
	lines = 1;
	if (n > 0)
		lines += queue_print(fp, cases, cols);
	if (fclose(fp) != 0) {
		free(text);
		return (AER_EXIT_FAIL);
	}
	rc = queue_page(text, len, lines, rows);
	free(text);
	return (rc);
}

static int
cmd_queue_exec(struct aer_ctx *ctx, struct args *args)
{
	struct queue_ask	 q;
	json_t			*reply;
	int			 rc;

	if ((rc = queue_check(ctx, args, &q)) != 0)
		return (rc);
	if ((rc = queue_fetch(ctx, &q, &reply)) != AER_EXIT_OK)
		return (rc);
	rc = ctx->json ? case_print_json(reply) : queue_show(reply);
	json_decref(reply);
	return (rc);
}
