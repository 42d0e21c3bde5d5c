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
 * Asking questions: a line, a hidden line, a few lines of text, a yes or
 * no, and a choice from one of aerd's taxonomy lists. Questions go to
 * stderr and answers come from stdin, so stdout holds only results.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "aer.h"

/* The terminal state to put back if a signal comes while echo is off. */
static struct termios		hidden_saved;
static volatile sig_atomic_t	hidden_fd = -1;
static const int		hidden_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM
};
#define NHIDDEN_SIGNALS	(sizeof(hidden_signals) / sizeof(hidden_signals[0]))

static void
too_long(size_t max)
{
	fprintf(stderr, "That is too long; keep it under %zu characters.\n",
	    max);
}

/*
 * Ask for one line. Returns PROMPT_OK with *out set (trimmed, malloc'd),
 * PROMPT_SKIP for an empty answer, or PROMPT_EOF.
 */
int
prompt_line(const char *question, size_t max, char **out)
{
	char	*line, *trimmed;
	int	 rc;

	*out = NULL;
	for (;;) {
		fputs(question, stderr);
		rc = read_line(stdin, max, &line);
		if (rc == PROMPT_EOF) {
			fputc('\n', stderr);
			return (PROMPT_EOF);
		}
		if (rc == PROMPT_TOO_LONG) {
			too_long(max);
			continue;
		}
		break;
	}
	trimmed = aer_trim(line);
	if (*trimmed == '\0') {
		free(line);
		return (PROMPT_SKIP);
	}
	memmove(line, trimmed, strlen(trimmed) + 1);
	*out = line;
	return (PROMPT_OK);
}

