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
 * The store's interface: SQLite behind named statements (sql/), one
 * transaction per change to a case, with its audit entry. Included by
 * aerd.h after the types it uses.
 */
#ifndef AER_STORE_H
#define AER_STORE_H

/*
 * What every store function returns: STORE_OK, or STORE_ERROR with err
 * (where it takes one) saying what went wrong, or one of the outcomes
 * below, each meaning one thing whichever function returns it. Nothing
 * was changed unless STORE_OK.
 */
#define STORE_OK	 0
#define STORE_ERROR	(-1)
#define STORE_NOT_FOUND	 1	/* no such report, action, token, receipt */
#define STORE_MOVED	 2	/* the case is no longer in the state given */
#define STORE_AMBIGUOUS	 3	/* an id prefix matches more than one */

/* store.c */
struct store;
int	store_open(const char *path, struct store **, char *err,
	    size_t errlen);
int	store_reopen(const char *path, struct store **, char *err,
	    size_t errlen);
int	store_open_clean(const char *path, struct store **, char *err,
	    size_t errlen);
int	store_verify(const char *path, char *err, size_t errlen);
void	store_close(struct store *);
int	store_load_taxonomy(struct store *, struct taxonomy *, char *err,
	    size_t errlen);
enum resolve_kind { RESOLVE_REPORT, RESOLVE_ACTION, RESOLVE_TOKEN };
#define ID_LEN	37
int	store_resolve(struct store *, enum resolve_kind, const char *prefix,
	    char id[ID_LEN]);

/* store-check.c: the check after an unclean stop, on a thread. */
struct checker;
struct checker	*store_check_start(const char *path, const char *hold,
		    char *err, size_t errlen);
int		 store_check_fd(struct checker *);
int		 store_check_finish(struct checker *, char *err,
		    size_t errlen);
void		 store_check_free(struct checker *);
int		 store_refuse_writes(struct store *);

/* store-mark.c: whether aerd stopped cleanly last time. */
int	store_mark_take(const char *db_path);
void	store_mark_put(const char *db_path);

/* store-report.c: filing, and the follow-up a receipt opens. */
struct filing {
	const char		*id;
	const unsigned char	*receipt_hash;	/* RECEIPT_HASH_LEN bytes */
	const char		*received;	/* a day */
	const char		*triage_due;
	const char		*feedback_due;
	long long		 release_at;	/* the release it waits for */
};
int	store_reply(struct store *, const char *id, const char *report_id,
	    const char *day, const char *text, const char *change,
	    long long release_at, char *err, size_t errlen);
int	store_file(struct store *, const struct filing *,
	    const struct report_in *, char *err, size_t errlen);
int	store_file_commit(struct store *, char *err, size_t errlen);
void	store_set_flush(struct store *, void (*)(void *), void *);
/* store-release.c: the inbox into the case tables, in a random order. */
int	store_release(struct store *, long long cutoff, long long horizon,
	    const char *at, size_t *released, char *err, size_t errlen);
int	store_file_urgent(struct store *, const struct filing *,
	    const struct report_in *, char *err, size_t errlen);
/* A page of a report's messages, numbered from 1 in the order sent: the
 * latest limit of those numbered below before (0: the latest of all). */
struct msg_page {
	int		 limit;
	long long	 before;
};
int	store_followup(struct store *, const unsigned char hash[RECEIPT_HASH_LEN],
	    const struct msg_page *, json_t **, char *err, size_t errlen);
struct day_messages {
	int	released;		/* either side's */
	int	released_reporter;	/* the reporter's among them */
	int	waiting;		/* the reporter's, in the inbox */
};
int	store_messages_on(struct store *, const char *report_id,
	    const char *day, struct day_messages *);

/* store-case.c: the review workflow's reads and writes. Each write does
 * what a plan (workflow-plan.c) decided, in one transaction with its
 * audit entry and the case's deadlines (next_due, escalate_due,
 * due_counts); STORE_MOVED if the case is no longer in plan->from. */
struct who {
	const char	*at;	/* UTC time; a day only for a reporter */
	const char	*role;
	const char	*actor;	/* user or token name; NULL for reporters */
};
int	store_case(struct store *, const char *id, const char *today,
	    const struct msg_page *, json_t **);
int	store_case_facts(struct store *, const char *id, struct case_facts *);
int	store_triage(struct store *, const char *id, const struct triage_in *,
	    const struct plan *, const struct who *);
int	store_rca(struct store *, const char *id, const struct rca_in *,
	    const char *today, const struct plan *, const struct who *);
int	store_action_add(struct store *, const char *report_id,
	    const struct action_in *, const char *today, const struct plan *,
	    const struct who *);
