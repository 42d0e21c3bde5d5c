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
 * aer's words for what the reviewers' commands send: codes checked
 * against aerd's taxonomy before they go (listing the valid ones, and
 * the nearest, as git does), and aerd's refusals told in the command's
 * flags rather than the API's field names.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

#define CODES_MAX	64	/* codes of one enumeration that are read */

int
codes_fetch(struct aer_ctx *ctx, json_t **taxonomy)
{
	return (http_call(ctx, "GET", AER_PATH_TAXONOMY, NULL, NULL,
	    taxonomy));
}

/*
 * 0 if value is a code of the enumeration; otherwise say which codes
 * there are, and the nearest, and return the usage status.
 */
int
codes_check(json_t *taxonomy, const char *enumeration, const char *flag,
    const char *value)
{
	json_t		*list = json_object_get(taxonomy, enumeration), *item;
	const char	*codes[CODES_MAX], *code, *near;
	size_t		 i, n = 0;

	json_array_foreach(list, i, item) {
		code = json_string_value(json_object_get(item, "code"));
		if (code == NULL || n == CODES_MAX)
			continue;
		if (strcmp(code, value) == 0)
			return (0);
		codes[n++] = code;
	}
	if (n == 0)
		return (0);	/* nothing to check against: aerd will */
	fprintf(stderr, "aer: %s ", flag);
	aer_print_text(stderr, value);
	fputs(" is not one of ", stderr);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s", i == 0 ? "" : i + 1 == n ? " or " :
		    ", ", codes[i]);
	if ((near = hint_nearest(value, codes, n)) != NULL)
		fprintf(stderr, "; did you mean %s?", near);
	fputc('\n', stderr);
	return (AER_EXIT_USAGE);
}

/* The label of a code, or the code; NULL for NULL. */
const char *
codes_label(json_t *taxonomy, const char *enumeration, const char *code)
{
	if (code == NULL)
		return (NULL);
	return (tax_label_of(json_object_get(taxonomy, enumeration), code));
}

static int
codes_word_end(char c)
{
	return (c == '\0' || (!isalnum((unsigned char)c) && c != '_'));
}

/*
 * The message, its opening field name (aerd's messages start with it:
 * "outcome is required") spelled as flag, and the taxonomy's path as the
 * command that lists the codes. Returns 1 if the flag was written.
 */
static int
case_call_say(const char *message, const char *field, const char *flag)
{
	const char	*p = message, *tax;
	char		*copy;
	size_t		 len = field != NULL ? strlen(field) : 0;
	int		 said = 0;

	if (flag != NULL && len > 0 && strncmp(p, field, len) == 0 &&
	    codes_word_end(p[len])) {
		fputs(flag, stderr);
		p += len;
		said = 1;
	}
	while ((tax = strstr(p, AER_PATH_TAXONOMY)) != NULL) {
		if ((copy = strndup(p, (size_t)(tax - p))) != NULL) {
			aer_print_text(stderr, copy);
			free(copy);
		}
		fputs("aer report --codes", stderr);
		p = tax + strlen(AER_PATH_TAXONOMY);
	}
	aer_print_text(stderr, p);
	return (said);
}

/*
 * http_call for the reviewers' commands: a refusal is told with the
 * command's flags for the API's fields (flags, ending in a NULL field),
 * and its error object kept in *error (when error is not NULL) for the
 * command to say more. Returns 0 with *reply set, or the exit status.
 */
int
case_call(struct aer_ctx *ctx, const char *method, const char *path,
    json_t *body, const struct case_flag *flags, json_t **reply,
    json_t **error)
{
	const struct case_flag	*f;
	json_t			*err;
	const char		*message, *field;
	long			 status;

	if (error != NULL)
		*error = NULL;
	if (http_request(ctx, method, path, body, NULL, reply, &status) != 0)
		return (AER_EXIT_FAIL);
	if (status >= 200 && status < 300)
		return (AER_EXIT_OK);
	err = json_object_get(*reply, "error");
	message = json_string_value(json_object_get(err, "message"));
	if (ctx->json || message == NULL) {
		http_error(ctx, *reply, status);
		json_decref(*reply);
		*reply = NULL;
		return (AER_EXIT_FAIL);
	}
	field = json_string_value(json_object_get(err, "field"));
	for (f = flags; field != NULL && f != NULL && f->field != NULL; f++) {
		if (strcmp(f->field, field) == 0)
			break;
	}
	if (field == NULL || (f != NULL && f->field == NULL))
		f = NULL;
	fputs("aer: ", stderr);
	if (!case_call_say(message, field, f != NULL ? f->flag : NULL) &&
	    field != NULL && strcmp(field, "id") != 0) {
		fputs(" (", stderr);
		aer_print_text(stderr, f != NULL ? f->flag : field);
		fputc(')', stderr);
	}
	fputc('\n', stderr);
	if (error != NULL)
		*error = json_incref(err);
	json_decref(*reply);
	*reply = NULL;
	return (AER_EXIT_FAIL);
}

/*
 * GET the case that id (or a prefix) names; then path is the whole id's
 * path with tail ("/triage"), which a newer case cannot make ambiguous.
 * Returns 0 or the exit status, told.
 */
int
case_get(struct aer_ctx *ctx, const char *id, json_t **kase, char *path,
    size_t len, const char *tail)
{
	const char	*full;
	int		 rc;

	*kase = NULL;
	if (case_path(path, len, AER_PATH_REPORTS, id, "") != 0)
		return (AER_EXIT_USAGE);
	if ((rc = case_call(ctx, "GET", path, NULL, NULL, kase, NULL)) !=
	    AER_EXIT_OK)
		return (rc);
	if ((full = case_str(*kase, "id")) == NULL || !case_id_ok(full) ||
	    case_path(path, len, AER_PATH_REPORTS, full, tail) != 0) {
		aer_warnx("aerd sent a case without a usable id");
		json_decref(*kase);
		*kase = NULL;
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}
