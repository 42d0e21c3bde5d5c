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
 * GET /v1/queue: the reviewer's work, by state (?state=), overdue first
 * (?overdue=1 for only what is overdue), then the most harmful, a page
 * at a time (?limit=, and ?after= the "next" of the page before), and
 * filtered by ?category=, ?harm= and ?since= (the first day received).
 * A page reads its cases from an index, in order: its cost does not grow
 * with the number of open or overdue cases.
 */
#include "config.h"

#include <sys/queue.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "aerd.h"

#define QUEUE_PAGE	200	/* cases in a page unless ?limit= */

/*
 * A key for after=: "PART_RANK_DUE_RECEIVED_ID", PART 0 (overdue) or 1,
 * RANK 0 to 6, DUE a day or "none"; split in key.
 */
static int
parse_key(const char *text, char key[QUEUE_KEY_LEN], struct queue_query *q)
{
	char	*f[5], *p;
	int	 i;

	if (strlen(text) >= QUEUE_KEY_LEN ||
	    strspn(text, "0123456789abcdefno-_") != strlen(text))
		return -1;
	memcpy(key, text, strlen(text) + 1);
	for (i = 0, p = key; i < 5; i++) {
		f[i] = p;
		if (i < 4) {
			if ((p = strchr(p, '_')) == NULL)
				return -1;
			*p++ = '\0';
		}
	}
	if (strlen(f[0]) != 1 || (f[0][0] != '0' && f[0][0] != '1') ||
	    strlen(f[1]) != 1 || f[1][0] < '0' || f[1][0] > '6' ||
	    (strcmp(f[2], "none") != 0 && strlen(f[2]) != DAY_LEN - 1) ||
	    strlen(f[3]) != DAY_LEN - 1 || strlen(f[4]) != ID_LEN - 1)
		return -1;
	q->after_part = f[0][0] - '0';
	q->after_rank = f[1][0] - '0';
	q->after_due = f[2];
	q->after_received = f[3];
	q->after_id = f[4];
	return 0;
}

/* ?category= and ?harm=: a code of the taxonomy. ?since=: a day. */
static int
parse_filter(struct req *r, const struct evkeyval *kv, struct queue_query *q)
{
	int	y, m, d;

	if (strcmp(kv->key, "category") == 0) {
		q->category = kv->value;
		return taxonomy_has(r->d->taxonomy, "category", kv->value) ?
		    0 : -1;
	}
	if (strcmp(kv->key, "harm") == 0) {
		q->harm = kv->value;
		return taxonomy_has(r->d->taxonomy, "harm", kv->value) ? 0 : -1;
	}
	q->since = kv->value;
	return strlen(kv->value) == DAY_LEN - 1 &&
	    day_parse(kv->value, &y, &m, &d) == 0 ? 0 : -1;
}

/* 422 naming the parameter that is wrong, or what the queue takes. */
static void
queue_refuse(struct req *r, const char *field)
{
	char	states[128] = "";
	size_t	used;
	int	s;

	for (s = 0; s < STATE__COUNT; s++) {
		used = strlen(states);
		snprintf(states + used, sizeof(states) - used, "%s%s",
		    s > 0 ? ", " : "", state_name((enum state)s));
	}
	if (strcmp(field, "state") == 0)
		reply_error(r, AER_ERR_INVALID, field, "state is one of %s",
		    states);
	else if (strcmp(field, "overdue") == 0)
		reply_error(r, AER_ERR_INVALID, field, "overdue is 0 or 1");
	else if (strcmp(field, "limit") == 0)
		reply_error(r, AER_ERR_INVALID, field, "limit is a number "
		    "from 1 to %d", AER_QUEUE_LIMIT);
	else if (strcmp(field, "category") == 0 || strcmp(field, "harm") == 0)
		reply_error(r, AER_ERR_INVALID, field, "%s is not a known "
		    "code; see /v1/taxonomy", field);
	else if (strcmp(field, "since") == 0)
		reply_error(r, AER_ERR_INVALID, field, "since is a day, "
		    "YYYY-MM-DD");
	else if (strcmp(field, "after") == 0)
		reply_error(r, AER_ERR_INVALID, field, "after is the \"next\" "
		    "of the page before, as it came");
	else
		reply_error(r, AER_ERR_UNKNOWN_FIELD, NULL, "the queue takes "
		    "state, overdue, limit, after, category, harm and since "
		    "only");
}

static void
queue_get(struct req *r)
{
	struct evkeyvalq	 q;
	struct evkeyval		*kv;
	struct queue_query	 qq = { NULL, NULL, 0, QUEUE_PAGE, NULL, NULL,
				    NULL, 0, 0, "", "", "" };
	const char		*query, *field = NULL;
	char			*end;
	long			 n;
	enum state		 s;
	json_t			*page;
	char			 today[DAY_LEN], key[QUEUE_KEY_LEN];

	TAILQ_INIT(&q);
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->ev));
	if (query != NULL && evhttp_parse_query_str(query, &q) == -1) {
		reply_error(r, AER_ERR_MALFORMED, NULL, "the query string "
		    "is malformed");
		return;
	}
	TAILQ_FOREACH(kv, &q, next) {
		if (strcmp(kv->key, "state") == 0) {
			if (state_parse(kv->value, &s) == -1) {
				field = "state";
				break;
			}
			qq.state = state_name(s);
		} else if (strcmp(kv->key, "overdue") == 0) {
			if (strcmp(kv->value, "0") != 0 &&
			    strcmp(kv->value, "1") != 0) {
				field = "overdue";
				break;
			}
			qq.overdue_only = kv->value[0] == '1';
		} else if (strcmp(kv->key, "limit") == 0) {
			errno = 0;
			n = strtol(kv->value, &end, 10);
			if (errno != 0 || end == kv->value || *end != '\0' ||
			    n < 1 || n > AER_QUEUE_LIMIT) {
				field = "limit";
				break;
			}
			qq.limit = (int)n;
		} else if (strcmp(kv->key, "after") == 0) {
			if (parse_key(kv->value, key, &qq) == -1) {
				field = "after";
				break;
			}
		} else if (strcmp(kv->key, "category") == 0 ||
		    strcmp(kv->key, "harm") == 0 ||
		    strcmp(kv->key, "since") == 0) {
			if (parse_filter(r, kv, &qq) == -1) {
				field = kv->key;
				break;
			}
		} else {
			field = "";
			break;
		}
	}
	if (field != NULL) {
		queue_refuse(r, field);
		evhttp_clear_headers(&q);
		return;
	}
	case_today(r, today);
	qq.today = today;
	if (store_queue(r->d->store, &qq, &page) == -1) {
		evhttp_clear_headers(&q);
		case_failed(r, -1);
		return;
	}
	evhttp_clear_headers(&q);
	reply_json(r, 200, page);
}

const struct route route_queue_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_QUEUE,
	.role = ROLE_REVIEWER,
	.handle = queue_get,
};
