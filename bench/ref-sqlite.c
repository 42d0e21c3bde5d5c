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
 * ref-sqlite: the storage limit. One process writes what aerd writes
 * for a filed report into a fresh database with aerd's schema and its
 * writer's pragmas (WAL, synchronous=FULL; daemon/store-db.c), B reports
 * per transaction, and prints reports per second and the latency of a
 * transaction, begin to durable commit. By default the rows are those
 * of a released report, in the case tables (REPORT_INSERT and
 * FACTOR_INSERT from sql/statements.sql, so every trigger fires as in
 * aerd): what an urgent report, or a release, writes per report. With
 * --inbox it is the one row aerd's filing writes (INBOX_REPORT_INSERT,
 * in a savepoint of its own, as daemon/store-report.c does).
 *
 * The WAL: --checkpoint none leaves it to SQLite's automatic
 * checkpoints; truncate runs a TRUNCATE checkpoint after every commit,
 * timed with it; every:MS runs one after a commit when MS milliseconds
 * have passed since the last, untimed; aerd runs aerd's own checkpointer
 * (ref-ckpt.c: a thread that empties the WAL about 100 ms after a
 * commit), which is how aerd keeps no filing order in the WAL.
 *
 *	ref-sqlite --db FILE --statements sql/statements.sql [--inbox]
 *	    [-b ROWS] [-d SECONDS | -n ROWS]
 *	    [--checkpoint none|truncate|every:MS|aerd]
 *	    [--pragma "NAME = VALUE"] [--kv] sql/0*.sql
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "hist.h"
#include "ref-ckpt.h"
#include "sqlutil.h"

