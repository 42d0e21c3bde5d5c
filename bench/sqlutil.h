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
 * What ref-sqlite and gendb share: aerd's schema applied as aerd applies
 * it, aerd's named statements read from sql/statements.sql, and a row
 * generator's random numbers.
 */
#ifndef BENCH_SQLUTIL_H
#define BENCH_SQLUTIL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* Opens path afresh (removing it and its -wal and -shm first). */
sqlite3	*db_create(const char *path);
/* Runs SQL, exiting with a message on failure. */
void	 db_exec(sqlite3 *, const char *sql);
/* Applies sql/NNN_name.sql files in order, one transaction each, with
 * PRAGMA user_version = NNN inside it, as daemon/migrate.c does. */
void	 db_migrate(sqlite3 *, char **files, int nfiles);
/* Prepares the statement named "-- name: NAME" in statements_path. */
sqlite3_stmt *db_named(sqlite3 *, const char *statements_path,
	    const char *name);
/* The text of a whole file, NUL-terminated; exits on failure. */
char	*slurp(const char *path);

/* xoshiro256** seeded from a number. */
struct rng {
	uint64_t	s[4];
};
void		 rng_seed(struct rng *, uint64_t);
uint64_t	 rng_next(struct rng *);
/* Uniform in [0, n). */
uint32_t	 rng_below(struct rng *, uint32_t n);
double		 rng_unit(struct rng *);
/* A lower-case UUID v4 whose first 32 bits are hi (37 bytes with NUL). */
void		 uuid_with(struct rng *, uint32_t hi, char out[37]);

uint64_t	 mono_ns(void);

#endif
