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
 * What every part of aer uses: warnings on stderr, printing text that
 * came from elsewhere so it cannot drive the terminal, reading a line,
 * trimming and wiping. It calls nothing else in aer.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

void
aer_warnx(const char *fmt, ...)
{
	va_list	ap;

	fputs("aer: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
aer_warn(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	fputs("aer: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
}

/* Where aerd is, as a person would recognise it in a message. */
const char *
aer_where(const struct aer_ctx *ctx)
{
	return (ctx->url != NULL ? ctx->url : ctx->socket);
}

/*
 * Print text that came from elsewhere (aerd, a taxonomy label) without
 * letting it drive the terminal: C0 and C1 controls other than newline
 * and tab, DEL, and the bidirectional overrides (U+202A-U+202E,
 * U+2066-U+2069) are shown as '?'.
 */
void
aer_print_text(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			fputc('?', fp);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fputc('?', fp);
			p++;
		} else if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9))) {
			fputc('?', fp);
			p += 2;
		} else
			fputc(*p, fp);
	}
}

void
aer_print_json(FILE *fp, json_t *json)
{
	char	*s;

	if ((s = json_dumps(json, JSON_INDENT(2))) == NULL) {
		aer_warnx("out of memory");
		return;
	}
	fprintf(fp, "%s\n", s);
	free(s);
}

/* Make sure what was printed reached its destination. */
int
aer_flush_stdout(const char *what)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		aer_warn("could not write %s", what);
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/* Clear a secret before its memory is given back. */
void
aer_wipe(void *p, size_t len)
{
	volatile unsigned char	*v = p;

	while (len-- > 0)
		*v++ = 0;
}

/* Strip leading and trailing white space in place. */
char *
aer_trim(char *s)
{
	size_t	len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return (s);
}

/*
 * Read one line from fp into *out (malloc'd, without its newline).
 * Returns PROMPT_OK, PROMPT_EOF if nothing came before the end of input,
 * or PROMPT_TOO_LONG if the line held more than max bytes (it is consumed
 * and *out is NULL).
 */
int
read_line(FILE *fp, size_t max, char **out)
{
	char	*line;
	size_t	 len = 0;
	int	 c, any = 0;

	*out = NULL;
	if ((line = malloc(max + 1)) == NULL) {
		aer_warnx("out of memory");
		return (PROMPT_EOF);
	}
	while ((c = getc(fp)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (len <= max)
			line[len] = (char)c;
		len++;
	}
	if (!any || (c == EOF && ferror(fp))) {
		aer_wipe(line, max + 1);
		free(line);
		return (PROMPT_EOF);
	}
	if (len > 0 && len <= max && line[len - 1] == '\r')
		len--;
	if (len > max) {
		aer_wipe(line, max + 1);
		free(line);
		return (PROMPT_TOO_LONG);
	}
	line[len] = '\0';
	*out = line;
	return (PROMPT_OK);
}
