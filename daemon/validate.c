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
 * Validation of a filed report: every rule in DESIGN.md, each failure
 * named by its field. Pure: the caller supplies the taxonomy and the time.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "aerd.h"


struct field {
	const char	*name;
	const char	*enumeration;	/* checked against the taxonomy */
	size_t		 max;		/* text: longest in characters */
	int		 multiline;
	int		 required;
	size_t		 offset;	/* into struct report_in */
};

#define F(member)	offsetof(struct report_in, member)
static const struct field fields[] = {
	{ "event_type", "event_type", AER_MAX_CODE, 0, 1, F(event_type) },
	{ "category", "category", AER_MAX_CODE, 0, 1, F(category) },
	{ "harm", "harm", AER_MAX_CODE, 0, 0, F(harm) },
	{ "merp_category", "merp_category", AER_MAX_CODE, 0, 0,
	    F(merp_category) },
	{ "occurred_at", NULL, AER_MAX_OCCURRED, 0, 1, F(occurred_at) },
	{ "location", NULL, AER_MAX_LOCATION, 0, 0, F(location) },
	{ "description", NULL, AER_MAX_DESCRIPTION, 1, 1, F(description) },
	{ "immediate_actions", NULL, AER_MAX_IMMEDIATE, 1, 0,
	    F(immediate_actions) },
	{ "reporter_role", "reporter_role", AER_MAX_CODE, 0, 0,
	    F(reporter_role) },
};
#undef F
#define FACTORS	"contributing_factors"
#define URGENT	"urgent"

/*
 * The key names the field (jansson keeps it alive while the body is);
 * one too long to be any field's name is not echoed back whole.
 */
static void
unknown_field(struct aer_error *err, const char *key, const char *what)
{
	if (strlen(key) > AER_MAX_CODE)
		aer_error_set(err, AER_ERR_UNKNOWN_FIELD,
		    NULL, "a field name of %zu bytes is not a field of %s",
		    strlen(key), what);
	else
		aer_error_set(err, AER_ERR_UNKNOWN_FIELD,
		    key, "%s is not a field of %s", key, what);
}

static int
is_known(const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].name, key) == 0)
			return 1;
	return strcmp(key, FACTORS) == 0 || strcmp(key, URGENT) == 0;
}

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * Text is stored as given, but some characters have no place in a report
 * and could make it read differently from what was written: C0 and C1
 * controls (tab and, where the field is multi-line, newlines excepted),
 * DEL, and the Unicode bidirectional embedding, override and isolate
 * controls. The input is valid UTF-8 (jansson checks it).
 */
int
validate_text(const char *s, size_t max, int multiline, const char *field,
    struct aer_error *err)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = 0;

	/* Characters, not bytes: "ö" counts as one, as a person counts. */
	for (; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			len++;
	if (len > max) {
		aer_error_set(err, AER_ERR_TOO_LONG, field,
		    "%s is %zu characters long; the limit is %zu", field, len,
		    max);
		return -1;
	}
	p = (const unsigned char *)s;
	for (; *p != '\0'; p++) {
		if (*p == '\t' || (multiline && (*p == '\n' || *p == '\r')))
			continue;
		if (*p < 0x20 || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
			aer_error_set(err, AER_ERR_INVALID,
			    field, "%s contains a control character%s", field,
			    multiline ? "" : " or a line break");
			return -1;
		}
		/* U+202A..U+202E and U+2066..U+2069 */
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9))) {
			aer_error_set(err, AER_ERR_INVALID,
			    field, "%s contains a bidirectional override "
			    "character", field);
			return -1;
		}
	}
	return 0;
}

/*
 * "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", local time,
 * a real calendar date, and not after now.
 */
int
validate_occurred(const char *s, time_t now, const char *field,
    struct aer_error *err)
{
	struct tm	tm, today;
	time_t		t;
	int		len, future;

