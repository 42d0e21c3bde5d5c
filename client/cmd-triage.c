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
 * aer triage: score a new case with the VA Safety Assessment Code. aerd
 * works out the score, whether an RCA is required, the next state and
 * the deadlines; aer sends what the reviewer judged. A case already
 * triaged is triaged again only to correct it (--retriage, or asked on
 * a terminal), while no RCA or action rests on the score.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

/* Longest triage note aer sends. */
#define TRIAGE_NOTE_MAX	AER_MAX_IMMEDIATE

static int	cmd_triage_exec(struct aer_ctx *, struct args *);

static const struct args_option triage_options[] = {
	{ "severity", 's', ARGS_VALUE, "S",
	    "catastrophic, major, moderate or minor" },
	{ "probability", 'p', ARGS_VALUE, "P",
	    "frequent, occasional, uncommon or remote" },
	{ "sentinel", 'S', 0, NULL, "a sentinel event: an RCA is required" },
	{ "blameworthy", 'b', 0, NULL,
	    "criminal, abusive or deliberately unsafe: refer it" },
	{ "note", 'n', ARGS_VALUE, "TEXT", "why, for the record" },
	{ "retriage", 'r', 0, NULL,
	    "correct the triage of a case already triaged" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_triage_entry = {
	.name = "triage",
	.usage = "ID --severity S --probability P [--sentinel] "
	    "[--blameworthy]\n"
	    "                  [--note TEXT] [--retriage] [--json]",
	.summary = "score a new case: severity and probability (reviewers)",
	.help =
	    "Triage a new case. Severity (for a near miss, the worst "
	    "credible outcome)\ntimes probability gives the SAC score, 1 to "
	    "3; a score of 3 or a sentinel\nevent requires an RCA. A case "
	    "marked blameworthy leaves the safety process\nand is referred.\n"
	    "\nA mistaken triage is corrected with --retriage (asked for on a "
	    "terminal)\nwhile the case is triaged or investigating and no "
	    "RCA or action is recorded;\nthe audit trail keeps the score it "
	    "replaces.\n",
	.options = triage_options,
	.exec = cmd_triage_exec
};

/* The body the flags describe; NULL (and told) if a value is refused. */
static json_t *
triage_body(const struct args *args, int retriage)
{
	const char	*severity = args_get(args, 's');
	const char	*probability = args_get(args, 'p');
	const char	*note = args_get(args, 'n');
	json_t		*body;

	body = json_object();
	json_object_set_new(body, "severity", json_string(severity));
	json_object_set_new(body, "probability", json_string(probability));
	json_object_set_new(body, "sentinel",
	    json_boolean(args_has(args, 'S')));
	json_object_set_new(body, "blameworthy",
	    json_boolean(args_has(args, 'b')));
	if (retriage)
		json_object_set_new(body, "retriage", json_true());
	if (note != NULL && case_set_text(body, "note", "--note", note,
	    TRIAGE_NOTE_MAX) != 0) {
		json_decref(body);
		return (NULL);
	}
	return (body);
}

static int
triage_done(const char *before, json_t *kase)
{
	json_t	*sac = json_object_get(kase, "sac_score");

	if (json_is_integer(sac))
		printf("SAC score %lld. ", (long long)json_integer_value(sac));
	case_print_moved(before, kase);
	if (json_is_true(json_object_get(kase, "rca_required")))
		fputs("An RCA is required.\n", stdout);
	case_print_due(kase);
	return (aer_flush_stdout("the result"));
}

static const struct case_flag triage_flags[] = {
	{ "severity", "--severity" },
	{ "probability", "--probability" },
	{ "sentinel", "--sentinel" },
	{ "blameworthy", "--blameworthy" },
	{ "note", "--note" },
	{ "retriage", "--retriage" },
	{ NULL, NULL }
};

/*
 * The flags all there, and codes aerd knows; each missing or unknown one
 * is told, all at once. Returns 0 or the exit status.
 */
static int
triage_check(struct aer_ctx *ctx, const struct args *args)
{
	const char	*s = args_get(args, 's'), *p = args_get(args, 'p');
	json_t		*tax;
	int		 rc;

	if (s == NULL && p == NULL)
		return (args_usage(&cmd_triage_entry, "--severity and "
		    "--probability are required"));
	if (s == NULL || p == NULL)
		return (args_usage(&cmd_triage_entry, "%s is required",
		    s == NULL ? "--severity" : "--probability"));
	if ((rc = codes_fetch(ctx, &tax)) != AER_EXIT_OK)
		return (rc);
	rc = codes_check(tax, "severity", "--severity", s);
	if (codes_check(tax, "probability", "--probability", p) != 0)
		rc = AER_EXIT_USAGE;
	json_decref(tax);
	return (rc);
}

/*
 * A case already triaged: with --retriage, or if the reviewer says so
 * on a terminal, its triage is corrected. Returns 1 to correct, 0 if it
 * is new, or the negated exit status.
 */
static int
triage_again(json_t *kase, const struct args *args)
{
	const char	*state = case_or(kase, "state", "?");
	json_t		*triage = json_object_get(kase, "triage");
	json_t		*sac = json_object_get(kase, "sac_score");
	char		 id[CASE_SHORT_ID + 1];
	int		 yes;

	if (strcmp(state, "new") == 0)
		return (0);
	/* Past correcting: aerd says why, without a question first. */
	if (args_has(args, 'r') || (strcmp(state, "triaged") != 0 &&
	    strcmp(state, "investigating") != 0) ||
	    json_is_object(json_object_get(kase, "rca")) ||
	    json_array_size(json_object_get(kase, "actions")) > 0)
		return (1);
	snprintf(id, sizeof(id), "%s", case_or(kase, "id", "?"));
	printf("Case %s was triaged", id);
	if (json_is_integer(sac))
		printf(" SAC %lld", (long long)json_integer_value(sac));
	if (case_str(triage, "severity") != NULL) {
		fputs(" (", stdout);
		aer_print_text(stdout, case_str(triage, "severity"));
		fputs(", ", stdout);
		aer_print_text(stdout, case_or(triage, "probability", "?"));
		fputc(')', stdout);
	}
	fputs(" and is ", stdout);
	aer_print_text(stdout, case_words_of(state));
	fputs(".\n", stdout);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fflush(stdout);
		aer_warnx("to correct its triage, add --retriage; nothing "
		    "was changed");
		return (-AER_EXIT_USAGE);
	}
	printf("Correct its triage to %s, %s? The score and the state "
	    "follow from it.\n", args_get(args, 's'), args_get(args, 'p'));
	fflush(stdout);
	yes = prompt_yesno("Correct the triage? [y/N] ", 0);
	if (yes != 1) {
		fputs("Nothing was changed.\n", stdout);
		return (-AER_EXIT_FAIL);
	}
	return (1);
}

static int
cmd_triage_exec(struct aer_ctx *ctx, struct args *args)
{
	char		 path[CASE_PATH_MAX], before[32];
	json_t		*body, *reply, *kase;
	int		 rc, again;

	if (args->argc != 1)
		return (args_usage(&cmd_triage_entry, args->argc == 0 ?
		    "which case? give its ID" : "one ID at a time"));
	if (!case_id_ok(args->argv[0]))
		return (AER_EXIT_USAGE);
	if ((rc = triage_check(ctx, args)) != 0)
		return (rc);
	if ((rc = case_get(ctx, args->argv[0], &kase, path, sizeof(path),
	    "/triage")) != AER_EXIT_OK)
		return (rc);
	snprintf(before, sizeof(before), "%s", case_or(kase, "state", "?"));
	again = triage_again(kase, args);
	json_decref(kase);
	if (again < 0)
		return (-again);
	if ((body = triage_body(args, again)) == NULL)
		return (AER_EXIT_FAIL);

	rc = case_call(ctx, "POST", path, body, triage_flags, &reply, NULL);
	json_decref(body);
	if (rc != AER_EXIT_OK)
		return (rc);
	rc = ctx->json ? case_print_json(reply) : triage_done(before, reply);
	json_decref(reply);
	return (rc);
}
