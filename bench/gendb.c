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
 * gendb: a database of N generated reports (gendb-case.c) with aerd's
 * real schema (sql/0*.sql, applied as aerd applies them), for measuring
 * how aerd's costs grow. Cases stand in every state; items overdue on the
 * last day are escalated; every change has its audit entry, chained by
 * SHA-256 as daemon/audit.c does (in generation order, not in time
 * order), so GET /v1/audit/verify passes.
 *
 * By default it is built for speed: ids are generated in ascending order
 * (still random UUIDs), the secondary indexes and the summary triggers
 * are dropped while loading, synchronous=OFF, and the summary counts are
 * then filled by the migrations' own backfill statements (the top-level
 * "INSERT INTO summary_counts", "INSERT INTO due_counts" and "UPDATE
 * reports SET state = state" of sql/0*.sql). With --triggers, the
 * indexes and triggers stay and each case is filed as new and then moved
 * on by UPDATEs, so the triggers count it as they do in aerd: the two
 * must give the same summary_counts. Past sql/009_case_deadlines.sql no
 * trigger keeps the deadlines: --triggers then keeps them with aerd's
 * CASE_DUE_PUT and CASE_DUE_SET from --statements, after each case.
 *
 *	gendb --db FILE [-n N] [--seed S] [--end YYYY-MM-DD] [--triggers
 *	    [--statements sql/statements.sql]] sql/0*.sql
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gendb.h"
#include "gendb-write.h"

static __attribute__((noreturn)) void
usage(void)
{
	fprintf(stderr, "usage: gendb --db FILE [-n N] [--seed S] "
	    "[--end YYYY-MM-DD] [--triggers [--statements FILE]] "
	    "MIGRATION.sql...\n");
	exit(2);
}

/* Saves and drops what slows a bulk load: secondary indexes, and the
 * triggers that keep summary_counts and the deadlines (due_*). Returns
 * their SQL, to run again. */
static char **
strip(sqlite3 *db, int *n)
{
	sqlite3_stmt	*s;
	char		**sql = NULL, drop[300];
	int		 i;

	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_schema "
	    "WHERE (type = 'index' AND sql IS NOT NULL) OR (type = 'trigger' "
	    "AND (sql LIKE '%summary_counts%' OR name LIKE 'due_%'))", -1, &s,
	    NULL) != SQLITE_OK)
		exit(1);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if ((sql = realloc(sql, (size_t)(*n + 1) * 2 *
		    sizeof(*sql))) == NULL)
			exit(1);
		snprintf(drop, sizeof(drop), "DROP %s %s",
		    sqlite3_column_text(s, 0), sqlite3_column_text(s, 1));
		sql[2 * *n] = strdup(drop);
		sql[2 * *n + 1] = strdup((const char *)sqlite3_column_text(s, 2));
		(*n)++;
	}
	sqlite3_finalize(s);
	for (i = 0; i < *n; i++)
		db_exec(db, sql[2 * i]);
	return sql;
}

/* Runs sql if it is a top-level backfill of summary_counts, of
 * due_counts, or of the deadline columns of reports. */
static void
maybe_backfill(sqlite3 *db, char *stmt)
{
	char	*p = stmt;

	for (;;) {
		p += strspn(p, " \t\n");
		if (strncmp(p, "--", 2) != 0)
			break;
		p += strcspn(p, "\n");
	}
	if (strncmp(p, "INSERT INTO summary_counts", 26) == 0 ||
	    strncmp(p, "INSERT INTO due_counts", 22) == 0 ||
	    strncmp(p, "UPDATE reports SET state = state", 32) == 0 ||
	    strncmp(p, "UPDATE reports SET next_due", 27) == 0)
		db_exec(db, p);
}

/* The migrations' own top-level backfill statements for summary_counts,
 * split as sqlite3 splits statements. */
static void
backfill(sqlite3 *db, char **files, int nfiles)
{
	char	*text, *line, *save, *stmt;
	size_t	 len;
	int	 i;

	for (i = 0; i < nfiles; i++) {
		text = slurp(files[i]);
		if ((stmt = malloc(strlen(text) + 2)) == NULL)
			exit(1);
		stmt[0] = '\0';
		len = 0;
		for (line = strtok_r(text, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			len += (size_t)sprintf(stmt + len, "%s\n", line);
			if (sqlite3_complete(stmt)) {
				maybe_backfill(db, stmt);
				stmt[0] = '\0';
				len = 0;
			}
		}
		free(stmt);
		free(text);
	}
}

static int
has_trigger(sqlite3 *db, const char *name)
{
	sqlite3_stmt	*s;
	int		 found;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE "
	    "type = 'trigger' AND name = ?1", -1, &s, NULL) != SQLITE_OK)
		exit(1);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static int
