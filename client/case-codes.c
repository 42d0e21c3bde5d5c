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
 * message with each API field name of flags (as a whole word) spelled
 * as its flag, and the taxonomy's path as the command that lists it.
 */
static void
case_call_say(const char *message, const struct case_flag *flags)
{
	const struct case_flag	*f;
	const char		*p = message;
	size_t			 len;
	char			 out[1024];
	size_t			 o = 0;

	while (*p != '\0' && o < sizeof(out) - 64) {
		if (strncmp(p, AER_PATH_TAXONOMY,
		    strlen(AER_PATH_TAXONOMY)) == 0) {
			o += (size_t)snprintf(out + o, sizeof(out) - o,
			    "aer report --codes");
			p += strlen(AER_PATH_TAXONOMY);
			continue;
		}
		for (f = flags; f != NULL && f->field != NULL; f++) {
			len = strlen(f->field);
			if (strncmp(p, f->field, len) == 0 &&
			    (p == message || codes_word_end(p[-1])) &&
			    codes_word_end(p[len]))
				break;
		}
		if (f != NULL && f->field != NULL) {
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s",
			    f->flag);
			p += strlen(f->field);
		} else
			out[o++] = *p++;
	}
	out[o] = '\0';
	aer_print_text(stderr, out);
	if (*p != '\0')
		aer_print_text(stderr, p);
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
	fputs("aer: ", stderr);
	case_call_say(message, flags);
	for (f = flags; field != NULL && f != NULL && f->field != NULL; f++) {
		if (strcmp(f->field, field) == 0)
			break;
	}
	if (field != NULL && f != NULL && f->field != NULL) {
		if (strstr(message, f->flag) == NULL &&
		    strstr(message, f->field) == NULL)
			fprintf(stderr, " (%s)", f->flag);
	} else if (field != NULL && strcmp(field, "id") != 0 &&
	    strstr(message, field) == NULL) {
		fputs(" (field: ", stderr);
		aer_print_text(stderr, field);
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
