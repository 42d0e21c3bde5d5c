/*
 * GET /v1/summary?from=&to=: the safety committee's figures for reports
 * received in a range, small counts suppressed (reviewers may ask for
 * them unsuppressed with unsuppressed=1; the committee may not).
 */
#include "config.h"

#include <string.h>

#include <event2/http.h>

#include "aerd.h"

static void
summary_get(struct req *r)
{
	static const char *const flags[] = { "unsuppressed", NULL };
	const char	*values[1];
	char		 from[DAY_LEN], to[DAY_LEN], today[DAY_LEN];
	json_t		*raw;
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
	case_today(r, today);
	if (store_summary(r->d->store, from, to, today, &raw) == -1) {
		case_failed(r, -1);
		return;
	}
	reply_json(r, 200, summary_build(raw, r->d->taxonomy, from, to,
	    threshold));
	json_decref(raw);
}

const struct route route_summary_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_SUMMARY,
	.role = ROLE_COMMITTEE,
	.handle = summary_get,
};
