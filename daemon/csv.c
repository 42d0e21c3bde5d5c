/*
 * Rows as RFC 4180 CSV: a field is quoted when it holds a comma, a quote
 * or a line break, quotes doubled; a text cell a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or carriage return) is
 * prefixed with a quote character. Pure: it only builds strings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

struct text {
	char	*s;
	size_t	 len, cap;
	int	 failed;
};

static void
put(struct text *t, const char *s, size_t n)
{
	char	*p;
	size_t	 cap;

	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		cap = t->cap ? t->cap : 256;
		while (cap < t->len + n + 1)
			cap *= 2;
		if ((p = realloc(t->s, cap)) == NULL) {
			t->failed = 1;
			return;
		}
		t->s = p;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void
field(struct text *t, const char *s, int is_text)
{
	const char	*q;
	int		 quote = strpbrk(s, ",\"\r\n") != NULL;
	int		 formula = is_text && strchr("=+-@\t\r", s[0]) != NULL &&
			    s[0] != '\0';

	if (quote || formula)
		put(t, "\"", 1);
	if (formula)
		put(t, "'", 1);
	for (; (q = strchr(s, '"')) != NULL; s = q + 1) {
		put(t, s, (size_t)(q - s));
		put(t, "\"\"", 2);
	}
	put(t, s, strlen(s));
	if (quote || formula)
		put(t, "\"", 1);
}

/* The header line, CRLF-terminated. Returns a string to free, or NULL. */
char *
csv_header(const char *const *names, size_t n)
{
	struct text	t = { NULL, 0, 0, 0 };
	size_t		i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			put(&t, ",", 1);
		field(&t, names[i], 0);
	}
	put(&t, "\r\n", 2);
	if (t.failed)
		free(t.s);
	return t.failed ? NULL : t.s;
}

/* One row: the members of row named in names, CRLF-terminated. */
char *
csv_row(json_t *row, const char *const *names, size_t n)
{
	struct text	 t = { NULL, 0, 0, 0 };
	char		 num[32];
	json_t		*v;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			put(&t, ",", 1);
		v = json_object_get(row, names[i]);
		if (json_is_string(v))
			field(&t, json_string_value(v), 1);
		else if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
			put(&t, num, strlen(num));
		} else if (json_is_boolean(v))
			put(&t, json_is_true(v) ? "true" : "false",
			    json_is_true(v) ? 4 : 5);
	}
	put(&t, "\r\n", 2);
	if (t.failed)
		free(t.s);
	return t.failed ? NULL : t.s;
}
