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
 * gendb's writer. In the default (bulk) mode each row goes in as it
 * stands on the last day. With triggers on, a case is filed as new, its
 * actions as open, and UPDATEs then move them to where they stand, so
 * that every summary trigger fires as it would in aerd; past
 * sql/009_case_deadlines.sql, aerd's own statements then keep the case's
 * deadlines, as its store does after each write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "gendb-write.h"

static const char *const sql[W__COUNT] = {
	"INSERT INTO reports (id, receipt_hash, state, received, event_type, "
	"category, harm, merp_category, occurred_at, location, description, "
	"immediate_actions, reporter_role, outcome, sac_score, rca_required, "
	"triage_due, rca_start_due, rca_due, feedback_due, rationale, "
	"closed_on, next_due, escalate_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
	"?21, ?22, iif(?3 = 'new', min(?17, ?20), NULL), iif(?3 = 'new', "
	"min(?17, ?20), NULL))",
	"INSERT INTO report_factors (report_id, factor) VALUES (?1, ?2)",
	"INSERT INTO triage (report_id, severity, probability, sentinel, "
	"blameworthy, note, sac_score, at, by) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, ?9)",
	"INSERT INTO rca (report_id, team, timeline, causes, complete, "
	"started, completed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO actions (id, report_id, seq, description, strength, "
	"owner, measure, target, measure_by, due, status, note, reason, "
	"created, done_on, verified_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	"INSERT INTO messages (report_id, seq, sender, sent, body) VALUES "
	"(?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO escalations (report_id, what, due, escalated) VALUES "
	"(?1, ?2, ?3, ?4)",
	"INSERT INTO audit (seq, report_id, at, role, actor, change, "
	"prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"UPDATE actions SET status = ?2, note = ?3, reason = ?4, done_on = ?5, "
	"verified_on = ?6 WHERE id = ?1",
	"UPDATE reports SET state = ?2, outcome = ?3, rationale = ?4, "
	"closed_on = ?5 WHERE id = ?1",
};

void
writer_init(struct writer *w, int triggers)
{
	int	i;

	w->triggers = triggers;
	w->due[0] = w->due[1] = NULL;
	w->audit_seq = 0;
	memset(w->prev, 0, sizeof(w->prev));
	for (i = 0; i < W__COUNT; i++)
		if (sqlite3_prepare_v3(w->db, sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &w->s[i], NULL) != SQLITE_OK) {
			fprintf(stderr, "gendb: %s\n", sqlite3_errmsg(w->db));
			exit(1);
		}
}

void
writer_free(struct writer *w)
{
	int	i;

	for (i = 0; i < W__COUNT; i++)
		sqlite3_finalize(w->s[i]);
	sqlite3_finalize(w->due[0]);
	sqlite3_finalize(w->due[1]);
}

/* Binds text, or NULL. */
static void
text(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Binds a day, or NULL for 0. */
static void
day(sqlite3_stmt *s, int i, int d)
{
	char	buf[11];

	if (d == 0) {
		sqlite3_bind_null(s, i);
		return;
	}
	day_str(d, buf);
	sqlite3_bind_text(s, i, buf, 10, SQLITE_TRANSIENT);
}

static void
run(struct writer *w, sqlite3_stmt *s)
{
	if (sqlite3_step(s) != SQLITE_DONE) {
		fprintf(stderr, "gendb: %s\n", sqlite3_errmsg(w->db));
		exit(1);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* daemon/audit.c: each field as an 8-byte big-endian length and its
 * bytes, NULL as a length of ~0. */
static void
field(EVP_MD_CTX *ctx, const char *s)
{
	unsigned char		len[8];
	unsigned long long	n = s ? strlen(s) : ~0ULL;
	int			i;

	for (i = 7; i >= 0; i--, n >>= 8)
		len[i] = (unsigned char)(n & 0xff);
	EVP_DigestUpdate(ctx, len, sizeof(len));
	if (s != NULL)
		EVP_DigestUpdate(ctx, s, strlen(s));
}

static void
audit(struct writer *w, const char *id, int on, const char *role,
    const char *actor, const char *change)
{
	static EVP_MD_CTX	*ctx;
	sqlite3_stmt		*s = w->s[W_AUDIT];
	unsigned char		 hash[32];
	unsigned int		 len;
	char			 seq[32], at[24];

	if (ctx == NULL && (ctx = EVP_MD_CTX_new()) == NULL)
		exit(1);
	day_str(on, at);
	snprintf(at + 10, sizeof(at) - 10, "T10:%02d:00Z",
	    (int)(w->audit_seq % 60));
	snprintf(seq, sizeof(seq), "%llu", ++w->audit_seq);
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, w->prev, sizeof(w->prev));
	field(ctx, seq);
	field(ctx, id);
	field(ctx, at);
	field(ctx, role);
	field(ctx, actor);
	field(ctx, change);
	EVP_DigestFinal_ex(ctx, hash, &len);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)w->audit_seq);
	text(s, 2, id);
	text(s, 3, at);
	text(s, 4, role);
	text(s, 5, actor);
	text(s, 6, change);
	sqlite3_bind_blob(s, 7, w->prev, 32, SQLITE_STATIC);
	sqlite3_bind_blob(s, 8, hash, 32, SQLITE_STATIC);
	run(w, s);
	memcpy(w->prev, hash, sizeof(hash));
}

