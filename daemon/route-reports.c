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
 * POST /v1/reports: file a report. The reply carries the receipt, the
 * only time it is ever shown; it goes out only after the report is
 * committed, to the inbox, where it waits for the next release (the
 * reply says when that is). An urgent report is released alone, at
 * once. Nothing about the caller is stored or logged.
 */
#include "config.h"

#include <string.h>

#include <event2/http.h>
#include <uuid/uuid.h>

#include "aerd.h"

static void
reports_post(struct req *r)
{
	struct report_in	 in;
	struct aer_error	 err;
	json_t			*body;
	uuid_t			 uuid;
	unsigned char		 hash[RECEIPT_HASH_LEN];
	char			 id[37], receipt[AER_RECEIPT_TEXT_LEN + 1];
	char			 day[DAY_LEN];
	char			 triage_due[DAY_LEN], feedback_due[DAY_LEN];
	char			 when[RELEASE_TEXT_LEN], msg[256];
	struct filing		 f;
	struct deadlines	 dl;
	time_t			 now = r->d->now();

	if (req_json_body(r, &body) == -1)
		return;
	if (validate_report(body, r->d->taxonomy, now, &in, &err) == -1) {
		reply_aer_error(r, &err);
		json_decref(body);
		return;
	}
	uuid_generate_random(uuid);
	uuid_unparse_lower(uuid, id);
	if (receipt_generate(receipt) == -1 ||
	    receipt_hash(receipt, hash) == -1) {
		log_warn("no randomness from the operating system");
		reply_error(r, AER_ERR_INTERNAL, NULL, "aerd could not "
		    "make a receipt; nothing was saved");
		json_decref(body);
		return;
	}
	day_of(now, day);
	day_coarsen(day, r->d->config->received_precision);
	f.id = id;
	f.receipt_hash = hash;
	f.received = day;
	f.triage_due = triage_due;
	f.feedback_due = feedback_due;
	case_deadlines(r, &dl);
	if (workflow_plan_filing(day, &dl, triage_due, feedback_due) == -1) {
		reply_error(r, AER_ERR_INTERNAL, NULL, "aerd could not "
		    "set the report's deadlines; nothing was saved");
		json_decref(body);
		return;
	}
	if (in.urgent) {
		f.release_at = 0;
		if (store_file_urgent(r->d->store, &f, &in, msg,
		    sizeof(msg)) != STORE_OK) {
			log_warnx("%s", msg);
			reply_error(r, AER_ERR_UNAVAILABLE, NULL, "aerd could "
			    "not store the report; nothing was saved, try "
			    "again");
		} else
			reply_json(r, 201, json_pack("{s:s, s:s, s:s, s:s, "
			    "s:b}", "id", id, "receipt", receipt, "status",
			    "new", "received", day, "urgent", 1));
		explicit_bzero(receipt, sizeof(receipt));
		json_decref(body);
		return;
	}
	f.release_at = release_upcoming(r->d->releaser);
	release_text(f.release_at, when);
	/* The 201 goes out when the batch this joins is committed. */
	filing_add(r->d->filer, r, &f, &in, json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "id", id, "receipt", receipt, "status", "new", "received",
	    day, "release", when));
	explicit_bzero(receipt, sizeof(receipt));
	json_decref(body);
}

const struct route route_reports_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS,
	.role = ROLE_REPORTER,
	.handle = reports_post,
};
