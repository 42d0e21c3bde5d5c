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
 * fuzz_body: a request body of the review workflow (json_loadb with
 * JSON_REJECT_DUPLICATES, as server.c reads it) through validate_body
 * against each of the routes' own tables in daemon/bodies.c (triage,
 * the RCA and each timeline entry and cause, action add and patch,
 * message, close); then, as route-rca.c does, each list entry; and
 * every string member through validate_occurred and day_parse.
 *
 * Asserts: an accepted body holds what the handler then reads
 * without checking (required strings present and not blank, days real,
 * codes known, lists within bounds); a refusal is a 4xx naming a field
 * of the spec, or none, with a NUL-terminated message.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sqlite3.h>

#include "aerd.h"
#include "sql-gen.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The routes' own tables (daemon/bodies.c). */
static const struct {
	const char		*name;
	const struct body_spec	*spec;
} specs[] = {
	{ "triage", &body_triage },
	{ "rca", &body_rca },
	{ "timeline", &body_rca_timeline },
	{ "cause", &body_rca_cause },
	{ "action", &body_action_add },
	{ "patch", &body_action_patch },
	{ "message", &body_message },
	{ "close", &body_close },
};

static struct taxonomy	*tx;
static time_t		 now;

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The taxonomy as aerd loads it: every migration applied, then read. */
static struct taxonomy *
load_taxonomy(void)
{
	struct taxonomy	*t;
	sqlite3		*db;
	sqlite3_stmt	*s;
	char		 err[256];

	if ((t = taxonomy_new()) == NULL ||
	    sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    migrate(db, sql_migrations, sql_migrations_count, err,
	    sizeof(err)) == -1 ||
	    sqlite3_prepare_v2(db, "SELECT enumeration, code, label, ord "
	    "FROM taxonomy", -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_body: cannot build the taxonomy\n");
		abort();
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		CHECK(taxonomy_add(t, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3)) == 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	CHECK(taxonomy_count(t, "contributing_factor") > 0);
	return t;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tm	tm;

	setenv("TZ", "UTC", 1);
	tzset();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 23;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	now = mktime(&tm);
	tx = load_taxonomy();
	return 0;
}

static void
check_error(const struct aer_error *err, const struct body_field *spec,
    size_t n, json_t *body)
{
	size_t	i;

	CHECK(err->status >= 400 && err->status < 500);
	CHECK(err->code != NULL && *err->code != '\0');
	CHECK(memchr(err->message, '\0', sizeof(err->message)) != NULL);
	CHECK(err->message[0] != '\0');
	if (err->field == NULL)
		return;
	for (i = 0; i < n; i++)
		if (strcmp(err->field, spec[i].name) == 0)
			return;
	/* An unknown member is named by itself. */
	CHECK(strcmp(err->code, AER_ERR_UNKNOWN_FIELD) == 0);
	CHECK(json_object_get(body, err->field) != NULL);
}

/* What a handler reads, unchecked, from a body validate_body passed. */
static void
check_accepted(json_t *body, const struct body_field *spec, size_t n)
{
	const struct body_field	*f;
	const char		*s;
	json_t			*v;
	int			 y, m, d;

	for (f = spec; f < spec + n; f++) {
		v = json_object_get(body, f->name);
		if (v == NULL || json_is_null(v)) {
			CHECK(!f->required);
			continue;
		}
		switch (f->type) {
		case BODY_BOOL:
			CHECK(json_is_boolean(v));
			break;
		case BODY_ARRAY:
			CHECK(json_is_array(v) && json_array_size(v) <= f->max);
			break;
		case BODY_DAY:
			CHECK(day_parse(json_string_value(v), &y, &m, &d) == 0);
			CHECK(body_string(body, f->name) != NULL);
			break;
		case BODY_STRING:
			s = json_string_value(v);
			CHECK(s != NULL && strlen(s) <= f->max);
			CHECK(f->enumeration == NULL ||
			    taxonomy_has(tx, f->enumeration, s));
			if (f->required)
				CHECK(body_string(body, f->name) != NULL);
			break;
		}
	}
}

/* route-rca.c's check_lists, after the RCA body passed. */
static void
rca_lists(json_t *body)
{
	struct aer_error	 err;
	json_t			*v, *list;
	const char		*s;
	size_t			 i;

	json_array_foreach(json_object_get(body, "team"), i, v) {
		s = json_string_value(v);
		if (s == NULL)
			continue;
		validate_text(s, AER_MAX_NAME, 0, "team", &err);
	}
	if ((list = json_object_get(body, "timeline")) != NULL)
		json_array_foreach(list, i, v) {
			if (validate_body(v, body_rca_timeline.fields,
			    body_rca_timeline.n, tx, &err) == -1)
				continue;
			check_accepted(v, body_rca_timeline.fields,
			    body_rca_timeline.n);
			validate_occurred(json_string_value(json_object_get(v,
			    "at")), now, "timeline", &err);
		}
	if ((list = json_object_get(body, "causes")) != NULL)
		json_array_foreach(list, i, v) {
			if (validate_body(v, body_rca_cause.fields,
			    body_rca_cause.n, tx, &err) == 0) {
				check_accepted(v, body_rca_cause.fields,
				    body_rca_cause.n);
				rca_negative_descriptor(json_string_value(
				    json_object_get(v, "statement")));
			}
		}
}

/* Every string member, one level into lists and objects, as a date. */
static void
dates(json_t *v, int depth)
{
	struct aer_error	 err;
	const char		*key;
	json_t			*m;
	size_t			 i;
	int			 y, mo, d, r1, r2;

	if (json_is_string(v)) {
		r1 = day_parse(json_string_value(v), &y, &mo, &d);
		r2 = validate_occurred(json_string_value(v), now, "at", &err);
		/* A real day is a real occurred_at, unless in the future. */
		if (r1 == 0 && r2 == -1)
			CHECK(strstr(err.message, "future") != NULL);
		if (r1 == 0)
			CHECK(y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 &&
			    d <= 31);
		return;
	}
	if (depth > 2)
		return;
	if (json_is_array(v))
		json_array_foreach(v, i, m)
			dates(m, depth + 1);
	else if (json_is_object(v))
		json_object_foreach(v, key, m)
			dates(m, depth + 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aer_error	 err;
	json_error_t		 jerr;
	json_t			*body;
	const struct body_spec	*spec;
	size_t			 i;

	if (size == 0 || size > AER_MAX_BODY)
		return 0;
	body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (body == NULL)
		return 0;
	for (i = 0; i < NELEM(specs); i++) {
		memset(&err, 0, sizeof(err));
		spec = specs[i].spec;
		if (validate_body(body, spec->fields, spec->n, tx,
		    &err) == 0) {
			check_accepted(body, spec->fields, spec->n);
			if (spec == &body_rca)
				rca_lists(body);
			if (spec == &body_action_add)
				owner_is_one_person(body_string(body,
				    "owner"));
		} else
			check_error(&err, spec->fields, spec->n, body);
	}
	dates(body, 0);
	json_decref(body);
	return 0;
}
