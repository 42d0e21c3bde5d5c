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
 * What every route on a case shares: finding the case from an id prefix,
 * the facts its plan works from, replying with the whole case, and
 * saying who changed it, for the audit.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

/*
 * Resolves an id or unique prefix (at least 4 characters). On failure it
 * has replied (404, or 409 for an ambiguous prefix) and returns -1.
 */
int
case_id(struct req *r, enum resolve_kind kind, const char *prefix,
    char id[ID_LEN])
{
	static const char *const what[] = { "report", "action", "token" };
	char	lower[ID_LEN];
	size_t	i, len = strlen(prefix);
	int	rc;

	for (i = 0; i < len && len >= 4 && len < ID_LEN; i++) {
		if (!isxdigit((unsigned char)prefix[i]) && prefix[i] != '-')
			break;
		lower[i] = (char)tolower((unsigned char)prefix[i]);
	}
	if (len < 4 || len >= ID_LEN || i != len) {
		if (len < 4)
			reply_error(r, AER_ERR_NOT_FOUND, "id", "an id of %zu "
			    "characters is too short to pick out one %s; give "
			    "at least 4", len, what[kind]);
		else
			reply_error(r, AER_ERR_NOT_FOUND, "id", "that is not "
			    "a %s id: give at least 4 of its hex digits",
			    what[kind]);
		return -1;
	}
	lower[len] = '\0';
	rc = store_resolve(r->d->store, kind, lower, id);
	if (rc == STORE_OK)
		return 0;
	if (rc == STORE_NOT_FOUND)
		reply_error(r, AER_ERR_NOT_FOUND, "id", "no %s has an id "
		    "starting %s", what[kind], lower);
	else if (rc == STORE_AMBIGUOUS)
		reply_error(r, AER_ERR_AMBIGUOUS_ID, "id", "more than one %s "
		    "has an id starting %s; give more of it", what[kind],
		    lower);
	else
		case_failed(r, -1);
	return -1;
}

void
case_today(struct req *r, char day[DAY_LEN])
{
	day_of(r->d->now(), day);
}

/* The deadlines of aerd.conf, for the workflow's plans. */
void
case_deadlines(struct req *r, struct deadlines *dl)
{
	const struct config	*c = r->d->config;

	dl->triage_days = c->triage_days;
	dl->rca_start_hours = c->rca_start_hours;
	dl->rca_days = c->rca_days;
	dl->feedback_months = c->feedback_months;
}

/*
 * The facts of the case for a plan, with today (kept in the caller's
 * today) and the deadlines. On failure it has replied and returns -1.
 */
int
case_facts(struct req *r, const char *id, char today[DAY_LEN],
    struct case_facts *f)
{
	int	rc;

	if ((rc = store_case_facts(r->d->store, id, f)) != STORE_OK) {
		case_failed(r, rc);
		return -1;
	}
	case_today(r, today);
	f->today = today;
	case_deadlines(r, &f->dl);
	return 0;
}

/* The case as a JSON object, with the states it may move to and the page
 * pg of its messages (NULL: the latest); NULL on failure, after
 * replying. */
json_t *
case_load(struct req *r, const char *id, const struct msg_page *pg)
{
	static const struct msg_page latest = { AER_MESSAGES_PAGE, 0 };
	enum state	 next[STATE__COUNT], s;
	json_t		*c, *allowed;
	char		 today[DAY_LEN];
	size_t		 i, n;
	int		 rc;

	case_today(r, today);
	if ((rc = store_case(r->d->store, id, today, pg != NULL ? pg : &latest,
	    &c)) != STORE_OK) {
		case_failed(r, rc);
		return NULL;
	}
	allowed = json_array();
	if (state_parse(json_string_value(json_object_get(c, "state")),
	    &s) == 0)
		for (i = 0, n = workflow_next(s, next); i < n; i++)
			json_array_append_new(allowed,
			    json_string(state_name(next[i])));
	json_object_set_new(c, "allowed", allowed);
	return c;
}

/* Replies with the case, and the members of extra (stolen) merged in. */
void
case_reply(struct req *r, int status, const char *id, json_t *extra)
{
	json_t	*c;

	if ((c = case_load(r, id, NULL)) == NULL) {
		json_decref(extra);
		return;
	}
	if (extra != NULL)
		json_object_update(c, extra);
	json_decref(extra);
	reply_json(r, status, c);
}

/* Who is changing the case, and when, for its audit entry. */
void
case_who(struct req *r, char at[TIME_LEN], struct who *w)
{
	time_of(r->d->now(), at);
	w->at = at;
	w->role = role_name(r->role);
	w->actor = r->name[0] != '\0' ? r->name : NULL;
}

/* The audit entry's "change": compact JSON text of change (stolen). */
char *
case_change(json_t *change)
{
	char	*text;

	text = json_dumps(change, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(change);
	return text;
}

/*
 * A store call failed: STORE_MOVED, the case moved on meanwhile;
 * STORE_NOT_FOUND, it is gone; anything else, the database.
 */
void
case_failed(struct req *r, int rc)
{
	if (rc == STORE_MOVED)
		reply_error(r, AER_ERR_CONFLICT, NULL, "the case changed while "
		    "this was being done; look again and retry");
	else if (rc == STORE_NOT_FOUND)
		reply_error(r, AER_ERR_NOT_FOUND, "id", "the case or action "
		    "is no longer there");
	else
		reply_error(r, AER_ERR_UNAVAILABLE, NULL, "aerd could "
		    "not reach its database; nothing was changed, try again");
}

/* The request body, checked against spec; NULL once it has replied. */
json_t *
case_body(struct req *r, const struct body_field *spec, size_t n)
{
	struct aer_error	 err;
	json_t			*body;

	if (req_json_body(r, &body) == -1)
		return NULL;
	if (validate_body(body, spec, n, r->d->taxonomy, &err) == -1) {
		reply_aer_error(r, &err);
		json_decref(body);
		return NULL;
	}
	return body;
}

/*
 * Whether the case may take one more message today from this side: a
 * flood stops at the limits of aerd.conf, counted by the case alone
 * (the receipt's), never by who sends. A reviewer's count is of what
 * reviewers can see: the reporter's answers waiting for the release
 * are not told to them, even as a number. If not, it has replied (429).
 */
int
message_limited(struct req *r, const char *id, const char *today,
    int reporter)
{
	const struct config	*c = r->d->config;
	struct day_messages	 n;
	int			 all;

	if (store_messages_on(r->d->store, id, today, &n) != STORE_OK) {
		case_failed(r, STORE_ERROR);
		return 1;
	}
	all = n.released + (reporter ? n.waiting : 0);
	if (reporter && n.released_reporter + n.waiting >=
	    c->receipt_messages_per_day)
		reply_error(r, AER_ERR_MESSAGE_LIMIT, NULL, "this receipt has "
		    "sent %d answers today, as many as a day takes "
		    "(receipt_messages_per_day); send more tomorrow",
		    n.released_reporter + n.waiting);
	else if (all >= c->case_messages_per_day)
		reply_error(r, AER_ERR_MESSAGE_LIMIT, NULL, "this case has "
		    "had %d messages today, as many as a day takes "
		    "(case_messages_per_day); send more tomorrow", all);
	else
		return 0;
	return 1;
}
