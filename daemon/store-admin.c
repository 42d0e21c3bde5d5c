/*
 * The store's side of what runs behind the cases: escalation of overdue
 * deadlines, the audit chain's verification, and bearer tokens.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
	if (store_audit_append(st, report_id, w, change) == -1)
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
