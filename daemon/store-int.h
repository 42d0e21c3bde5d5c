/*
 * Inside the store: shared by store.c (filing, follow-up, the connection)
 * and store-case.c (the review workflow). Nothing outside store*.c
 * includes this.
 */
#ifndef AERD_STORE_INT_H
#define AERD_STORE_INT_H

#include <sqlite3.h>

#include "sql-gen.h"

#define STORE_BUSY_MS	250	/* the writer's busy_timeout */

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmt[STMT__COUNT];
	int		 batch;		/* reports being filed together */
	void		(*flush)(void *);
	void		*flush_arg;
	char		*path;
	struct checkpointer *ckpt;	/* store-admin.c; NULL: none yet */
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
int		 store_audit_append(struct store *, const char *report_id,
		    const struct who *, const char *change);
int		 store_set_clock(struct store *, const char *today);
int		 store_case_due(struct store *, const char *report_id);
int		 store_ckpt_start(struct store *, const char *path);
void		 store_ckpt_kick(struct store *);
void		 store_ckpt_stop(struct store *);

#endif
