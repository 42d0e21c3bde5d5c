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
 * aer show: the whole case for a reviewer: the report as filed, triage,
 * RCA, actions, messages, outcome, deadlines, where it may go next and
 * its audit trail.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

static int	cmd_show_exec(struct aer_ctx *, struct args *);

static const struct args_option show_options[] = {
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "ID [--json]",
	.summary = "show a whole case (reviewers)",
	.help =
	    "Show a case: the report, triage, RCA, corrective actions, "
	    "messages with the\nreporter, outcome, deadlines, the states it "
	    "may move to, and its audit trail.\nID is the case's id or any "
	    "unique prefix of it (at least 4 characters), as\naer queue "
	    "shows it.\n",
	.options = show_options,
	.exec = cmd_show_exec
};

/*
 * The report's fields as a reviewer reads them, with the enumeration of
 * the taxonomy whose label is shown for a code (NULL: the text itself).
 */
static const struct {
	const char	*member;
	const char	*label;
	const char	*enumeration;
} show_report_fields[] = {
	{ "event_type", "Event type", "event_type" },
	{ "category", "Category", "category" },
	{ "harm", "Harm", "harm" },
	{ "merp_category", "MERP", "merp_category" },
	{ "occurred_at", "Occurred", NULL },
	{ "location", "Location", NULL },
	{ "reporter_role", "Reporter", "reporter_role" },
	{ "description", "Description", NULL },
	{ "immediate_actions", "Immediate actions", NULL },
};

static const char *
show_yesno(json_t *obj, const char *key)
{
	return (json_is_true(json_object_get(obj, key)) ? "yes" : "no");
}

static void
show_int(const char *label, json_t *v, const char *none)
{
	char	buf[32];

	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%lld",
		    (long long)json_integer_value(v));
	case_print_field(2, label, json_is_integer(v) ? buf : none);
}

static void
show_header(json_t *kase)
{
	json_t	*overdue = json_object_get(kase, "overdue");

	fputs("Case ", stdout);
	aer_print_text(stdout, case_or(kase, "id", "?"));
	fputc('\n', stdout);
	case_print_field(2, "State", case_words_of(case_str(kase, "state")));
	case_print_field(2, "Received", case_or(kase, "received", "?"));
	show_int("SAC score", json_object_get(kase, "sac_score"),
	    "- (not triaged)");
	case_print_field(2, "RCA required", json_is_object(json_object_get(kase,
	    "triage")) ? show_yesno(kase, "rca_required") : "not yet decided: "
	    "triage decides (SAC 3 or a sentinel event requires one)");
	if (json_array_size(overdue) > 0) {
		fputs("  Overdue:      ", stdout);
		case_print_list(overdue, ", ");
		fputc('\n', stdout);
	}
}

static void
show_report(json_t *report, json_t *tax)
{
	json_t		*factors = json_object_get(report,
			    "contributing_factors"), *f;
	const char	*value;
	size_t		 i, k;

	fputs("\nReport:\n", stdout);
	for (i = 0; i < sizeof(show_report_fields) /
	    sizeof(show_report_fields[0]); i++) {
		if (strcmp(show_report_fields[i].member, "description") == 0 &&
		    json_array_size(factors) > 0) {
			fputs("  Factors:      ", stdout);
			json_array_foreach(factors, k, f) {
				fputs(k > 0 ? "; " : "", stdout);
				aer_print_text(stdout, codes_label(tax,
				    "contributing_factor",
				    json_string_value(f) ? json_string_value(f) :
				    "?"));
			}
			fputc('\n', stdout);
		}
		value = case_str(report, show_report_fields[i].member);
		if (show_report_fields[i].enumeration != NULL)
			value = codes_label(tax,
			    show_report_fields[i].enumeration, value);
		case_print_field(2, show_report_fields[i].label, value);
	}
}

static void
show_triage(json_t *triage, json_t *tax)
{
	if (!json_is_object(triage)) {
		fputs("\nTriage: not yet.\n", stdout);
		return;
	}
	fputs("\nTriage", stdout);
	if (case_str(triage, "at") != NULL) {
		fputs(" (", stdout);
		aer_print_text(stdout, case_str(triage, "at"));
		if (case_str(triage, "by") != NULL) {
			fputs(" by ", stdout);
			aer_print_text(stdout, case_str(triage, "by"));
		}
		fputc(')', stdout);
	}
	fputs(":\n", stdout);
	case_print_field(2, "Severity", codes_label(tax, "severity",
	    case_or(triage, "severity", "?")));
	case_print_field(2, "Probability", codes_label(tax, "probability",
	    case_or(triage, "probability", "?")));
	show_int("SAC score", json_object_get(triage, "sac_score"), "?");
	case_print_field(2, "Sentinel", show_yesno(triage, "sentinel"));
	case_print_field(2, "Blameworthy", show_yesno(triage, "blameworthy"));
	case_print_field(2, "Note", case_str(triage, "note"));
}

/* The outcome told to the reporter and the rationale for closing. */
static void
show_outcome(json_t *kase)
{
	const char	*outcome = case_str(kase, "outcome");
	const char	*rationale = case_str(kase, "rationale");

	if (outcome == NULL && rationale == NULL)
		return;
	fputc('\n', stdout);
	case_print_field(0, "Outcome", outcome);
	case_print_field(0, "Rationale", rationale);
}

