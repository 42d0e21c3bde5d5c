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
 * The query string of a range: from= and to= (days, or months: from a
 * month's first day to its last) and the flags a summary or an export
 * takes besides; and of a page of messages.
 */
#include "config.h"

#include <sys/queue.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "aerd.h"

/*
 * A bound of a range as a day: a day as it is; a month, YYYY-MM, as its
 * first day (from) or its last (to). Returns 0, or -1 if it is neither.
 */
static int
range_bound(const char *s, int last, char out[DAY_LEN])
{
	char	day[DAY_LEN];
	int	y, m, d;

	if (day_parse(s, &y, &m, &d) == 0) {
		snprintf(out, DAY_LEN, "%s", s);
		return 0;
	}
	if (strlen(s) != 7)
		return -1;
	snprintf(day, sizeof(day), "%s-01", s);
	if (day_parse(day, &y, &m, &d) == -1)
		return -1;
	if (!last) {
		snprintf(out, DAY_LEN, "%s", day);
		return 0;
	}
	if (day_add_months(day, 1, day) == -1 ||
	    day_add_days(day, -1, out) == -1)
		return -1;
	return 0;
}

/*
 * Reads from, to and the flags a summary or an export takes. On failure
 * it has replied and returns -1.
 */
int
range_query(struct req *r, char from[DAY_LEN], char to[DAY_LEN],
    const char *const *flags, const char **values)
{
	struct evkeyvalq	 q;
	struct evkeyval		*kv;
	const char		*query, *bad = NULL;
	size_t			 i;
	int			 missing;

	from[0] = to[0] = '\0';
	for (i = 0; flags[i] != NULL; i++)
		values[i] = NULL;
	TAILQ_INIT(&q);
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->ev));
	if (query != NULL && evhttp_parse_query_str(query, &q) == -1) {
		reply_error(r, AER_ERR_MALFORMED, NULL, "the query string "
		    "is malformed");
		return -1;
	}
	TAILQ_FOREACH(kv, &q, next) {
		if (strcmp(kv->key, "from") == 0 || strcmp(kv->key, "to") == 0) {
			if (range_bound(kv->value, kv->key[0] == 't',
			    kv->key[0] == 'f' ? from : to) == -1) {
				bad = kv->key[0] == 'f' ? "from" : "to";
				break;
			}
			continue;
		}
		for (i = 0; flags[i] != NULL; i++)
			if (strcmp(kv->key, flags[i]) == 0)
				break;
		if (flags[i] == NULL) {
			reply_error(r, AER_ERR_UNKNOWN_FIELD, NULL, "%.40s "
			    "is not a parameter here", kv->key);
			evhttp_clear_headers(&q);
			return -1;
		}
		values[i] = kv->value;
	}
	/* The values are about to be freed: keep what the caller needs. */
	for (i = 0; flags[i] != NULL; i++)
		values[i] = values[i] == NULL ? NULL :
		    strcmp(values[i], "1") == 0 ? "1" :
		    strcmp(values[i], "csv") == 0 ? "csv" :
		    strcmp(values[i], "ndjson") == 0 ? "ndjson" :
		    strcmp(values[i], "fhir") == 0 ? "fhir" :
		    strcmp(values[i], "labels") == 0 ? "labels" :
		    strcmp(values[i], "names") == 0 ? "names" : "?";
	evhttp_clear_headers(&q);
	if (bad != NULL || from[0] == '\0' || to[0] == '\0') {
		missing = bad == NULL;
		bad = bad ? bad : from[0] == '\0' ? "from" : "to";
		reply_error(r, !missing ? AER_ERR_INVALID :
		    AER_ERR_MISSING, bad, "%s must be a real day, YYYY-MM-DD, "
		    "or a month, YYYY-MM", bad);
		return -1;
	}
	if (strcmp(from, to) > 0) {
		reply_error(r, AER_ERR_INVALID, "to", "to (%s) is before "
		    "from (%s)", to, from);
		return -1;
	}
	return 0;
}