/* The reports loadgen sends, as the columns aerd stores. */
static const struct row {
	const char	*event_type, *category, *harm, *merp, *occurred;
	const char	*location, *description, *immediate, *role;
	const char	*factors[3];
} rows[] = {
	{ "near_miss", "medication", "none", "B", "2026-11-22T14:30", "4 West",
	  "Insulin drawn up for the wrong patient; caught at bedside scan "
	  "before it was given. Two patients with similar names in adjacent "
	  "beds.", "Dose discarded, charge nurse told.", "nurse",
	  { "communication", "fatigue_scheduling", NULL } },
	{ "incident", "fall", "mild", NULL, "2026-11-22T03:10",
	  "Orthopaedics ward 2", "Patient on day 2 after hip replacement got "
	  "up alone to the toilet at night and fell; bed alarm was switched "
	  "off. Small laceration to the forearm, dressed.", "Medical review, "
	  "neuro observations, bed alarm back on.", "nurse",
	  { "environment_equipment", "patient_factors", NULL } },
	{ "incident", "medication", "moderate", "E", "2026-11-22T09:00",
	  "Cardiology", "Enoxaparin given at treatment dose instead of "
	  "prophylactic dose; weight entered in pounds as kilograms. Bleeding "
	  "at the injection site, dose withheld.", NULL, "pharmacist",
	  { "rules_policies", "barriers", "training" } },
	{ "unsafe_condition", "device", NULL, NULL, "2026-11-22", "ICU",
	  "Two infusion pumps in bay 3 still run the old drug library; the "
	  "heparin concentration in it no longer matches pharmacy stock.",
	  NULL, "allied_health", { "environment_equipment", NULL, NULL } },
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

/* What the loop writes with: the statements, and a row's id and hash. */
struct writer {
	sqlite3		*db;
	sqlite3_stmt	*ins, *fac, *inbox, *sp, *rel;
	struct rng	 rng;
	char		 factors[NROWS][128];	/* as JSON, for the inbox */
};

static __attribute__((noreturn)) void
usage(void)
{
	fprintf(stderr, "usage: ref-sqlite --db FILE --statements FILE "
	    "[--inbox] [-b ROWS] [-d SECONDS | -n ROWS]\n"
	    "                  [--checkpoint none|truncate|every:MS|aerd] "
	    "[--pragma \"NAME = VALUE\"] [--kv]\n"
	    "                  MIGRATION.sql...\n");
	exit(2);
}

static void
step_done(sqlite3 *db, sqlite3_stmt *s)
{
	if (sqlite3_step(s) != SQLITE_DONE) {
		fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static void
factors_json(struct writer *w)
{
	size_t	i, j, len;

	for (i = 0; i < NROWS; i++) {
		len = (size_t)snprintf(w->factors[i], sizeof(w->factors[i]),
		    "[");
		for (j = 0; j < 3 && rows[i].factors[j] != NULL; j++)
			len += (size_t)snprintf(w->factors[i] + len,
			    sizeof(w->factors[i]) - len, "%s\"%s\"",
			    j ? "," : "", rows[i].factors[j]);
		snprintf(w->factors[i] + len, sizeof(w->factors[i]) - len,
		    "]");
	}
}

/* A released report: its row and its factors, in the case tables. */
static void
put_case(struct writer *w, const struct row *r, const char *id,
    const unsigned char *hash)
{
	sqlite3_stmt	*ins = w->ins;
	int		 j;

	sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(ins, 2, hash, 32, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, "2026-11-23", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, r->event_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 5, r->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 6, r->harm, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 7, r->merp, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 8, r->occurred, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 9, r->location, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 10, r->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 11, r->immediate, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 12, r->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 13, "2026-11-30", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 14, "2027-02-23", -1, SQLITE_STATIC);
	step_done(w->db, ins);
	for (j = 0; j < 3 && r->factors[j] != NULL; j++) {
		sqlite3_bind_text(w->fac, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(w->fac, 2, r->factors[j], -1,
		    SQLITE_STATIC);
		step_done(w->db, w->fac);
	}
}

/* A filed report: one row in the inbox, in a savepoint of its own. */
static void
put_inbox(struct writer *w, const struct row *r, const char *id,
    const unsigned char *hash)
{
	sqlite3_stmt	*ins = w->inbox;

	step_done(w->db, w->sp);
	sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(ins, 2, hash, 32, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, "2026-11-23", -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 4, 1795478400);	/* 2026-11-24 00:00 UTC */
	sqlite3_bind_text(ins, 5, r->event_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 6, r->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 7, r->harm, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 8, r->merp, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 9, r->occurred, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 10, r->location, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 11, r->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 12, r->immediate, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 13, r->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 14, w->factors[r - rows], -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 15, "2026-11-30", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 16, "2027-02-23", -1, SQLITE_STATIC);
	step_done(w->db, ins);
	step_done(w->db, w->rel);
}

static sqlite3_stmt *
prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	return s;
}

int
main(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_STMTS, OPT_CKPT, OPT_KV, OPT_PRAGMA,
	    OPT_INBOX };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "statements", required_argument, NULL, OPT_STMTS },
		{ "checkpoint", required_argument, NULL, OPT_CKPT },
		{ "kv", no_argument, NULL, OPT_KV },
		{ "pragma", required_argument, NULL, OPT_PRAGMA },
		{ "inbox", no_argument, NULL, OPT_INBOX },
		{ NULL, 0, NULL, 0 }
	};
	const char		*path = NULL, *stmts = NULL, *extra = NULL;
	const char		*mode;
	char			 pragma[256];
	struct writer		 w;
	sqlite3_stmt		*begin, *commit;
	struct ckpt		*ckpt = NULL;
	struct hist		 h;
	unsigned char		 hash[32];
	char			 id[37];
	double			 duration = 5, secs;
	unsigned long long	 limit = 0, n = 0;
	unsigned long		 emptied = 0, failed = 0;
	uint64_t		 seed, t0, t, deadline, every = 0, last;
	int			 ch, batch = 64, truncate = 0, aerd = 0;
	int			 inbox = 0, kv = 0, i, j;

	while ((ch = getopt_long(argc, argv, "b:d:n:", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'b':
			if ((batch = atoi(optarg)) < 1)
				usage();
			break;
		case 'd':
			duration = atof(optarg);
			break;
		case 'n':
			limit = strtoull(optarg, NULL, 10);
			break;
		case OPT_DB:
			path = optarg;
			break;
		case OPT_STMTS:
			stmts = optarg;
			break;
		case OPT_CKPT:
			if (strcmp(optarg, "truncate") == 0)
				truncate = 1;
			else if (strcmp(optarg, "aerd") == 0)
				aerd = 1;
			else if (strncmp(optarg, "every:", 6) == 0 &&
			    atoi(optarg + 6) > 0)
				every = (uint64_t)atoi(optarg + 6) * 1000000;
			else if (strcmp(optarg, "none") != 0)
				usage();
			break;
		case OPT_KV:
			kv = 1;
			break;
		case OPT_PRAGMA:
			extra = optarg;
			break;
		case OPT_INBOX:
			inbox = 1;
			break;
		default:
			usage();
		}
	}
	if (path == NULL || stmts == NULL || optind == argc)
		usage();
	memset(&w, 0, sizeof(w));
	w.db = db_create(path);
	db_migrate(w.db, argv + optind, argc - optind);
	/* aerd's writer's pragmas (daemon/store-db.c), but for
	 * wal_autocheckpoint, which --checkpoint sets. */
	db_exec(w.db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; "
	    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -4096; "
	    "PRAGMA trusted_schema = OFF; PRAGMA busy_timeout = 250");
	if (extra != NULL) {
		/* What if aerd set this too, e.g. cache_size = -16384. */
		snprintf(pragma, sizeof(pragma), "PRAGMA %s", extra);
		db_exec(w.db, pragma);
	}
	if (inbox) {
		w.inbox = db_named(w.db, stmts, "INBOX_REPORT_INSERT");
		w.sp = db_named(w.db, stmts, "FILING_SAVEPOINT");
		w.rel = db_named(w.db, stmts, "FILING_RELEASE");
		factors_json(&w);
	} else {
		w.ins = db_named(w.db, stmts, "REPORT_INSERT");
		w.fac = db_named(w.db, stmts, "FACTOR_INSERT");
	}
	begin = prepare(w.db, "BEGIN IMMEDIATE");
	commit = prepare(w.db, "COMMIT");
	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = mono_ns();
	rng_seed(&w.rng, seed);
	hist_init(&h);
	if (every || aerd)
		db_exec(w.db, "PRAGMA wal_autocheckpoint = 0");
	if (aerd)
		ckpt = ckpt_start(path);
	t0 = last = mono_ns();
	deadline = t0 + (uint64_t)(duration * 1e9);
	while (limit ? n < limit : mono_ns() < deadline) {
		t = mono_ns();
		step_done(w.db, begin);
		for (i = 0; i < batch; i++, n++) {
			uuid_with(&w.rng, (uint32_t)rng_next(&w.rng), id);
			for (j = 0; j < 32; j += 8) {
				uint64_t	v = rng_next(&w.rng);

				memcpy(hash + j, &v, 8);
			}
			if (inbox)
				put_inbox(&w, &rows[n % NROWS], id, hash);
			else
				put_case(&w, &rows[n % NROWS], id, hash);
		}
		step_done(w.db, commit);
		if (ckpt != NULL)
			ckpt_kick(ckpt);	/* as aerd's store_commit() */
		if (truncate)
			sqlite3_wal_checkpoint_v2(w.db, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		hist_add(&h, mono_ns() - t);
		if (every && mono_ns() - last >= every) {
			sqlite3_wal_checkpoint_v2(w.db, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
			last = mono_ns();
		}
	}
	secs = (double)(mono_ns() - t0) / 1e9;
	if (ckpt != NULL)
		ckpt_stop(ckpt, &emptied, &failed);
	mode = truncate ? "truncate" : every ? "every" : aerd ? "aerd" :
	    "auto";
	if (kv)
		printf("rows_in=%s batch=%d checkpoint=%s rows=%llu "
		    "seconds=%.3f rows_per_s=%.1f commits=%llu "
		    "commit_p50_ms=%.3f commit_p99_ms=%.3f commit_max_ms=%.3f "
		    "wal_emptied=%lu ckpt_failed=%lu\n", inbox ? "inbox" :
		    "cases", batch, mode, n, secs, (double)n / secs,
		    (unsigned long long)h.n,
		    (double)hist_quantile(&h, 0.5) / 1e6,
		    (double)hist_quantile(&h, 0.99) / 1e6, (double)h.max / 1e6,
		    emptied, failed);
	else
		printf("%llu reports into the %s in %.2f s, %d per "
		    "transaction, checkpoint %s: %.1f reports/s; %llu commits, "
		    "p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", n, inbox ?
		    "inbox" : "case tables", secs, batch, mode,
		    (double)n / secs, (unsigned long long)h.n,
		    (double)hist_quantile(&h, 0.5) / 1e6,
		    (double)hist_quantile(&h, 0.99) / 1e6, (double)h.max / 1e6);
	sqlite3_finalize(w.ins);
	sqlite3_finalize(w.fac);
	sqlite3_finalize(w.inbox);
	sqlite3_finalize(w.sp);
	sqlite3_finalize(w.rel);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(w.db);
	return 0;
}