static void
show_allowed(json_t *allowed)
{
	fputs("\nMay move to:  ", stdout);
	if (json_array_size(allowed) == 0)
		fputs("nowhere; this state is final", stdout);
	case_print_list(allowed, ", ");
	fputc('\n', stdout);
}

/* How a triage that nothing rests on yet is corrected. */
static void
show_retriage(json_t *kase)
{
	const char	*state = case_or(kase, "state", "");
	json_t		*rca = json_object_get(kase, "rca");

	if ((strcmp(state, "triaged") == 0 ||
	    strcmp(state, "investigating") == 0) && !json_is_object(rca) &&
	    json_array_size(json_object_get(kase, "actions")) == 0)
		printf("Its triage can still be corrected: aer triage %.8s "
		    "--retriage ...\n", case_or(kase, "id", "ID"));
}

/* One value of a change: text as it is (quoted if it has spaces). */
static void
show_change_value(FILE *fp, json_t *v)
{
	const char	*text;
	char		*dump;

	if ((text = json_string_value(v)) != NULL) {
		fprintf(fp, strchr(text, ' ') != NULL || *text == '\0' ?
		    "\"%s\"" : "%s", text);
		return;
	}
	if ((dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL) {
		fputs(dump, fp);
		free(dump);
	}
}

/*
 * What an audit entry changed: text as it is; an object as its "action",
 * "from -> to", then its other members as key=value.
 */
static void
show_change(json_t *change, int col)
{
	json_t		*v;
	const char	*key, *sep = ": ";
	char		*s = NULL;
	size_t		 len;
	int		 move;
	FILE		*fp;

	if (json_is_string(change) || (fp = open_memstream(&s,
	    &len)) == NULL) {
		case_print_block(json_is_string(change) ?
		    json_string_value(change) : "?", col, col);
		return;
	}
	if (!json_is_object(change))
		show_change_value(fp, change);
	fputs(case_or(change, "action", ""), fp);
	move = case_str(change, "from") != NULL &&
	    case_str(change, "to") != NULL;
	if (move)
		fprintf(fp, " %s -> %s", case_str(change, "from"),
		    case_str(change, "to"));
	json_object_foreach(change, key, v) {
		if (json_is_null(v) || strcmp(key, "action") == 0 || (move &&
		    (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)))
			continue;
		fprintf(fp, "%s%s=", sep, key);
		show_change_value(fp, v);
		sep = ", ";
	}
	if (fclose(fp) != 0 || s == NULL) {
		free(s);
		s = NULL;
	}
	case_print_block(s != NULL ? s : "?", col, col);
	free(s);
}

static void
show_audit(json_t *audit)
{
	json_t	*e;
	size_t	 i;
	int	 wat = 2, wrole = 4, wactor = 1, w;

	if (json_array_size(audit) == 0) {
		fputs("\nAudit trail: empty.\n", stdout);
		return;
	}
	json_array_foreach(audit, i, e) {
		if ((w = (int)strlen(case_or(e, "at", "?"))) > wat)
			wat = w;
		if ((w = (int)strlen(case_or(e, "role", "?"))) > wrole)
			wrole = w;
		if ((w = (int)strlen(case_or(e, "actor", "-"))) > wactor)
			wactor = w;
	}
	fputs("\nAudit trail:\n", stdout);
	json_array_foreach(audit, i, e) {
		fputs("  ", stdout);
		case_print_cell(case_or(e, "at", "?"), wat + 2);
		case_print_cell(case_or(e, "role", "?"), wrole + 2);
		case_print_cell(case_or(e, "actor", "-"), wactor + 2);
		show_change(json_object_get(e, "change"),
		    2 + wat + 2 + wrole + 2 + wactor + 2);
	}
}

static void
show_case(json_t *kase, json_t *tax)
{
	show_header(kase);
	show_report(json_object_get(kase, "report"), tax);
	show_triage(json_object_get(kase, "triage"), tax);
	fputc('\n', stdout);
	case_print_rca(json_object_get(kase, "rca"));
	fputc('\n', stdout);
	case_print_actions(json_object_get(kase, "actions"));
	fputc('\n', stdout);
	case_print_messages(json_object_get(kase, "messages"));
	case_print_earlier(kase);
	show_outcome(kase);
	fputc('\n', stdout);
	case_print_due(kase);
	show_allowed(json_object_get(kase, "allowed"));
	show_retriage(kase);
	show_audit(json_object_get(kase, "audit"));
}

static int
cmd_show_exec(struct aer_ctx *ctx, struct args *args)
{
	char	 path[CASE_PATH_MAX];
	json_t	*reply, *tax;
	int	 rc;

	if (args->argc != 1)
		return (args_usage(&cmd_show_entry, args->argc == 0 ?
		    "which case? give its ID" : "one ID at a time"));
	if (!case_id_ok(args->argv[0]) || case_path(path, sizeof(path),
	    AER_PATH_REPORTS, args->argv[0], "") != 0)
		return (AER_EXIT_USAGE);

	if ((rc = case_call(ctx, "GET", path, NULL, NULL, &reply, NULL)) !=
	    AER_EXIT_OK)
		return (rc);
	if (ctx->json)
		rc = case_print_json(reply);
	else if ((rc = codes_fetch(ctx, &tax)) == AER_EXIT_OK) {
		show_case(reply, tax);
		json_decref(tax);
		rc = aer_flush_stdout("the case");
	}
	json_decref(reply);
	return (rc);
}
