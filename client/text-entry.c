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
 * Text that may be long, typed or pasted at a terminal: a report's
 * description, what was done at once, a reply. In the terminal's own
 * line mode a line stops at 4,095 bytes and the rest is dropped without
 * a word, so on a terminal the text is read a key at a time and echoed
 * here: Enter ends a line, an empty line (or Ctrl-D) ends the text,
 * Backspace and Ctrl-U edit, and a paste the terminal marks as one
 * (bracketed paste) keeps its empty lines. What is typed is never cut;
 * the caller counts it against its limit in characters (text_chars) and
 * can hand it back to be shortened. Off a terminal, lines are read as
 * they come. Also here: what is said if Ctrl-C stops a form, with the
 * terminal put back as it was.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "aer.h"

#define ENTRY_MAX	(1024 * 1024)	/* bytes held: far past any limit */
#define PASTE_ON	"\033[?2004h"
#define PASTE_OFF	"\033[?2004l"

/* The terminal as it was, put back on a signal while keys are read. */
static struct termios		entry_saved;
static volatile sig_atomic_t	entry_fd = -1;
static const char		*entry_note;
static const int		entry_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM
};
#define NENTRY_SIGNALS	(sizeof(entry_signals) / sizeof(entry_signals[0]))

struct entry {
	char	*text;
	size_t	 len;
	size_t	 size;
	int	 over;		/* ENTRY_MAX reached; later keys dropped */
	int	 cols;		/* the terminal's width */
};

/* Characters (Unicode code points) in UTF-8 text, as aerd counts. */
size_t
text_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* Characters in the first n bytes of s. */
size_t
text_chars_n(const char *s, size_t n)
{
	size_t	i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return (c);
}

/* The length of the first max characters of s, in bytes. */
size_t
text_prefix(const char *s, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max)
			break;
	}
	return (i);
}

static void
entry_signal(int sig)
{
	if (entry_fd != -1) {
		(void)tcsetattr(entry_fd, TCSANOW, &entry_saved);
		(void)write(STDERR_FILENO, PASTE_OFF, strlen(PASTE_OFF));
	}
	if (entry_note != NULL) {
		(void)write(STDERR_FILENO, "\n", 1);
		(void)write(STDERR_FILENO, entry_note, strlen(entry_note));
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * What to say if Ctrl-C (or a hang-up) stops aer from now on, or NULL
 * to say nothing and let the signal do as it would.
 */
void
text_on_cancel(const char *note)
{
	struct sigaction	sa;
	size_t			i;

	entry_note = note;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = note != NULL ? entry_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NENTRY_SIGNALS; i++)
		sigaction(entry_signals[i], &sa, NULL);
}

/* While keys are read, a signal puts the terminal back first. */
static void
entry_catch(struct sigaction *old)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = entry_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NENTRY_SIGNALS; i++)
		sigaction(entry_signals[i], &sa, &old[i]);
}

static void
entry_release(const struct sigaction *old)
{
	size_t	i;

	for (i = 0; i < NENTRY_SIGNALS; i++)
		sigaction(entry_signals[i], &old[i], NULL);
}

static int
entry_add(struct entry *e, int c)
{
	char	*t;

	if (e->len + 2 > e->size) {
		if (e->size >= ENTRY_MAX) {
			e->over = 1;
			return (-1);
		}
		if ((t = realloc(e->text, e->size * 2)) == NULL) {
			e->over = 1;
			return (-1);
		}
		e->text = t;
		e->size *= 2;
	}
	e->text[e->len++] = (char)c;
	e->text[e->len] = '\0';
	return (0);
}

/* Where the line being typed starts. */
static size_t
entry_line_start(const struct entry *e)
{
	size_t	i = e->len;

	while (i > 0 && e->text[i - 1] != '\n')
		i--;
	return (i);
}

/* Take back the last character, on the screen too. */
static void
entry_erase(struct entry *e)
{
	size_t	start, chars;

	if (e->len == 0)
		return;
	if (e->text[e->len - 1] == '\n') {
		/* Back up to the end of the line before. */
		e->text[--e->len] = '\0';
		start = entry_line_start(e);
		chars = text_chars(e->text + start);
		fprintf(stderr, "\033[A\033[%zuG", chars % (size_t)e->cols + 1);
		return;
	}
	while (e->len > 0 && ((unsigned char)e->text[e->len - 1] & 0xc0) ==
	    0x80)
		e->len--;
	e->len--;
	e->text[e->len] = '\0';
	fputs("\b \b", stderr);
}