int	store_action_get(struct store *, const char *action_id,
	    char report_id[ID_LEN], enum action_status *);
int	store_action_update(struct store *, const char *report_id,
	    const struct action_patch *, const char *today,
	    const struct plan *, const struct who *);
int	store_message(struct store *, const char *report_id,
	    const char *sender, const char *day, const char *text,
	    const struct plan *, const struct who *);
int	store_close_case(struct store *, const char *id, const struct close_in *,
	    const char *today, const struct plan *, const struct who *);

/* store-escalate.c */
int	store_escalations(struct store *, const char *today,
	    json_t **overdue);
int	store_escalate(struct store *, const char *report_id,
	    const char *what, const char *due, const char *today,
	    const struct who *, const char *change);

/* store-summary.c */
int	store_summary(struct store *, const char *from, const char *to,
	    const char *today, json_t **);
int	store_summary_months(struct store *, const char *from,
	    const char *to, const char *today, json_t **);

/* store-audit.c */
int	store_audit_verify(struct store *, struct audit_check *);

/* store-tokens.c */
int	store_token_add(struct store *, const char *id, const char *name,
	    const char *role, const unsigned char hash[RECEIPT_HASH_LEN],
	    const char *created, const struct who *, const char *change);
int	store_token_list(struct store *, json_t **);
int	store_token_revoke(struct store *, const char *id, const struct who *,
	    const char *change);
int	store_token_lookup(struct store *,
	    const unsigned char hash[RECEIPT_HASH_LEN], char *name,
	    size_t namelen, enum role *);

/*
 * store-export.c: an export's rows, read on a connection of its own in
 * pieces (export_pause). A row is its values, valid until the next row;
 * export_next gives 1 with a row, 0 at the end, -1 on an error.
 */
struct export_value {
	char		 type;	/* 0 NULL, s text, i integer, b boolean */
	const char	*s;	/* text, NUL-terminated */
	size_t		 len;
	long long	 i;	/* integer, or boolean 0 or 1 */
};
struct export_cursor;
/* The columns of the FHIR export's rows (EXPORT_FHIR_ROWS), in order:
 * codes with their labels; factors, causes and actions as JSON arrays. */
enum {
	FHIR_COL_ID, FHIR_COL_RECEIVED, FHIR_COL_STATE, FHIR_COL_EVENT_TYPE,
	FHIR_COL_EVENT_TYPE_LABEL, FHIR_COL_CATEGORY, FHIR_COL_CATEGORY_LABEL,
	FHIR_COL_HARM, FHIR_COL_HARM_LABEL, FHIR_COL_MERP, FHIR_COL_MERP_LABEL,
	FHIR_COL_OCCURRED, FHIR_COL_LOCATION, FHIR_COL_SAC, FHIR_COL_FACTORS,
	FHIR_COL_CAUSES, FHIR_COL_ACTIONS, FHIR_COL_DESCRIPTION,
	FHIR_COL_IMMEDIATE, FHIR_COL_OUTCOME, FHIR_NCOLUMNS
};
size_t			 export_columns(const char **names);
struct export_cursor	*export_open(const char *db_path, const char *from,
			    const char *to, char *err, size_t errlen);
struct export_cursor	*export_open_fhir(const char *db_path,
			    const char *from, const char *to, char *err,
			    size_t errlen);
int			 export_next(struct export_cursor *,
			    const struct export_value **);
int			 export_pause(struct export_cursor *);
json_t			*export_json(const struct export_value *,
			    const char *const *names, size_t n);
void			 export_close(struct export_cursor *);

/* store-backup.c: a copy of the database, made by a thread of its own. */
struct backup;
struct backup	*backup_start(const char *db_path, char *err, size_t);
int		 backup_fd(struct backup *);
int		 backup_finish(struct backup *);
void		 backup_free(struct backup *);

/* store-queue.c: a page of the reviewer's queue, the cases after the key
 * (after_due, after_received, after_id: "" for the first page). */
#define QUEUE_KEY_LEN	(16 + DAY_LEN + ID_LEN)
struct queue_query {
	const char	*today;
	const char	*state;		/* NULL: every open state */
	int		 overdue_only;
	int		 limit;
	const char	*category;	/* NULL: any */
	const char	*harm;		/* NULL: any */
	const char	*since;		/* first day received, NULL: any */
	int		 after_part;	/* 0 overdue, 1 the rest */
	int		 after_rank;	/* harm rank, sql/011_queue_harm.sql */
	const char	*after_due;	/* a day, or "none" */
	const char	*after_received;
	const char	*after_id;
};
int	store_queue(struct store *, const struct queue_query *, json_t **);

#endif /* AER_STORE_H */