static void
report(struct writer *w, const struct gcase *c)
{
	sqlite3_stmt	*s = w->s[W_REPORT];
	int		 i, as_filed = w->triggers;

	text(s, 1, c->id);
	sqlite3_bind_blob(s, 2, c->receipt_hash, 32, SQLITE_STATIC);
	text(s, 3, as_filed ? "new" : c->state);
	day(s, 4, c->received);
	text(s, 5, c->event_type);
	text(s, 6, c->category);
	text(s, 7, c->harm);
	text(s, 8, c->merp);
	text(s, 9, c->occurred_at);
	text(s, 10, c->location);
	text(s, 11, c->description);
	text(s, 12, c->immediate);
	text(s, 13, c->role);
	text(s, 14, as_filed ? NULL : c->outcome);
	if (c->triaged)
		sqlite3_bind_int(s, 15, c->sac);
	sqlite3_bind_int(s, 16, c->rca_required);
	day(s, 17, c->triage_due);
	day(s, 18, c->rca_start_due);
	day(s, 19, c->rca_due);
	day(s, 20, c->feedback_due);
	text(s, 21, as_filed ? NULL : c->rationale);
	day(s, 22, as_filed ? 0 : c->closed_on);
	run(w, s);
	for (i = 0; i < c->nfactors; i++) {
		text(w->s[W_FACTOR], 1, c->id);
		text(w->s[W_FACTOR], 2, c->factors[i]);
		run(w, w->s[W_FACTOR]);
	}
}

static void
triage(struct writer *w, const struct gcase *c)
{
	sqlite3_stmt	*s = w->s[W_TRIAGE];
	char		 change[300];

	text(s, 1, c->id);
	text(s, 2, c->severity);
	text(s, 3, c->probability);
	sqlite3_bind_int(s, 4, c->sentinel);
	sqlite3_bind_int(s, 5, c->blameworthy);
	text(s, 6, c->note);
	sqlite3_bind_int(s, 7, c->sac);
	text(s, 8, c->triage_at);
	text(s, 9, c->by);
	run(w, s);
	snprintf(change, sizeof(change), "{\"action\":\"triage\","
	    "\"blameworthy\":%s,\"from\":\"new\",\"probability\":\"%s\","
	    "\"sac_score\":%d,\"sentinel\":%s,\"severity\":\"%s\",\"to\":"
	    "\"%s\"}", c->blameworthy ? "true" : "false", c->probability,
	    c->sac, c->sentinel ? "true" : "false", c->severity,
	    c->blameworthy ? "referred" : c->rca_required ? "investigating" :
	    "triaged");
	audit(w, c->id, c->triaged, "reviewer", c->by, change);
}

static void
rca(struct writer *w, const struct gcase *c)
{
	sqlite3_stmt	*s = w->s[W_RCA];
	char		 change[200];

	text(s, 1, c->id);
	text(s, 2, c->team);
	text(s, 3, c->timeline);
	text(s, 4, c->causes);
	sqlite3_bind_int(s, 5, c->rca_complete);
	day(s, 6, c->rca_started);
	day(s, 7, c->rca_complete ? c->rca_completed : 0);
	run(w, s);
	snprintf(change, sizeof(change), "{\"action\":\"rca\",\"causes\":2,"
	    "\"complete\":false,\"from\":\"%s\",\"team\":3,\"timeline\":2,"
	    "\"to\":\"investigating\"}", c->rca_required ? "investigating" :
	    "triaged");
	audit(w, c->id, c->rca_started, "reviewer", c->by, change);
	if (c->rca_complete)
		audit(w, c->id, c->rca_completed, "reviewer", c->by,
		    "{\"action\":\"rca\",\"causes\":2,\"complete\":true,"
		    "\"from\":\"investigating\",\"team\":3,\"timeline\":2,"
		    "\"to\":\"investigating\"}");
}

static void
action_move(struct writer *w, const struct gaction *a, const char *from,
    const char *to, int on, const char *by, const char *id)
{
	char	change[300];

	snprintf(change, sizeof(change), "{\"action\":\"action_update\","
	    "\"from\":\"%s\",\"id\":\"%s\",\"to\":\"%s\"}", from, a->id, to);
	audit(w, id, on, "reviewer", by, change);
}

