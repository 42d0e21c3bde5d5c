/*
 * What every route on a case shares: finding the case from an id prefix,
 * replying with the whole case, and saying who changed it, for the audit.
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
		reply_error(r, AER_ERR_NOT_FOUND, "id", "no %s has that "
		    "id; give at least 4 of its characters", what[kind]);
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

/* The case as a JSON object, with the states it may move to; NULL on
 * failure, after replying. */
json_t *
case_load(struct req *r, const char *id)
{
	enum state	 next[STATE__COUNT], s;
	json_t		*c, *allowed;
	char		 today[DAY_LEN];
	size_t		 i, n;

	case_today(r, today);
	if (store_case(r->d->store, id, today, &c) != 0) {
		case_failed(r, -1);
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

	if ((c = case_load(r, id)) == NULL) {
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

/* A store write did not happen: 1, the case moved on; -1, a failure. */
void
case_failed(struct req *r, int rc)
{
	if (rc == 1)
		reply_error(r, AER_ERR_CONFLICT, NULL, "the case changed while "
		    "this was being done; look again and retry");
	else
		reply_error(r, AER_ERR_UNAVAILABLE, NULL, "aerd could "
		    "not reach its database; nothing was changed, try again");
}

/* 409: the move is not in the workflow's table. */
void
case_refuse(struct req *r, enum state from, const char *doing)
{
	enum state	next[STATE__COUNT];
	char		list[128] = "";
	size_t		i, n = workflow_next(from, next), used;

	for (i = 0; i < n; i++) {
		used = strlen(list);
		snprintf(list + used, sizeof(list) - used, "%s%s",
		    i ? ", " : "", state_name(next[i]));
	}
	reply_error(r, AER_ERR_TRANSITION, NULL, "cannot %s: the case "
	    "is %s, and from there it may move only to %s", doing,
	    state_name(from), n ? list : "nothing (it is finished)");
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
