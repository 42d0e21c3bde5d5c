/*
 * The query string of a range: from= and to= (days) and the flags a
 * summary or an export takes besides.
 */
#include "config.h"

#include <sys/queue.h>

#include <stdio.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "aerd.h"

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
	int			 y, m, d;

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
			if (day_parse(kv->value, &y, &m, &d) == -1) {
				bad = kv->key[0] == 'f' ? "from" : "to";
				break;
			}
			snprintf(kv->key[0] == 'f' ? from : to, DAY_LEN, "%s",
			    kv->value);
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
		    strcmp(values[i], "ndjson") == 0 ? "ndjson" : "?";
	evhttp_clear_headers(&q);
	if (bad != NULL || from[0] == '\0' || to[0] == '\0') {
		bad = bad ? bad : from[0] == '\0' ? "from" : "to";
		reply_error(r, from[0] && to[0] ? AER_ERR_INVALID :
		    AER_ERR_MISSING, bad, "%s must be a real day, YYYY-MM-DD",
		    bad);
		return -1;
	}
	if (strcmp(from, to) > 0) {
		reply_error(r, AER_ERR_INVALID, "to", "to (%s) is before "
		    "from (%s)", to, from);
		return -1;
	}
	return 0;
}