static void
actions(struct writer *w, const struct gcase *c)
{
	sqlite3_stmt		*s = w->s[W_ACTION], *m = w->s[W_ACTION_MOVE];
	const struct gaction	*a;
	char			 change[400], due[11];
	int			 i, as_filed = w->triggers;

	for (i = 0; i < c->nactions; i++) {
		a = &c->actions[i];
		text(s, 1, a->id);
		text(s, 2, c->id);
		sqlite3_bind_int(s, 3, i + 1);
		text(s, 4, a->description);
		text(s, 5, a->strength);
		text(s, 6, a->owner);
		text(s, 7, a->measure);
		text(s, 8, a->target);
		day(s, 9, a->measure_by);
		day(s, 10, a->due);
		text(s, 11, as_filed ? "open" : a->status);
		text(s, 12, as_filed ? NULL : a->note);
		text(s, 13, as_filed ? NULL : a->reason);
		day(s, 14, a->created);
		day(s, 15, as_filed ? 0 : a->done_on);
		day(s, 16, as_filed ? 0 : a->verified_on);
		run(w, s);
		day_str(a->due, due);
		snprintf(change, sizeof(change), "{\"action\":\"action_add\","
		    "\"due\":\"%s\",\"from\":\"%s\",\"id\":\"%s\",\"owner\":"
		    "\"%s\",\"strength\":\"%s\",\"to\":\"actions\"}", due,
		    i > 0 ? "actions" : c->rca_started ? "investigating" :
		    "triaged", a->id, a->owner, a->strength);
		audit(w, c->id, a->created, "reviewer", c->by, change);
		if (a->done_on)
			action_move(w, a, "open", "done", a->done_on, c->by,
			    c->id);
		if (a->verified_on)
			action_move(w, a, "done", a->status, a->verified_on,
			    c->by, c->id);
		if (strcmp(a->status, "withdrawn") == 0)
			action_move(w, a, "open", "withdrawn", a->changed_on,
			    c->by, c->id);
		if (as_filed && strcmp(a->status, "open") != 0) {
			text(m, 1, a->id);
			text(m, 2, a->status);
			text(m, 3, a->note);
			text(m, 4, a->reason);
			day(m, 5, a->done_on);
			day(m, 6, a->verified_on);
			run(w, m);
		}
	}
}

void
write_case(struct writer *w, const struct gcase *c)
{
	sqlite3_stmt	*s;
	char		 change[200], due[11];
	int		 i;

	report(w, c);
	if (c->triaged)
		triage(w, c);
	if (c->rca_started)
		rca(w, c);
	actions(w, c);
	for (i = 0; i < c->nmessages; i++) {
		s = w->s[W_MESSAGE];
		text(s, 1, c->id);
		sqlite3_bind_int(s, 2, i + 1);
		text(s, 3, c->messages[i].sender);
		day(s, 4, c->messages[i].sent);
		text(s, 5, c->messages[i].body);
		run(w, s);
		snprintf(change, sizeof(change), "{\"action\":\"message\","
		    "\"from\":\"%s\"}", c->messages[i].sender);
		audit(w, c->id, c->messages[i].sent,
		    c->messages[i].sender[2] == 'v' ? "reviewer" : "reporter",
		    c->messages[i].sender[2] == 'v' ? c->by : NULL, change);
	}
	if (c->closed_on) {
		snprintf(change, sizeof(change), "{\"action\":\"close\","
		    "\"from\":\"%s\",\"rationale\":%s,\"to\":\"closed\"}",
		    c->nactions ? "actions" : "triaged",
		    c->rationale ? "true" : "false");
		audit(w, c->id, c->closed_on, "reviewer", c->by, change);
	}
	for (i = 0; i < c->noverdue; i++) {
		s = w->s[W_ESCALATION];
		text(s, 1, c->id);
		text(s, 2, c->overdue[i].what);
		day(s, 3, c->overdue[i].due);
		day(s, 4, c->overdue[i].due + 1);
		run(w, s);
		day_str(c->overdue[i].due, due);
		snprintf(change, sizeof(change), "{\"action\":\"overdue\","
		    "\"due\":\"%s\",\"what\":\"%s\"}", due, c->overdue[i].what);
		audit(w, c->id, c->overdue[i].due + 1, "system", "aerd",
		    change);
	}
	if (w->triggers && strcmp(c->state, "new") != 0) {
		s = w->s[W_REPORT_MOVE];
		text(s, 1, c->id);
		text(s, 2, c->state);
		text(s, 3, c->outcome);
		text(s, 4, c->rationale);
		day(s, 5, c->closed_on);
		run(w, s);
	}
	/* As aerd's store keeps them past sql/009, once the case is in. */
	for (i = 0; i < 2 && w->due[i] != NULL; i++) {
		text(w->due[i], 1, c->id);
		run(w, w->due[i]);
	}
}
