/*
 * ref-sqlite: the storage limit. One process inserts the rows aerd
 * inserts for a filed report (REPORT_INSERT and FACTOR_INSERT from
 * sql/statements.sql, so the summary triggers fire as they do in aerd)
 * into a fresh database with aerd's schema and pragmas (WAL,
 * synchronous=FULL), B reports per transaction, and prints reports per
 * second and the latency of a transaction, begin to durable commit.
 * With --checkpoint truncate it also runs a TRUNCATE checkpoint after
 * every commit, timed with it. With --checkpoint every:MS it runs one
 * after a commit when MS milliseconds have passed since the last, untimed:
 * as aerd's checkpointer empties the WAL (daemon/store-admin.c), so that
 * the commits between append to a WAL that has been emptied.
 *
 *	ref-sqlite --db FILE --statements sql/statements.sql [-b ROWS]
 *	    [-d SECONDS | -n ROWS] [--checkpoint none|truncate|every:MS]
 *	    [--pragma "NAME = VALUE"] [--kv] sql/0*.sql
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "hist.h"
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

static __attribute__((noreturn)) void
usage(void)
{
	fprintf(stderr, "usage: ref-sqlite --db FILE --statements FILE "
	    "[-b ROWS] [-d SECONDS | -n ROWS]\n"
	    "                  [--checkpoint none|truncate|every:MS] "
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

int
main(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_STMTS, OPT_CKPT, OPT_KV, OPT_PRAGMA };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "statements", required_argument, NULL, OPT_STMTS },
		{ "checkpoint", required_argument, NULL, OPT_CKPT },
		{ "kv", no_argument, NULL, OPT_KV },
		{ "pragma", required_argument, NULL, OPT_PRAGMA },
		{ NULL, 0, NULL, 0 }
	};
	const char		*path = NULL, *stmts = NULL, *extra = NULL;
	char			 pragma[256];
	sqlite3			*db;
	sqlite3_stmt		*ins, *fac, *begin, *commit;
	struct hist		 h;
	struct rng		 rng;
	const struct row	*r;
	unsigned char		 hash[32];
	char			 id[37];
	double			 duration = 5, secs;
	unsigned long long	 limit = 0, n = 0;
	uint64_t		 seed, t0, t, deadline, every = 0, last;
	int			 ch, batch = 64, truncate = 0, kv = 0, i, j;

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
		default:
			usage();
		}
	}
	if (path == NULL || stmts == NULL || optind == argc)
		usage();
	db = db_create(path);
	db_migrate(db, argv + optind, argc - optind);
	/* aerd's pragmas (daemon/store.c). */
	db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; "
	    "PRAGMA trusted_schema = OFF; PRAGMA busy_timeout = 250");
	if (extra != NULL) {
		/* What if aerd set this too, e.g. cache_size = -16384. */
		snprintf(pragma, sizeof(pragma), "PRAGMA %s", extra);
		db_exec(db, pragma);
	}
	ins = db_named(db, stmts, "REPORT_INSERT");
	fac = db_named(db, stmts, "FACTOR_INSERT");
	if (sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(db, "COMMIT", -1, &commit,
	    NULL) != SQLITE_OK)
		return 1;
	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = mono_ns();
	rng_seed(&rng, seed);
	hist_init(&h);
	if (every)
		db_exec(db, "PRAGMA wal_autocheckpoint = 0");
	t0 = last = mono_ns();
	deadline = t0 + (uint64_t)(duration * 1e9);
	while (limit ? n < limit : mono_ns() < deadline) {
		t = mono_ns();
		step_done(db, begin);
		for (i = 0; i < batch; i++, n++) {
			r = &rows[n % NROWS];
			uuid_with(&rng, (uint32_t)rng_next(&rng), id);
			for (j = 0; j < 32; j += 8) {
				uint64_t	v = rng_next(&rng);

				memcpy(hash + j, &v, 8);
			}
			sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_blob(ins, 2, hash, 32, SQLITE_STATIC);
			sqlite3_bind_text(ins, 3, "2026-11-23", -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 4, r->event_type, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 5, r->category, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 6, r->harm, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 7, r->merp, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 8, r->occurred, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 9, r->location, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 10, r->description, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 11, r->immediate, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 12, r->role, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 13, "2026-11-30", -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(ins, 14, "2027-02-23", -1,
			    SQLITE_STATIC);
			step_done(db, ins);
			for (j = 0; j < 3 && r->factors[j] != NULL; j++) {
				sqlite3_bind_text(fac, 1, id, -1,
				    SQLITE_TRANSIENT);
				sqlite3_bind_text(fac, 2, r->factors[j], -1,
				    SQLITE_STATIC);
				step_done(db, fac);
			}
		}
		step_done(db, commit);
		if (truncate)
			sqlite3_wal_checkpoint_v2(db, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		hist_add(&h, mono_ns() - t);
		if (every && mono_ns() - last >= every) {
			sqlite3_wal_checkpoint_v2(db, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
			last = mono_ns();
		}
	}
	secs = (double)(mono_ns() - t0) / 1e9;
	if (kv)
		printf("batch=%d checkpoint=%s rows=%llu seconds=%.3f "
		    "rows_per_s=%.1f commits=%llu commit_p50_ms=%.3f "
		    "commit_p99_ms=%.3f commit_max_ms=%.3f\n", batch,
		    truncate ? "truncate" : every ? "every" : "auto", n, secs,
		    (double)n / secs,
		    (unsigned long long)h.n,
		    (double)hist_quantile(&h, 0.5) / 1e6,
		    (double)hist_quantile(&h, 0.99) / 1e6, (double)h.max / 1e6);
	else
		printf("%llu reports in %.2f s, %d per transaction, checkpoint "
		    "%s: %.1f reports/s; %llu commits, p50 %.3f ms, p99 %.3f "
		    "ms, max %.3f ms\n", n, secs, batch, truncate ? "truncate "
		    "after each" : every ? "truncate now and then" :
		    "automatic", (double)n / secs,
		    (unsigned long long)h.n,
		    (double)hist_quantile(&h, 0.5) / 1e6,
		    (double)hist_quantile(&h, 0.99) / 1e6, (double)h.max / 1e6);
	sqlite3_finalize(ins);
	sqlite3_finalize(fac);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	return 0;
}