/* An escape sequence: the start or end of a paste, or a key to ignore. */
static void
entry_escape(int *paste)
{
	char	seq[16];
	size_t	n = 0;
	int	c;

	if ((c = getc(stdin)) == 'O') {
		(void)getc(stdin);
		return;
	}
	if (c != '[') {
		/* Escape alone: the key after it is kept. */
		if (c != EOF && c != '\033')
			(void)ungetc(c, stdin);
		return;
	}
	while ((c = getc(stdin)) != EOF) {
		if (n + 1 < sizeof(seq))
			seq[n++] = (char)c;
		if (c >= 0x40 && c <= 0x7e)
			break;
	}
	seq[n] = '\0';
	if (strcmp(seq, "200~") == 0)
		*paste = 1;
	else if (strcmp(seq, "201~") == 0)
		*paste = 0;
}

/*
 * Read keys into e until the text ends. Returns PROMPT_OK, or PROMPT_EOF
 * if input ended (or Ctrl-D came) with nothing typed.
 */
static int
entry_keys(struct entry *e, const struct termios *t, int lines)
{
	int	c, paste = 0;

	while ((c = getc(stdin)) != EOF) {
		if (c == t->c_cc[VEOF] && !paste) {
			if (e->len == 0)
				return (PROMPT_EOF);
			break;
		}
		if (c == '\033') {
			entry_escape(&paste);
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (!paste && (!lines || e->len == entry_line_start(e)))
				break;
			if (entry_add(e, '\n') == 0)
				fputs("\r\n", stderr);
			continue;
		}
		if (c == t->c_cc[VERASE] || c == '\b' || c == 0x7f) {
			entry_erase(e);
			continue;
		}
		if (c != 0 && c == t->c_cc[VKILL]) {
			while (e->len > entry_line_start(e))
				entry_erase(e);
			continue;
		}
		if (c < 0x20 && c != '\t')
			continue;
		if (entry_add(e, c) == 0)
			fputc(c, stderr);
	}
	if (c == EOF && e->len == 0)
		return (PROMPT_EOF);
	fputs("\r\n", stderr);
	return (PROMPT_OK);
}

/* Off a terminal: a line, or lines up to an empty one or the end. */
static int
entry_lines(struct entry *e, int lines)
{
	char	*line;
	size_t	 i;
	int	 rc;

	while ((rc = read_line(stdin, ENTRY_MAX, &line)) == PROMPT_OK) {
		if (lines && *aer_trim(line) == '\0') {
			free(line);
			break;
		}
		if (e->len > 0)
			(void)entry_add(e, '\n');
		for (i = 0; line[i] != '\0'; i++)
			(void)entry_add(e, line[i]);
		free(line);
		if (!lines)
			break;
	}
	if (rc == PROMPT_EOF && e->len == 0)
		return (PROMPT_EOF);
	return (PROMPT_OK);
}

/*
 * Ask question and read text: one line, or with lines set several,
 * ended by an empty line or Ctrl-D. start, if not NULL, is put back in
 * first, to go on editing. Returns PROMPT_OK with *out set (malloc'd,
 * white space trimmed from both ends), PROMPT_SKIP if it is empty, or
 * PROMPT_EOF.
 */
int
text_entry(const char *question, int lines, const char *start, char **out)
{
	struct entry	 e = { NULL, 0, 256, 0, 80 };
	struct sigaction old[NENTRY_SIGNALS];
	struct termios	 raw;
	struct winsize	 ws;
	char		*trimmed;
	int		 fd = fileno(stdin), tty, rc;

	*out = NULL;
	if ((e.text = malloc(e.size)) == NULL)
		return (PROMPT_EOF);
	e.text[0] = '\0';
	tty = isatty(fd) && tcgetattr(fd, &entry_saved) == 0;
	if (start != NULL)
		for (; *start != '\0'; start++)
			(void)entry_add(&e, *start);
	if (!tty) {
		fputs(question, stderr);
		rc = entry_lines(&e, lines);
	} else {
		if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			e.cols = ws.ws_col;
		raw = entry_saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		/*
		 * Out of line mode before the question is seen, so that
		 * nothing pasted at it meets the line limit; TCSANOW, not
		 * TCSAFLUSH, to keep what was typed ahead.
		 */
		entry_catch(old);
		entry_fd = fd;
		(void)tcsetattr(fd, TCSANOW, &raw);
		fputs(question, stderr);
		fputs(PASTE_ON, stderr);
		aer_print_text(stderr, e.text);
		rc = entry_keys(&e, &entry_saved, lines);
		fputs(PASTE_OFF, stderr);
		(void)tcsetattr(fd, TCSANOW, &entry_saved);
		entry_fd = -1;
		entry_release(old);
		clearerr(stdin);
	}
	if (e.over)
		fprintf(stderr, "That was more than aer holds (%d bytes); the "
		    "end was left out.\n", ENTRY_MAX);
	if (rc != PROMPT_OK) {
		free(e.text);
		return (rc);
	}
	trimmed = aer_trim(e.text);
	if (*trimmed == '\0') {
		free(e.text);
		return (PROMPT_SKIP);
	}
	memmove(e.text, trimmed, strlen(trimmed) + 1);
	*out = e.text;
	return (PROMPT_OK);
}