parse_day(const char *s)
{
	int	y, m, d;

	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		usage();
	return day_of_civil(y, m, d);
}

int
main(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_SEED, OPT_END, OPT_TRIGGERS, OPT_STMTS };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "end", required_argument, NULL, OPT_END },
		{ "triggers", no_argument, NULL, OPT_TRIGGERS },
		{ "statements", required_argument, NULL, OPT_STMTS },
		{ NULL, 0, NULL, 0 }
	};
	struct writer		 w;
	struct gcase		 c;
	struct rng		 rng;
	struct tm		 tm;
	time_t			 now = time(NULL);
	const char		*path = NULL, *stmts = NULL;
	char			**saved = NULL;
	unsigned long long	 n = 10000, i, states[6] = { 0 };
	uint64_t		 seed = 1, t0 = mono_ns(), t1;
	int			 ch, end, triggers = 0, nsaved = 0, k;
	static const char *const state_names[] = { "new", "triaged",
	    "investigating", "actions", "referred", "closed" };

	localtime_r(&now, &tm);
	end = day_of_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	while ((ch = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			n = strtoull(optarg, NULL, 10);
			break;
		case OPT_DB:
			path = optarg;
			break;
		case OPT_SEED:
			seed = strtoull(optarg, NULL, 10);
			break;
		case OPT_END:
			end = parse_day(optarg);
			break;
		case OPT_TRIGGERS:
			triggers = 1;
			break;
		case OPT_STMTS:
			stmts = optarg;
			break;
		default:
			usage();
		}
	}
	if (path == NULL || optind == argc || n == 0 || n > 4294967295ULL)
		usage();
	w.db = db_create(path);
	db_exec(w.db, "PRAGMA page_size = 4096");
	db_migrate(w.db, argv + optind, argc - optind);
	db_exec(w.db, "PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF; "
	    "PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; "
	    "PRAGMA mmap_size = 68719476736");
	if (!triggers)
		saved = strip(w.db, &nsaved);
	writer_init(&w, triggers);
	if (triggers && !has_trigger(w.db, "due_report")) {
		if (stmts == NULL) {
			fprintf(stderr, "gendb: past sql/009, --triggers "
			    "needs --statements sql/statements.sql\n");
			exit(2);
		}
		w.due[0] = db_named(w.db, stmts, "CASE_DUE_PUT");
		w.due[1] = db_named(w.db, stmts, "CASE_DUE_SET");
	}
	rng_seed(&rng, seed);
	db_exec(w.db, "BEGIN");
	for (i = 0; i < n; i++) {
		/* Ascending ids load fastest; they are as random as any. */
		gen_case(&rng, end, (uint32_t)((i << 32) / n), &c);
		write_case(&w, &c);
		for (k = 0; k < 6; k++)
			if (strcmp(c.state, state_names[k]) == 0)
				states[k]++;
		if ((i + 1) % 100000 == 0) {
			db_exec(w.db, "COMMIT; BEGIN");
			if ((i + 1) % 1000000 == 0)
				fprintf(stderr, "gendb: %llu reports, %.0f s\n",
				    i + 1, (double)(mono_ns() - t0) / 1e9);
		}
	}
	db_exec(w.db, "COMMIT");
	writer_free(&w);
	t1 = mono_ns();
	if (!triggers) {
		db_exec(w.db, "BEGIN");
		for (k = 0; k < nsaved; k++)
			db_exec(w.db, saved[2 * k + 1]);
		backfill(w.db, argv + optind, argc - optind);
		db_exec(w.db, "COMMIT");
		for (k = 0; k < 2 * nsaved; k++)
			free(saved[k]);
		free(saved);
	}
	/* As aerd will open it. */
	db_exec(w.db, "PRAGMA journal_mode = WAL");
	sqlite3_close(w.db);
	printf("gendb: %llu reports (%llu new, %llu triaged, %llu "
	    "investigating, %llu actions, %llu referred, %llu closed), %llu "
	    "audit entries, in %.1f s (%.1f s loading, %.1f s indexes and "
	    "summary)\n", n, states[0], states[1], states[2], states[3],
	    states[4], states[5], w.audit_seq, (double)(mono_ns() - t0) / 1e9,
	    (double)(t1 - t0) / 1e9, (double)(mono_ns() - t1) / 1e9);
	return 0;
}
