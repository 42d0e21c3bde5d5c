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
 * aerd's schema and statements, from the files in sql/, for the
 * benchmark programs that write to SQLite directly.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlutil.h"

static __attribute__((noreturn)) void
die_db(sqlite3 *db, const char *what)
{
	fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

char *
slurp(const char *path)
{
	FILE	*f;
	char	*text;
	long	 len;

	if ((f = fopen(path, "r")) == NULL || fseek(f, 0, SEEK_END) == -1 ||
	    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) == -1 ||
	    (text = malloc((size_t)len + 1)) == NULL ||
	    fread(text, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	text[len] = '\0';
	fclose(f);
	return text;
}

sqlite3 *
db_create(const char *path)
{
	sqlite3	*db;
	char	 side[4096];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die_db(db, path);
	return db;
}

void
db_exec(sqlite3 *db, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%.60s...: %s\n", sql, msg ? msg : "?");
		exit(1);
	}
}

void
db_migrate(sqlite3 *db, char **files, int nfiles)
{
	char	 pragma[64], *sql, *copy;
	int	 i, version;

	for (i = 0; i < nfiles; i++) {
		if ((copy = strdup(files[i])) == NULL)
			exit(1);
		version = atoi(basename(copy));
		free(copy);
		if (version <= 0) {
			fprintf(stderr, "%s is not sql/NNN_name.sql\n",
			    files[i]);
			exit(1);
		}
		sql = slurp(files[i]);
		db_exec(db, "BEGIN IMMEDIATE");
		db_exec(db, sql);
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    version);
		db_exec(db, pragma);
		db_exec(db, "COMMIT");
		free(sql);
	}
}

sqlite3_stmt *
db_named(sqlite3 *db, const char *statements_path, const char *name)
{
	sqlite3_stmt	*s;
	char		*text, *p, *start, *end, marker[128];

	text = slurp(statements_path);
	snprintf(marker, sizeof(marker), "-- name: %s\n", name);
	if ((p = strstr(text, marker)) == NULL) {
		fprintf(stderr, "%s: no statement %s\n", statements_path,
		    name);
		exit(1);
	}
	start = p + strlen(marker);
	if ((end = strstr(start, "\n-- ")) != NULL)
		end[1] = '\0';
	if (sqlite3_prepare_v3(db, start, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK)
		die_db(db, name);
	free(text);
	return s;
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	int	i;

	/* splitmix64 fills the state. */
	for (i = 0; i < 4; i++) {
		uint64_t	z = (seed += 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		r->s[i] = z ^ (z >> 31);
	}
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t	result = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;

	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl(r->s[3], 45);
	return result;
}

uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

void
uuid_with(struct rng *r, uint32_t hi, char out[37])
{
	uint64_t	a = rng_next(r), b = rng_next(r);

	snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", hi,
	    (unsigned)(a & 0xffff), (unsigned)((a >> 16) & 0xfff),
	    (unsigned)(0x8000 | ((a >> 28) & 0x3fff)),
	    (unsigned long long)(b & 0xffffffffffffULL));
}

uint64_t
mono_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}
