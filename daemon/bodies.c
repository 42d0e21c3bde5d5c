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
 * The fields each workflow request body may carry, with their types,
 * limits and taxonomies: one table per body, read by validate_body()
 * for the routes, and by the fuzz harness that checks them.
 */
#include "config.h"

#include <stddef.h>

#include "aerd.h"

#define SPEC(name, ...)							\
	static const struct body_field name##_fields[] = { __VA_ARGS__ }; \
	const struct body_spec name = { name##_fields,			\
	    sizeof(name##_fields) / sizeof(name##_fields[0]) }

/* POST /v1/reports/{id}/triage */
SPEC(body_triage,
	{ "severity", BODY_STRING, 1, "severity", AER_MAX_CODE, 0 },
	{ "probability", BODY_STRING, 1, "probability", AER_MAX_CODE, 0 },
	{ "sentinel", BODY_BOOL, 0, NULL, 0, 0 },
	{ "blameworthy", BODY_BOOL, 0, NULL, 0, 0 },
	{ "note", BODY_STRING, 0, NULL, AER_MAX_NOTE, 1 },
	{ "retriage", BODY_BOOL, 0, NULL, 0, 0 },
);

/* PUT /v1/reports/{id}/rca, and each entry of its two lists */
SPEC(body_rca,
	{ "team", BODY_ARRAY, 1, NULL, AER_MAX_TEAM, 0 },
	{ "timeline", BODY_ARRAY, 0, NULL, AER_MAX_TIMELINE, 0 },
	{ "causes", BODY_ARRAY, 0, NULL, AER_MAX_CAUSES, 0 },
	{ "complete", BODY_BOOL, 0, NULL, 0, 0 },
);
SPEC(body_rca_timeline,
	{ "at", BODY_STRING, 1, NULL, AER_MAX_OCCURRED, 0 },
	{ "text", BODY_STRING, 1, NULL, AER_MAX_STATEMENT, 1 },
);
SPEC(body_rca_cause,
	{ "statement", BODY_STRING, 1, NULL, AER_MAX_STATEMENT, 1 },
	{ "factor", BODY_STRING, 1, "contributing_factor", AER_MAX_CODE, 0 },
);

/* POST /v1/reports/{id}/actions and PATCH /v1/actions/{id} */
SPEC(body_action_add,
	{ "description", BODY_STRING, 1, NULL, AER_MAX_ACTION, 1 },
	{ "strength", BODY_STRING, 1, "action_strength", AER_MAX_CODE, 0 },
	{ "owner", BODY_STRING, 1, NULL, AER_MAX_NAME, 0 },
	{ "measure", BODY_STRING, 1, NULL, AER_MAX_ACTION, 1 },
	{ "target", BODY_STRING, 1, NULL, AER_MAX_TARGET, 0 },
	{ "measure_by", BODY_DAY, 1, NULL, 0, 0 },
	{ "due", BODY_DAY, 1, NULL, 0, 0 },
);
SPEC(body_action_patch,
	{ "status", BODY_STRING, 0, NULL, AER_MAX_CODE, 0 },
	{ "note", BODY_STRING, 0, NULL, AER_MAX_NOTE, 1 },
	{ "reason", BODY_STRING, 0, NULL, AER_MAX_NOTE, 1 },
);

/* A message either way: POST /v1/reports/{id}/messages (a reviewer's),
 * POST /v1/followup/messages (the reporter's answer) */
SPEC(body_message,
	{ "text", BODY_STRING, 1, NULL, AER_MAX_MESSAGE, 1 },
);

/* POST /v1/reports/{id}/close */
SPEC(body_close,
	{ "outcome", BODY_STRING, 0, NULL, AER_MAX_OUTCOME, 1 },
	{ "rationale", BODY_STRING, 0, NULL, AER_MAX_OUTCOME, 1 },
);
