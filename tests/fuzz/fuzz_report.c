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
 * fuzz_report: a request body as POST /v1/reports reads it (json_loadb
 * with JSON_REJECT_DUPLICATES, as server.c does), checked by
 * validate_report against the taxonomy that sql/ seeds, at a fixed now.
 *
 * Beyond the sanitizers it asserts what the handler relies on: an
 * accepted report has every required field and only known codes and
 * clean text; a refused one carries a 4xx, a code, a NUL-terminated
 * message, and an error body that can be built (a body jansson cannot
 * pack would turn the 4xx into a 500). A body jansson refuses as not
 * UTF-8 goes through utf8_bad_member, as server.c sends it: the name it
 * gives is short, UTF-8 and NUL-terminated.
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

static struct taxonomy	*tx;
static time_t		 now;

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

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
		fprintf(stderr, "fuzz_report: cannot build the taxonomy\n");
		abort();
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		CHECK(taxonomy_add(t, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3)) == 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	CHECK(taxonomy_count(t, "event_type") > 0);
	return t;
}

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct tm	tm;

	setenv("TZ", "UTC", 1);
	tzset();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;	/* 2026-11-23 12:00, as the unit tests */
	tm.tm_mon = 10;
	tm.tm_mday = 23;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	now = mktime(&tm);
	tx = load_taxonomy();
	return 0;
}

/* What reply_error does with an error: it must give a JSON body. */
static void
check_error(const struct aer_error *err)
{
	char	 message[256];
	json_t	*o;

	CHECK(err->status >= 400 && err->status < 500);
	CHECK(err->code != NULL && *err->code != '\0');
	CHECK(memchr(err->message, '\0', sizeof(err->message)) != NULL);
	CHECK(err->message[0] != '\0');
	snprintf(message, sizeof(message), "%s", err->message);
	utf8_trim(message);
	o = json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", err->code,
	    "message", message, "field", err->field);
	CHECK(o != NULL);
	json_decref(o);
}

static void
check_text(const char *s, size_t max, int multiline)
{
	struct aer_error	err;

	if (s != NULL)
		CHECK(validate_text(s, max, multiline, "x", &err) == 0);
}

static void
check_report(const struct report_in *in)
{
	size_t	i, j;

	CHECK(in->event_type && taxonomy_has(tx, "event_type",
	    in->event_type));
	CHECK(in->category && taxonomy_has(tx, "category", in->category));
	CHECK(in->harm == NULL || taxonomy_has(tx, "harm", in->harm));
	CHECK(in->merp_category == NULL || (taxonomy_has(tx, "merp_category",
	    in->merp_category) && strcmp(in->category, "medication") == 0));
	CHECK(in->reporter_role == NULL || taxonomy_has(tx, "reporter_role",
	    in->reporter_role));
	CHECK(strcmp(in->event_type, "incident") != 0 || in->harm != NULL);
	CHECK(strcmp(in->event_type, "incident") == 0 || in->harm == NULL ||
	    strcmp(in->harm, "none") == 0);
	CHECK(in->occurred_at != NULL && in->description != NULL);
	check_text(in->occurred_at, AER_MAX_OCCURRED, 0);
	check_text(in->location, AER_MAX_LOCATION, 0);
	check_text(in->description, AER_MAX_DESCRIPTION, 1);
	check_text(in->immediate_actions, AER_MAX_IMMEDIATE, 1);
	CHECK(in->nfactors <= AER_MAX_FACTORS);
	for (i = 0; i < in->nfactors; i++) {
		CHECK(taxonomy_has(tx, "contributing_factor", in->factors[i]));
		for (j = 0; j < i; j++)
			CHECK(strcmp(in->factors[i], in->factors[j]) != 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_in	 in;
	struct aer_error	 err;
	json_error_t		 jerr;
	json_t			*body, *o;
	const char		*name;

	/* server.c refuses an empty body and one over the limit first. */
	if (size == 0 || size > AER_MAX_BODY)
		return 0;
	body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (body == NULL) {
		if (json_error_code(&jerr) == json_error_invalid_utf8 &&
		    (name = utf8_bad_member((const char *)data, size)) != NULL)
			CHECK(strlen(name) < 64 && (o = json_string(name)) !=
			    NULL && (json_decref(o), 1));
		return 0;
	}
	memset(&err, 0, sizeof(err));
	if (validate_report(body, tx, now, &in, &err) == 0)
		check_report(&in);
	else
		check_error(&err);
	json_decref(body);
	return 0;
}
