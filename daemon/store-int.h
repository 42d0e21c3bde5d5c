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
 * Inside the store, shared by the store*.c files and included by
 * nothing else. Calls go one way, from the files above to the ones
 * below, never back:
 *
 *	store-case.c store-tokens.c store-escalate.c store-release.c
 *	  store-audit.c  store-report.c  store-summary.c
 *	    store.c (the writer: statements, transactions)
 *	      store-ckpt.c (the checkpointer)
 *	        store-db.c (every connection)	<- store-export.c
 *							   store-job.c <- store-backup.c
 *								  store-check.c
 */
#ifndef AERD_STORE_INT_H
#define AERD_STORE_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include <sqlite3.h>

#include "sql-gen.h"

#define STORE_BUSY_MS	250	/* the longest the event loop waits for
				 * another process's lock, then a 503 */

/* store-db.c */
enum store_db {
	STORE_DB_START,		/* the writer at start: checked, migrated */
	STORE_DB_CLEAN,		/* the same after a clean stop: migrated */
	STORE_DB_WRITER,	/* the writer again, in the same process */
	STORE_DB_CKPT,		/* the checkpointer's */
	STORE_DB_READER,	/* read-only, for an export */
	STORE_DB_COPY,		/* read-only, for a backup's or the
				 * check's thread */
};
int	store_db_open(const char *path, enum store_db, sqlite3 **,
	    char *err, size_t errlen);
int	store_db_verify(const char *path, char *err, size_t errlen);
int	store_db_check(sqlite3 *, const char *path, int full, char *err,
	    size_t errlen);

/* store.c */
struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmt[STMT__COUNT];
	int		 batch;		/* reports being filed together */
	void		(*flush)(void *);
	void		*flush_arg;
	char		*path;
	struct checkpointer *ckpt;	/* store-ckpt.c; NULL: none yet */
	int		 ckpt_failed;	/* could not start: fold in inline */
};

/*
 * Binding by a format: 's' text (NULL binds NULL), 'i' int, 'l' long long, 'b' a
 * RECEIPT_HASH_LEN (= AUDIT_HASH_LEN) byte blob. Strings are bound
 * SQLITE_STATIC: they must outlive the statement's use.
 */
sqlite3_stmt	*store_stmt(struct store *, enum sql_stmt, const char *fmt,
		    ...);
void		 store_done(sqlite3_stmt *);
int		 store_exec(struct store *, enum sql_stmt, const char *fmt,
		    ...);
int		 store_begin(struct store *);
int		 store_commit(struct store *);
void		 store_rollback(struct store *);
int		 store_end(struct store *, int rc);
int		 store_set_clock(struct store *, const char *today);

/* store-audit.c */
int		 store_audit_append(struct store *, const char *report_id,
		    const struct who *, const char *change);

/* store-case.c */
int		 store_case_due(struct store *, const char *report_id);

/* store-report.c */
int		 store_inbox_add(struct store *, const struct filing *,
		    const struct report_in *);

/* store-ckpt.c */
void		 store_ckpt_kick(struct store *);
void		 store_ckpt_stop(struct store *);

/* store-job.c */
struct store_job {
	sqlite3		*db;		/* the thread's own, read-only */
	pthread_t	 thread;
	int		 started;
	int		 pipe[2];	/* the thread writes a byte when done */
	atomic_int	 cancel;
	void		(*run)(struct store_job *, void *);
	void		*arg;
};
int		 store_job_start(struct store_job *, const char *path,
		    void (*)(struct store_job *, void *), void *, char *err,
		    size_t errlen);
int		 store_job_cancelled(struct store_job *);
void		 store_job_join(struct store_job *);
void		 store_job_stop(struct store_job *);

#endif
