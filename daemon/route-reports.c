/*
 * POST /v1/reports: file a report. The reply carries the receipt, the
 * only time it is ever shown; it goes out only after the report is
 * committed. Nothing about the caller is stored or logged.
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
	/* The 201 goes out when the batch this joins is committed. */
	filing_add(r->d->filer, r, &f, &in, json_pack("{s:s, s:s, s:s, s:s}",
	    "id", id, "receipt", receipt, "status", "new", "received", day));
	explicit_bzero(receipt, sizeof(receipt));
	json_decref(body);
}

const struct route route_reports_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_REPORTS,
	.role = ROLE_REPORTER,
	.handle = reports_post,
};