/*
 * The committee's ranges are whole months that have ended: from the
 * first day of one to the last day of one before this month (aerd's
 * today). Their figures are made from each month's own table
 * (summary-months.c), which a range of days or the month still going
 * on would not be. On failure it has replied and returns -1.
 */
int
range_closed_months(struct req *r, const char *from, const char *to)
{
	char	today[DAY_LEN], first[DAY_LEN], last[DAY_LEN], next[DAY_LEN];

	case_today(r, today);
	snprintf(first, sizeof(first), "%.7s-01", today);
	if (day_add_days(first, -1, last) == -1)
		snprintf(last, sizeof(last), "(none)");
	if (strcmp(from + 8, "01") != 0) {
		reply_error(r, AER_ERR_INVALID, "from", "the committee's "
		    "ranges are whole months: from must be the first day of "
		    "a month, such as %.7s-01", from);
		return -1;
	}
	if (day_add_days(to, 1, next) == -1 || strcmp(next + 8, "01") != 0) {
		snprintf(next, sizeof(next), "%.7s-01", to);
		if (day_add_months(next, 1, next) == -1 ||
		    day_add_days(next, -1, next) == -1)
			snprintf(next, sizeof(next), "%.7s-28", to);
		reply_error(r, AER_ERR_INVALID, "to", "the committee's "
		    "ranges are whole months: to must be the last day of a "
		    "month, such as %s", next);
		return -1;
	}
	if (strcmp(to, first) >= 0) {
		reply_error(r, AER_ERR_INVALID, "to", "the committee's "
		    "ranges are months that have ended: %.7s has not, so to "
		    "must be %s or before", today, last);
		return -1;
	}
	return 0;
}

static int
page_number(const char *v, long long max, long long *out)
{
	char	*end;

	errno = 0;
	*out = strtoll(v, &end, 10);
	return errno == 0 && *v >= '0' && *v <= '9' && *end == '\0' &&
	    *out >= 1 && *out <= max ? 0 : -1;
}

/*
 * messages=N (1 to AER_MESSAGES_PAGE_MAX) and before=K: the latest N
 * messages numbered below K; by default the latest AER_MESSAGES_PAGE.
 * On failure it has replied and returns -1.
 */
int
page_query(struct req *r, struct msg_page *pg)
{
	struct evkeyvalq	 q;
	struct evkeyval		*kv;
	const char		*query;
	long long		 v;
	int			 rc = 0;

	pg->limit = AER_MESSAGES_PAGE;
	pg->before = 0;
	TAILQ_INIT(&q);
	query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(r->ev));
	if (query != NULL && evhttp_parse_query_str(query, &q) == -1) {
		reply_error(r, AER_ERR_MALFORMED, NULL, "the query string "
		    "is malformed");
		return -1;
	}
	TAILQ_FOREACH(kv, &q, next) {
		if (strcmp(kv->key, "messages") == 0) {
			if ((rc = page_number(kv->value, AER_MESSAGES_PAGE_MAX,
			    &v)) == -1) {
				reply_error(r, AER_ERR_INVALID, "messages",
				    "messages is how many to show, from 1 to "
				    "%d", AER_MESSAGES_PAGE_MAX);
				break;
			}
			pg->limit = (int)v;
		} else if (strcmp(kv->key, "before") == 0) {
			if ((rc = page_number(kv->value, LLONG_MAX,
			    &v)) == -1) {
				reply_error(r, AER_ERR_INVALID, "before",
				    "before is a message's number \"n\", 1 or "
				    "more");
				break;
			}
			pg->before = v;
		} else {
			reply_error(r, AER_ERR_UNKNOWN_FIELD, NULL, "%.40s "
			    "is not a parameter here; messages and before "
			    "are", kv->key);
			rc = -1;
			break;
		}
	}
	evhttp_clear_headers(&q);
	return rc;
}
