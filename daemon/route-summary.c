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
 * GET /v1/summary?from=&to=: the safety committee's figures for reports
 * received in a range, small counts suppressed. Reviewers may ask for
 * any range, and for it unsuppressed with unsuppressed=1; the committee
 * may not, and asks for whole months that have ended, whose figures are
 * made only from each month's own table (summary-months.c).
 */
#include "config.h"

#include <string.h>

#include <event2/http.h>

#include "aerd.h"

/*
 * The figures of a range as the caller's role may see them, threshold
 * 0 for every count as it is; NULL after replying, on failure.
 */
json_t *
summary_for(struct req *r, const char *from, const char *to, int threshold)
{
	char	 today[DAY_LEN];
	json_t	*raw, *out;
	int	 committee = r->role < ROLE_REVIEWER;

	if (committee && range_closed_months(r, from, to) == -1)
		return NULL;
	case_today(r, today);
	if ((committee ? store_summary_months(r->d->store, from, to, today,
	    &raw) : store_summary(r->d->store, from, to, today, &raw)) !=
	    STORE_OK) {
		case_failed(r, -1);
		return NULL;
	}
	out = committee ? summary_months(raw, r->d->taxonomy, from, to,
	    threshold) : summary_build(raw, r->d->taxonomy, from, to,
	    threshold);
	json_decref(raw);
	if (out == NULL)
		case_failed(r, -1);
	return out;
}

static void
summary_get(struct req *r)
{
	static const char *const flags[] = { "unsuppressed", NULL };
	const char	*values[1];
	char		 from[DAY_LEN], to[DAY_LEN];
	json_t		*out;
	int		 threshold = r->d->config->suppression_threshold;

	if (range_query(r, from, to, flags, values) == -1)
		return;
	if (values[0] != NULL && strcmp(values[0], "1") == 0) {
		if (r->role < ROLE_REVIEWER) {
			reply_error(r, AER_ERR_FORBIDDEN, "unsuppressed",
			    "only reviewers may see counts under %d", threshold);
			return;
		}
		threshold = 0;
	}
	if ((out = summary_for(r, from, to, threshold)) != NULL)
		reply_json(r, 200, out);
}

const struct route route_summary_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_SUMMARY,
	.role = ROLE_COMMITTEE,
	.handle = summary_get,
};
