/*
 * The store's side of what runs behind the cases: escalation of overdue
 * deadlines, the audit chain's verification, bearer tokens, and the
 * checkpointer that folds the WAL into the database off the event loop.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aerd.h"
#include "store-int.h"

static int
end(struct store *st, int rc)
{
	if (rc == 0 && store_commit(st) == -1)
		rc = -1;
	if (rc != 0)
		store_rollback(st);
	return rc;
}

static json_t *
text(sqlite3_stmt *s, int i)
{
	return json_string((const char *)sqlite3_column_text(s, i));
}

/* The overdue items of one case not yet escalated, appended to list. */
static int
case_escalations(struct store *st, const char *id, const char *state,
    json_t *list)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_ESCALATE_ITEMS, "s", id)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:s}",
		    "report_id", id, "what", text(s, 0), "due", text(s, 1),
		    "state", state));
	store_done(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Overdue items not yet escalated: [{"report_id", "what", "due",
 * "state"}], of the 100 cases whose earliest such item is the oldest.
 * Cases come from reports_escalate, so a pass reads only cases with
 * something to escalate.
 */
int
store_escalations(struct store *st, const char *today, json_t **out)
{
	sqlite3_stmt	*s;
	json_t		*cases, *list, *c;
	size_t		 i;
	int		 rc;

	*out = NULL;
	if (store_set_clock(st, today) == -1 ||
	    (s = store_stmt(st, STMT_ESCALATE_CASES, "")) == NULL)
		return -1;
	cases = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(cases, json_pack("[o, o]", text(s, 0),
		    text(s, 1)));
	store_done(s);
	list = json_array();
	json_array_foreach(cases, i, c) {
		if (rc != SQLITE_DONE)
			break;
		if (case_escalations(st, json_string_value(json_array_get(c,
		    0)), json_string_value(json_array_get(c, 1)), list) == -1)
			rc = SQLITE_ERROR;
	}
	json_decref(cases);
	if (rc != SQLITE_DONE) {
		json_decref(list);
		return -1;
	}
	*out = list;
	return 0;
}

/* Marks one item escalated, once; 1 if it already was. */
int
store_escalate(struct store *st, const char *report_id, const char *what,
    const char *due, const char *today, const struct who *w,
    const char *change)
{
	int	rc;

	if (store_begin(st) == -1)
		return -1;
	rc = store_exec(st, STMT_ESCALATION_INSERT, "ssss", report_id, what,
	    due, today);
	if (rc != 1)
		return end(st, rc == -1 ? -1 : 1);
	if (store_audit_append(st, report_id, w, change) == -1 ||
	    store_case_due(st, report_id) != STORE_OK)
		return end(st, -1);
	return end(st, 0);
}

static const char *
column(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/*
 * Walks the audit chain. Sets c->bad_seq to 0 when it holds, or to the
 * first entry where it breaks, with c->problem: "removed" (a gap before
 * it), "altered" (its hash does not match its content), or "reordered"
 * (its link does not match the entry before it). Gives the head of the
 * chain, and the hash of entry c->at_seq when asked for one, so that a
 * head recorded elsewhere can show entries cut from the end, or a chain
 * recomputed after a change.
 */
int
store_audit_verify(struct store *st, struct audit_check *c)
{
	struct audit_entry	 e;
	sqlite3_stmt		*s;
	unsigned char		 prev[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
	long long		 last = 0, at_seq = c->at_seq;
	int			 rc;

	memset(c, 0, sizeof(*c));
	c->at_seq = at_seq;
	memset(prev, 0, sizeof(prev));
	if ((s = store_stmt(st, STMT_AUDIT_ALL, "")) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->entries++;
		if (c->bad_seq != 0)
			continue;
		e.seq = sqlite3_column_int64(s, 0);
		e.report_id = column(s, 1);
		e.at = column(s, 2);
		e.role = column(s, 3);
		e.actor = column(s, 4);
		e.change = column(s, 5);
		if (e.seq != last + 1)
			c->problem = "removed";
		else if (sqlite3_column_bytes(s, 6) != AUDIT_HASH_LEN ||
		    memcmp(sqlite3_column_blob(s, 6), prev, AUDIT_HASH_LEN))
			c->problem = "reordered";
		else if (e.at == NULL || e.role == NULL || e.change == NULL ||
		    audit_hash(prev, &e, hash) == -1 ||
		    sqlite3_column_bytes(s, 7) != AUDIT_HASH_LEN ||
		    memcmp(sqlite3_column_blob(s, 7), hash, AUDIT_HASH_LEN))
			c->problem = "altered";
		if (c->problem != NULL) {
			c->bad_seq = e.seq;
			continue;
		}
		memcpy(prev, hash, AUDIT_HASH_LEN);
		last = e.seq;
		if (e.seq == c->at_seq) {
			c->at_found = 1;
			memcpy(c->at, hash, AUDIT_HASH_LEN);
		}
	}
	store_done(s);
	c->head_seq = last;
	memcpy(c->head, prev, AUDIT_HASH_LEN);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_token_add(struct store *st, const char *id, const char *name,
    const char *role, const unsigned char hash[RECEIPT_HASH_LEN],
    const char *created, const struct who *w, const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	if (store_exec(st, STMT_TOKEN_INSERT, "sssbs", id, name, role, hash,
	    created) != 1 || store_audit_append(st, NULL, w, change) == -1)
		return end(st, -1);
	return end(st, 0);
}

int
store_token_list(struct store *st, json_t **out)
{
	json_error_t	 jerr;
	sqlite3_stmt	*s;
	int		 rc;

	*out = NULL;
	if ((s = store_stmt(st, STMT_TOKEN_LIST, "")) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*out = json_loads(column(s, 0), 0, &jerr);
	store_done(s);
	return *out ? 0 : -1;
}

int
store_token_revoke(struct store *st, const char *id, const struct who *w,
    const char *change)
{
	if (store_begin(st) == -1)
		return -1;
	if (store_exec(st, STMT_TOKEN_REVOKE, "s", id) != 1 ||
	    store_audit_append(st, NULL, w, change) == -1)
		return end(st, -1);
	return end(st, 0);
}

/* The live token with this hash: 0 with its name and role, 1 if none. */
int
store_token_lookup(struct store *st, const unsigned char hash[RECEIPT_HASH_LEN],
    char *name, size_t namelen, enum role *role)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_TOKEN_BY_HASH, "b", hash)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(name, namelen, "%s", column(s, 0));
		if (role_parse(column(s, 1), role) == -1)
			rc = SQLITE_CORRUPT;
	}
	store_done(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/*
 * The raw counts behind a summary of days from to to: {"counts":
 * {dimension: {value: n}}, "months": {"YYYY-MM": n}, "overdue":
 * {"rca": n, "action": n}}.
 */
int
store_summary(struct store *st, const char *from, const char *to,
    const char *today, json_t **out)
{
	sqlite3_stmt	*s;
	json_t		*counts, *months, *overdue, *dim;
	int		 rc = SQLITE_DONE;

	*out = NULL;
	if (store_set_clock(st, today) == -1)
		return -1;
	counts = json_object();
	months = json_object();
	overdue = json_object();
	if ((s = store_stmt(st, STMT_SUMMARY_COUNTS, "ss", from, to)) == NULL)
		rc = SQLITE_ERROR;
	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((dim = json_object_get(counts, column(s, 0))) == NULL) {
			dim = json_object();
			json_object_set_new(counts, column(s, 0), dim);
		}
		json_object_set_new(dim, column(s, 1),
		    json_integer(sqlite3_column_int64(s, 2)));
	}
	if (s != NULL)
		store_done(s);
	if (rc == SQLITE_DONE &&
	    (s = store_stmt(st, STMT_SUMMARY_MONTHS, "ss", from, to)) != NULL) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			json_object_set_new(months, column(s, 0),
			    json_integer(sqlite3_column_int64(s, 1)));
		store_done(s);
	}
	if (rc == SQLITE_DONE &&
	    (s = store_stmt(st, STMT_SUMMARY_OVERDUE, "ss", from, to)) != NULL) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			json_object_set_new(overdue, column(s, 0),
			    json_integer(sqlite3_column_int64(s, 1)));
		store_done(s);
	}
	*out = json_pack("{s:o, s:o, s:o}", "counts", counts, "months", months,
	    "overdue", overdue);
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return *out ? 0 : -1;
}

/*
 * The checkpointer. The WAL holds each commit's pages in commit order,
 * which would tell the order in which reports were filed (DESIGN.md,
 * anonymity): it must be folded into the database and emptied soon. But
 * not by the event loop, between a COMMIT and its 201s: a checkpoint
 * writes every page again and syncs the database, and a TRUNCATE one
 * waits for readers on an old snapshot (a backup's). So a thread of its
 * own, on a connection of its own, does it: CKPT_DELAY_MS after a commit
 * it copies the WAL into the database (PASSIVE: writers go on meanwhile),
 * then empties it (TRUNCATE, which needs a moment without a writer: it
 * never waits for one, it tries again up to CKPT_TRIES times).
 *
 * The bound: when nothing holds an old snapshot, the WAL is emptied
 * within about CKPT_DELAY_MS (100 ms) plus the checkpoint's own time of
 * a commit, and under a steady stream of commits at least that often. A
 * reader holding an old snapshot (a backup, for as long as it runs; an
 * export, for one batch: export.c) keeps the frames after it from being
 * folded in, and the WAL from being emptied; the checkpointer tries
 * again every CKPT_BUSY_MS until the reader has gone.
 */
#define CKPT_DELAY_MS	100
#define CKPT_BUSY_MS	250
#define CKPT_RETRY_MS	2
#define CKPT_TRIES	5

struct checkpointer {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	sqlite3		*db;
	int		 dirty;		/* commits not yet folded in */
	int		 stop;
};

static void
deadline_in(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* Waits ms, or until told to stop; with c->mu held. */
static void
ckpt_wait(struct checkpointer *c, long ms)
{
	struct timespec	ts;

	deadline_in(&ts, ms);
	while (!c->stop && pthread_cond_timedwait(&c->cv, &c->mu, &ts) !=
	    ETIMEDOUT)
		;
}

/*
 * Folds the WAL in and empties it: 0, or -1 when something held it.
 * PASSIVE first: it copies and syncs without the write lock. TRUNCATE
 * takes the write lock, so it is tried only once everything is copied
 * (it then holds the lock a moment, to empty the file), and never while
 * a reader keeps frames from being copied: a TRUNCATE that has to wait
 * for readers would hold the writer up for nothing.
 */
static int
ckpt_once(struct checkpointer *c)
{
	struct timespec	nap = { 0, CKPT_RETRY_MS * 1000000L };
	int		i, rc, log, done;

	if (sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    &log, &done) != SQLITE_OK || done < log)
		return -1;
	for (i = 0; i < CKPT_TRIES; i++) {
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		nanosleep(&nap, NULL);
	}
	return -1;
}

static void *
ckpt_main(void *arg)
{
	struct checkpointer	*c = arg;
	long			 delay = CKPT_DELAY_MS;

	pthread_mutex_lock(&c->mu);
	while (!c->stop) {
		if (!c->dirty) {
			pthread_cond_wait(&c->cv, &c->mu);
			continue;
		}
		ckpt_wait(c, delay);
		if (c->stop)
			break;
		c->dirty = 0;
		pthread_mutex_unlock(&c->mu);
		delay = ckpt_once(c) == 0 ? CKPT_DELAY_MS : CKPT_BUSY_MS;
		pthread_mutex_lock(&c->mu);
		if (delay != CKPT_DELAY_MS)
			c->dirty = 1;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* Starts the checkpointer on the database at path; -1 if it cannot. */
int
store_ckpt_start(struct store *st, const char *path)
{
	struct checkpointer	*c;
	sigset_t		 all, old;
	int			 rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	/* A connection that has read nothing does not know the database
	 * is in WAL mode, and its checkpoints would do nothing. */
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL,
	    NULL, NULL) != SQLITE_OK) {
		log_warnx("checkpointer: cannot open %s: %s", path,
		    c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	/* Signals are the event loop's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, ckpt_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_warnx("checkpointer: cannot start: %s", strerror(rc));
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	st->ckpt = c;
	return 0;
}

/* A commit is in the WAL: fold it in soon. */
void
store_ckpt_kick(struct store *st)
{
	struct checkpointer	*c = st->ckpt;

	if (c == NULL && !st->ckpt_failed && st->path != NULL &&
	    store_ckpt_start(st, st->path) == -1)
		st->ckpt_failed = 1;
	if ((c = st->ckpt) == NULL) {
		/* No thread: fold it in now, never waiting for a reader. */
		sqlite3_busy_timeout(st->db, 0);
		sqlite3_wal_checkpoint_v2(st->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
		return;
	}
	pthread_mutex_lock(&c->mu);
	if (!c->dirty) {
		c->dirty = 1;
		pthread_cond_signal(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
}

/* Stops the thread; closing the store then folds in what is left. */
void
store_ckpt_stop(struct store *st)
{
	struct checkpointer	*c = st->ckpt;

	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	sqlite3_close(c->db);
	free(c);
	st->ckpt = NULL;
}