	if ((len = occurred_parse(s, &tm)) == -1) {
		aer_error_set(err, AER_ERR_INVALID, field, "%s must be a real "
		    "date, YYYY-MM-DD or YYYY-MM-DDTHH:MM", field);
		return -1;
	}
	localtime_r(&now, &today);
	if (len == 10) {
		future = tm.tm_year > today.tm_year ||
		    (tm.tm_year == today.tm_year && (tm.tm_mon > today.tm_mon ||
		    (tm.tm_mon == today.tm_mon && tm.tm_mday > today.tm_mday)));
	} else {
		t = mktime(&tm);
		future = t == (time_t)-1 || t > now;
	}
	if (future) {
		aer_error_set(err, AER_ERR_INVALID, field,
		    "%s is in the future", field);
		return -1;
	}
	return 0;
}

static int
check_field(json_t *body, const struct field *f, const struct taxonomy *tx,
    struct report_in *out, struct aer_error *err)
{
	const char	**slot = (const char **)((char *)out + f->offset);
	json_t		 *v = json_object_get(body, f->name);
	const char	 *s;

	*slot = NULL;
	if (v == NULL || json_is_null(v)) {
		if (!f->required)
			return 0;
		aer_error_set(err, AER_ERR_MISSING,
		    f->name, "%s is required", f->name);
		return -1;
	}
	if (!json_is_string(v)) {
		aer_error_set(err, AER_ERR_TYPE, f->name,
		    "%s must be a string", f->name);
		return -1;
	}
	s = json_string_value(v);
	if (f->enumeration != NULL) {
		if (strlen(s) > f->max ||
		    !taxonomy_has(tx, f->enumeration, s)) {
			aer_error_set(err, AER_ERR_INVALID,
			    f->name, "%s is not a known code; see "
			    AER_PATH_TAXONOMY, f->name);
			return -1;
		}
	} else if (validate_text(s, f->max, f->multiline, f->name, err) == -1)
		return -1;
	if (blank(s)) {
		if (!f->required)
			return 0;	/* an empty optional field is absent */
		aer_error_set(err, AER_ERR_MISSING,
		    f->name, "%s is empty", f->name);
		return -1;
	}
	*slot = s;
	return 0;
}

static int
check_factors(json_t *body, const struct taxonomy *tx, struct report_in *out,
    struct aer_error *err)
{
	json_t		*list = json_object_get(body, FACTORS), *v;
	const char	*s;
	size_t		 i, j;

	out->nfactors = 0;
	if (list == NULL || json_is_null(list))
		return 0;
	if (!json_is_array(list)) {
		aer_error_set(err, AER_ERR_TYPE, FACTORS,
		    FACTORS " must be a list of codes");
		return -1;
	}
	if (json_array_size(list) > AER_MAX_FACTORS) {
		aer_error_set(err, AER_ERR_TOO_LONG, FACTORS,
		    FACTORS " has more than %d entries", AER_MAX_FACTORS);
		return -1;
	}
	json_array_foreach(list, i, v) {
		if (!json_is_string(v)) {
			aer_error_set(err, AER_ERR_TYPE,
			    FACTORS, FACTORS " must be a list of codes");
			return -1;
		}
		s = json_string_value(v);
		if (!taxonomy_has(tx, "contributing_factor", s)) {
			aer_error_set(err, AER_ERR_INVALID,
			    FACTORS, FACTORS " holds an unknown code; see "
			    AER_PATH_TAXONOMY);
			return -1;
		}
		for (j = 0; j < out->nfactors; j++) {
			if (strcmp(out->factors[j], s) == 0) {
				aer_error_set(err, 
				    AER_ERR_INVALID, FACTORS, FACTORS
				    " names a factor twice");
				return -1;
			}
		}
		out->factors[out->nfactors++] = s;
	}
	return 0;
}