static void
hidden_signal(int sig)
{
	if (hidden_fd != -1)
		(void)tcsetattr(hidden_fd, TCSAFLUSH, &hidden_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Turn echo off (on == 0) or back on, catching signals meanwhile. */
static void
hidden_echo(int fd, int on, struct sigaction *old)
{
	struct sigaction	sa;
	struct termios		tio;
	size_t			i;

	if (on) {
		(void)tcsetattr(fd, TCSANOW, &hidden_saved);
		hidden_fd = -1;
		for (i = 0; i < NHIDDEN_SIGNALS; i++)
			sigaction(hidden_signals[i], &old[i], NULL);
		fputc('\n', stderr);
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = hidden_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NHIDDEN_SIGNALS; i++)
		sigaction(hidden_signals[i], &sa, &old[i]);
	tio = hidden_saved;
	tio.c_lflag &= ~(tcflag_t)ECHO;
	hidden_fd = fd;
	/* TCSANOW: a receipt pasted as the prompt appears is kept. */
	(void)tcsetattr(fd, TCSANOW, &tio);
}

/* Ask for a secret: like prompt_line, without echo on a terminal. */
int
prompt_hidden(const char *question, size_t max, char **out)
{
	struct sigaction	 old[NHIDDEN_SIGNALS];
	char			*line;
	int			 fd = fileno(stdin), hide, rc;

	*out = NULL;
	hide = isatty(fd) && tcgetattr(fd, &hidden_saved) == 0;
	if (hide)
		hidden_echo(fd, 0, old);
	fputs(question, stderr);
	rc = read_line(stdin, max, &line);
	if (hide)
		hidden_echo(fd, 1, old);
	if (rc == PROMPT_OK)
		*out = line;
	return (rc);
}

/* Append line and a newline to text; return -1 past max bytes. */
static int
text_append(char *text, size_t *len, size_t max, const char *line)
{
	size_t	n = strlen(line);

	if (*len + n + 1 > max)
		return (-1);
	memcpy(text + *len, line, n);
	*len += n;
	text[(*len)++] = '\n';
	text[*len] = '\0';
	return (0);
}

/*
 * Ask for a few lines of text, ended by an empty line or the end of
 * input. Returns PROMPT_OK with *out set, PROMPT_SKIP if nothing was
 * typed, or PROMPT_EOF if input ended before anything was typed.
 */
int
prompt_text(const char *question, size_t max, char **out)
{
	char	*text, *line, *trimmed;
	size_t	 len;
	int	 rc, over;

	*out = NULL;
	if ((text = malloc(max + 2)) == NULL)
		return (PROMPT_EOF);
again:
	fputs(question, stderr);
	len = 0;
	over = 0;
	text[0] = '\0';
	while ((rc = read_line(stdin, max, &line)) != PROMPT_EOF) {
		if (rc == PROMPT_TOO_LONG) {
			over = 1;
			continue;
		}
		if (*aer_trim(line) == '\0') {
			free(line);
			break;
		}
		if (text_append(text, &len, max + 1, line) != 0)
			over = 1;
		free(line);
	}
	if (rc == PROMPT_EOF) {
		if (len == 0 && !over) {
			free(text);
			return (PROMPT_EOF);
		}
		if (isatty(fileno(stdin)))
			clearerr(stdin);	/* Ctrl-D ended the text only */
	}
	if (over) {
		too_long(max);
		goto again;
	}
	trimmed = aer_trim(text);
	if (*trimmed == '\0') {
		free(text);
		return (PROMPT_SKIP);
	}
	memmove(text, trimmed, strlen(trimmed) + 1);
	*out = text;
	return (PROMPT_OK);
}

/* Ask a yes or no question. Returns 1, 0, or PROMPT_EOF. */
int
prompt_yesno(const char *question, int dflt)
{
	char	*line;
	int	 rc, yes;

	for (;;) {
		rc = prompt_line(question, 16, &line);
		if (rc == PROMPT_EOF)
			return (PROMPT_EOF);
		if (rc == PROMPT_SKIP)
			return (dflt);
		yes = strcasecmp(line, "y") == 0 ||
		    strcasecmp(line, "yes") == 0;
		if (yes || strcasecmp(line, "n") == 0 ||
		    strcasecmp(line, "no") == 0) {
			free(line);
			return (yes);
		}
		free(line);
		fputs("Please answer y or n.\n", stderr);
	}
}

static const char *
item_code(json_t *item)
{
	const char	*code;

	code = json_string_value(json_object_get(item, "code"));
	return (code != NULL ? code : "");
}

static const char *
item_label(json_t *item)
{
	const char	*label;

	label = json_string_value(json_object_get(item, "label"));
	return (label != NULL ? label : item_code(item));
}

/* The label for a code in a taxonomy list, or the code itself. */
const char *
tax_label_of(json_t *list, const char *code)
{
	json_t	*item;
	size_t	 i;

	json_array_foreach(list, i, item) {
		if (strcmp(item_code(item), code) == 0)
			return (item_label(item));
	}
	return (code);
}

static void
list_show(const char *question, json_t *list)
{
	json_t	*item;
	size_t	 i;

	fprintf(stderr, "\n%s\n", question);
	json_array_foreach(list, i, item) {
		fprintf(stderr, "  %2zu  ", i + 1);
		aer_print_text(stderr, item_label(item));
		fputc('\n', stderr);
	}
}

/* Find an answer in a list: its number, its code or its label. */
static json_t *
list_find(json_t *list, const char *answer)
{
	json_t		*item;
	size_t		 i;
	char		*end;
	unsigned long	 n;

	if (isdigit((unsigned char)answer[0])) {
		errno = 0;
		n = strtoul(answer, &end, 10);
		if (errno != 0 || *end != '\0' || n == 0)
			return (NULL);
		return (json_array_get(list, n - 1));
	}
	json_array_foreach(list, i, item) {
		if (strcasecmp(item_code(item), answer) == 0 ||
		    strcasecmp(item_label(item), answer) == 0)
			return (item);
	}
	return (NULL);
}

static void
list_bad(json_t *list, const char *answer)
{
	fputs("'", stderr);
	aer_print_text(stderr, answer);
	fprintf(stderr, "' is not on the list; type a number from 1 to %zu.\n",
	    json_array_size(list));
}

/*
 * Offer a taxonomy list (code and label objects, in order) by number.
 * Returns PROMPT_OK with *code pointing into the list, PROMPT_SKIP if
 * optional and the answer is empty, or PROMPT_EOF.
 */
int
prompt_choose(const char *question, json_t *list, int optional,
    const char **code)
{
	json_t	*item;
	char	 ask[64], *line;
	int	 rc;

	*code = NULL;
	list_show(question, list);
	snprintf(ask, sizeof(ask), "Choose 1-%zu%s: ", json_array_size(list),
	    optional ? ", or Enter to skip" : "");
	for (;;) {
		rc = prompt_line(ask, AER_MAX_CODE * 2, &line);
		if (rc == PROMPT_EOF)
			return (PROMPT_EOF);
		if (rc == PROMPT_SKIP) {
			if (optional)
				return (PROMPT_SKIP);
			fputs("This one is needed; please choose.\n", stderr);
			continue;
		}
		if ((item = list_find(list, line)) != NULL) {
			free(line);
			*code = item_code(item);
			return (PROMPT_OK);
		}
		list_bad(list, line);
		free(line);
	}
}

/* Add each answer in line to codes; -1 (codes emptied) on a bad one. */
static int
choose_many_parse(json_t *list, char *line, size_t max, json_t *codes)
{
	json_t		*item, *have;
	const char	*code;
	char		*word, *state = NULL;
	size_t		 i;
	int		 dup;

	json_array_clear(codes);
	for (word = strtok_r(line, " ,\t", &state); word != NULL;
	    word = strtok_r(NULL, " ,\t", &state)) {
		if ((item = list_find(list, word)) == NULL) {
			list_bad(list, word);
			json_array_clear(codes);
			return (-1);
		}
		code = item_code(item);
		dup = 0;
		json_array_foreach(codes, i, have)
			dup |= strcmp(json_string_value(have), code) == 0;
		if (!dup)
			json_array_append_new(codes, json_string(code));
	}
	if (json_array_size(codes) > max) {
		fprintf(stderr, "Choose at most %zu.\n", max);
		json_array_clear(codes);
		return (-1);
	}
	return (0);
}

/*
 * Offer a list from which several may be chosen, by numbers or codes
 * separated by spaces or commas; the codes chosen are appended to codes.
 * Returns PROMPT_OK, PROMPT_SKIP (nothing chosen), or PROMPT_EOF.
 */
int
prompt_choose_many(const char *question, json_t *list, size_t max,
    json_t *codes)
{
	char	*line;
	int	 rc;

	list_show(question, list);
	for (;;) {
		rc = prompt_line("Numbers separated by spaces or commas, "
		    "or Enter to skip: ", (AER_MAX_CODE + 2) * max, &line);
		if (rc != PROMPT_OK)
			return (rc);
		rc = choose_many_parse(list, line, max, codes);
		free(line);
		if (rc == 0)
			return (json_array_size(codes) > 0 ? PROMPT_OK :
			    PROMPT_SKIP);
	}
}