int
validate_report(json_t *body, const struct taxonomy *tx, time_t now,
    struct report_in *out, struct aer_error *err)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(body)) {
		aer_error_set(err, AER_ERR_NOT_OBJECT, NULL,
		    "the body must be a JSON object");
		return -1;
	}
	json_object_foreach(body, key, v) {
		if (!is_known(key)) {
			unknown_field(err, key, "a report");
			return -1;
		}
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (check_field(body, &fields[i], tx, out, err) == -1)
			return -1;
	if (check_factors(body, tx, out, err) == -1)
		return -1;
	v = json_object_get(body, URGENT);
	if (v != NULL && !json_is_boolean(v)) {
		aer_error_set(err, AER_ERR_TYPE, URGENT, URGENT " must be "
		    "true or false");
		return -1;
	}
	out->urgent = json_is_true(v);

	if (strcmp(out->event_type, "incident") == 0 && out->harm == NULL) {
		aer_error_set(err, AER_ERR_MISSING, "harm",
		    "harm is required for an incident that reached the "
		    "patient");
		return -1;
	}
	if (strcmp(out->event_type, "incident") != 0 && out->harm != NULL &&
	    strcmp(out->harm, "none") != 0) {
		aer_error_set(err, AER_ERR_INVALID, "harm",
		    "harm must be none when the event did not reach the "
		    "patient");
		return -1;
	}
	if (out->merp_category != NULL &&
	    strcmp(out->category, "medication") != 0) {
		aer_error_set(err, AER_ERR_INVALID,
		    "merp_category", "merp_category applies to medication "
		    "events only");
		return -1;
	}
	return validate_occurred(out->occurred_at, now, "occurred_at", err);
}

/*
 * A request body against a list of fields: an object, no unknown
 * member, each required one present, each of its type, codes known to
 * the taxonomy, text within its limits, days real. The caller reads the
 * values from the body afterwards.
 */
int
validate_body(json_t *body, const struct body_field *spec, size_t n,
    const struct taxonomy *tx, struct aer_error *err)
{
	const struct body_field	*f;
	const char		*key, *s;
	json_t			*v;
	size_t			 i;
	int			 y, m, d;

	if (!json_is_object(body)) {
		aer_error_set(err, AER_ERR_NOT_OBJECT, NULL,
		    "the body must be a JSON object");
		return -1;
	}
	json_object_foreach(body, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(spec[i].name, key) == 0)
				break;
		if (i == n) {
			unknown_field(err, key, "this request");
			return -1;
		}
	}
	for (f = spec; f < spec + n; f++) {
		v = json_object_get(body, f->name);
		if (v == NULL || json_is_null(v)) {
			if (!f->required)
				continue;
			aer_error_set(err, AER_ERR_MISSING,
			    f->name, "%s is required", f->name);
			return -1;
		}
		if ((f->type == BODY_BOOL && !json_is_boolean(v)) ||
		    (f->type == BODY_ARRAY && !json_is_array(v)) ||
		    ((f->type == BODY_STRING || f->type == BODY_DAY) &&
		    !json_is_string(v))) {
			aer_error_set(err, AER_ERR_TYPE,
			    f->name, "%s must be %s", f->name,
			    f->type == BODY_BOOL ? "true or false" :
			    f->type == BODY_ARRAY ? "a list" : "a string");
			return -1;
		}
		if (f->type == BODY_ARRAY && json_array_size(v) > f->max) {
			aer_error_set(err, AER_ERR_TOO_LONG,
			    f->name, "%s has more than %zu entries", f->name,
			    f->max);
			return -1;
		}
		if (f->type != BODY_STRING && f->type != BODY_DAY)
			continue;
		s = json_string_value(v);
		if (f->type == BODY_DAY) {
			if (day_parse(s, &y, &m, &d) == 0)
				continue;
			aer_error_set(err, AER_ERR_INVALID,
			    f->name, "%s must be a real day, YYYY-MM-DD",
			    f->name);
			return -1;
		}
		if (f->enumeration != NULL && !taxonomy_has(tx, f->enumeration,
		    s)) {
			aer_error_set(err, AER_ERR_INVALID,
			    f->name, "%s is not a known code; see "
			    AER_PATH_TAXONOMY, f->name);
			return -1;
		}
		if (validate_text(s, f->max, f->multiline, f->name, err) == -1)
			return -1;
		if (f->required && blank(s)) {
			aer_error_set(err, AER_ERR_MISSING,
			    f->name, "%s is empty", f->name);
			return -1;
		}
	}
	return 0;
}

/* A member's string, or NULL when absent, null or blank. */
const char *
body_string(json_t *body, const char *name)
{
	const char	*s = json_string_value(json_object_get(body, name));

	return s != NULL && !blank(s) ? s : NULL;
}
