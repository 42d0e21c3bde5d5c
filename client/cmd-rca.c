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
 * aer rca: record a root-cause analysis. aerd replaces the whole RCA on
 * each PUT, so aer starts from the case's current RCA, appends what the
 * flags add and sends it all back; or sends a JSON file as it is. With
 * nothing to record it only shows the RCA: starting one takes --start.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

/* Longest team member, timeline entry and causal statement aer sends. */
#define RCA_NAME_MAX	200
#define RCA_TEXT_MAX	AER_MAX_IMMEDIATE

static int	cmd_rca_exec(struct aer_ctx *, struct args *);

static const struct args_option rca_options[] = {
	{ "team", 'T', ARGS_VALUE, "NAME",
	    "a member of the RCA team; repeat for each" },
	{ "event", 'e', ARGS_VALUE, "'WHEN TEXT'",
	    "a timeline entry: WHEN is YYYY-MM-DD or\nYYYY-MM-DDTHH:MM, then "
	    "what happened" },
	{ "cause", 'c', ARGS_VALUE, "'FACTOR: STATEMENT'",
	    "a causal statement and its contributing factor, e.g.\n"
	    "'communication: The handover had no checklist, so ...'" },
	{ "complete", 'C', 0, NULL,
	    "the RCA is complete (needs a team member and a cause)" },
	{ "start", 's', 0, NULL,
	    "start the RCA of a triaged case with nothing in it yet" },
	{ "json-file", 'J', ARGS_VALUE, "FILE",
	    "send the whole RCA in FILE (- for stdin) instead" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_rca_entry = {
	.name = "rca",
	.usage = "ID [--team NAME]... [--event 'WHEN TEXT']...\n"
	    "               [--cause 'FACTOR: STATEMENT']... [--complete] "
	    "[--json]\n"
	    "       aer rca ID --start [--json]\n"
	    "       aer rca ID --json-file FILE|- [--json]\n"
	    "       aer rca ID",
	.summary = "record a root-cause analysis (reviewers)",
	.help =
	    "Add to a case's RCA: what the flags give is appended to what is "
	    "recorded.\nOn a triaged case this starts the RCA, moving the case "
	    "to investigating;\n--start does that with nothing to record yet. "
	    "With no flags, shows the\nRCA and changes nothing. Statements "
	    "that blame (\"poor\", \"failed to\", ...) are\naccepted with "
	    "a warning.\n",
	.options = rca_options,
	.exec = cmd_rca_exec
};

/* What the flags add, checked as they come. */
struct rca_args {
	json_t		*team;
	json_t		*timeline;
	json_t		*causes;
	int		 complete;
	int		 start;
	int		 nset;
	const char	*json_file;
};

/* --team NAME */
static int
rca_team(struct rca_args *a, const char *arg)
{
	json_t	*member = json_object();
	int	 rc;

	rc = case_set_text(member, "name", "--team", arg, RCA_NAME_MAX);
	if (rc == 0)
		json_array_append(a->team, json_object_get(member, "name"));
	json_decref(member);
	return (rc);
}

/* --event 'WHEN TEXT': split at the first space. */
static int
rca_event(struct rca_args *a, const char *arg)
{
	char		 when[AER_MAX_OCCURRED + 1], *copy, *text;
	const char	*why;
	json_t		*e;
	int		 rc;

	if ((copy = strdup(arg)) == NULL)
		return (AER_EXIT_FAIL);
	if ((text = strchr(copy, ' ')) != NULL)
		*text++ = '\0';
	if (text == NULL || *aer_trim(text) == '\0') {
		aer_warnx("--event '%s': give a time, a space, then what "
		    "happened", arg);
		free(copy);
		return (AER_EXIT_USAGE);
	}
	if (report_when(copy, when, sizeof(when), &why) != WHEN_OK) {
		aer_warnx("--event: %s: %s", copy, why);
		free(copy);
		return (AER_EXIT_USAGE);
	}
	e = json_object();
	json_object_set_new(e, "at", json_string(when));
	rc = case_set_text(e, "text", "--event", aer_trim(text), RCA_TEXT_MAX);
	free(copy);
	if (rc == 0)
		json_array_append(a->timeline, e);
	json_decref(e);
	return (rc);
}

/* --cause 'FACTOR: STATEMENT': split at the first ':'. */
static int
rca_cause(struct rca_args *a, const char *arg)
{
	char	*copy, *factor, *statement;
	json_t	*c;
	int	 rc;

	if ((copy = strdup(arg)) == NULL)
		return (AER_EXIT_FAIL);
	if ((statement = strchr(copy, ':')) != NULL)
		*statement++ = '\0';
	factor = aer_trim(copy);
	if (statement == NULL || !report_code_ok(factor)) {
		aer_warnx("--cause '%s': give a contributing factor, a colon, "
		    "then the causal statement", arg);
		free(copy);
		return (AER_EXIT_USAGE);
	}
	c = json_object();
	rc = case_set_text(c, "statement", "--cause", aer_trim(statement),
	    RCA_TEXT_MAX);
	json_object_set_new(c, "factor", json_string(factor));
	free(copy);
	if (rc == 0)
		json_array_append(a->causes, c);
	json_decref(c);
	return (rc);
}

/* The flags, each checked in the order given; 0 or an exit status. */
static int
rca_args(struct rca_args *a, const struct args *args)
{
	const struct args_flag	*f;
	size_t			 i;
	int			 rc;

	for (i = 0; i < args->nflags; i++) {
		f = &args->flags[i];
		rc = 0;
		switch (f->key) {
		case 'T':
			rc = rca_team(a, f->value);
			break;
		case 'e':
			rc = rca_event(a, f->value);
			break;
		case 'c':
			rc = rca_cause(a, f->value);
			break;
		case 'C':
			a->complete = 1;
			break;
		case 's':
			a->start = 1;
			continue;
		case 'J':
			a->json_file = f->value;
			continue;
		default:
			continue;
		}
		if (rc != 0)
			return (rc);
		a->nset++;
	}
	if (args->argc != 1)
		return (args_usage(&cmd_rca_entry, args->argc == 0 ?
		    "which case? give its ID" : "one ID at a time"));
	if (a->json_file != NULL && (a->nset > 0 || a->start))
		return (args_usage(&cmd_rca_entry, "--json-file cannot be "
		    "mixed with the other flags"));
	return (0);
}

/* Copy the members named in keys of each object in from to to. */
static void
rca_keep(json_t *to, json_t *from, const char *const *keys)
{
	json_t	*item, *copy, *v;
	size_t	 i, k;

	json_array_foreach(from, i, item) {
		if (keys == NULL) {
			if (json_is_string(item))
				json_array_append(to, item);
			continue;
		}
		copy = json_object();
		for (k = 0; keys[k] != NULL; k++) {
			if ((v = json_object_get(item, keys[k])) != NULL)
				json_object_set(copy, keys[k], v);
		}
		json_array_append_new(to, copy);
	}
}

/* The case's RCA as aerd takes it back, with the flags' additions. */
static json_t *
rca_merge(json_t *rca, const struct rca_args *a)
{
	static const char *const at_text[] = { "at", "text", NULL };
	static const char *const cause[] = { "statement", "factor", NULL };
	json_t	*body, *team, *timeline, *causes;

	team = json_array();
	timeline = json_array();
	causes = json_array();
	rca_keep(team, json_object_get(rca, "team"), NULL);
	rca_keep(timeline, json_object_get(rca, "timeline"), at_text);
	rca_keep(causes, json_object_get(rca, "causes"), cause);
	json_array_extend(team, a->team);
	json_array_extend(timeline, a->timeline);
	json_array_extend(causes, a->causes);
	body = json_object();
	json_object_set_new(body, "team", team);
	json_object_set_new(body, "timeline", timeline);
	json_object_set_new(body, "causes", causes);
	json_object_set_new(body, "complete", json_boolean(a->complete ||
	    json_is_true(json_object_get(rca, "complete"))));
	return (body);
}

/* Each --cause's factor a contributing factor aerd knows; all told. */
static int
rca_factors(struct aer_ctx *ctx, const struct rca_args *a)
{
	json_t	*tax, *c;
	size_t	 i;
	int	 rc;

	if (json_array_size(a->causes) == 0)
		return (0);
	if ((rc = codes_fetch(ctx, &tax)) != AER_EXIT_OK)
		return (rc);
	json_array_foreach(a->causes, i, c) {
		if (codes_check(tax, "contributing_factor", "--cause",
		    case_or(c, "factor", "")) != 0)
			rc = AER_EXIT_USAGE;
	}
	json_decref(tax);
	return (rc);
}

/*
 * With nothing to record: the RCA as it stands, and what would start
 * one. Changes nothing.
 */
static int
rca_look(json_t *kase, const char *id)
{
	const char	*state = case_or(kase, "state", "?");

	case_print_rca(json_object_get(kase, "rca"));
	fputs("The case is ", stdout);
	aer_print_text(stdout, case_words_of(state));
	fputs(".\n", stdout);
	if (strcmp(state, "triaged") == 0)
		printf("To start its RCA, moving it to investigating: aer rca "
		    "%s --start,\nor give the first --team, --event or "
		    "--cause.\n", id);
	else if (strcmp(state, "new") == 0)
		printf("It is not triaged yet; an RCA follows triage (aer "
		    "triage %s).\n", id);
	else if (strcmp(state, "investigating") == 0 ||
	    strcmp(state, "actions") == 0)
		printf("To add to it: aer rca %s --team, --event, --cause or "
		    "--complete.\n", id);
	return (aer_flush_stdout("the RCA"));
}

/* Each of the reply's warnings on stderr; they do not fail the command. */
static void
rca_warnings(json_t *warnings)
{
	json_t		*w;
	const char	*text;
	char		*dump;
	size_t		 i;

	json_array_foreach(warnings, i, w) {
		fputs("warning: ", stderr);
		if ((text = json_string_value(w)) == NULL)
			text = case_str(w, "message");
		if (text != NULL)
			aer_print_text(stderr, text);
		else if ((dump = json_dumps(w, JSON_COMPACT |
		    JSON_ENCODE_ANY)) != NULL) {
			aer_print_text(stderr, dump);
			free(dump);
		}
		fputc('\n', stderr);
	}
}

static const struct case_flag rca_flags[] = {
	{ "team", "--team" },
	{ "timeline", "--event" },
	{ "causes", "--cause" },
	{ "complete", "--complete" },
	{ NULL, NULL }
};

static int
cmd_rca_exec(struct aer_ctx *ctx, struct args *args)
{
	struct rca_args	 a;
	char		 path[CASE_PATH_MAX], before[32] = "";
	json_t		*body = NULL, *reply, *kase = NULL;
	int		 rc;

	memset(&a, 0, sizeof(a));
	a.team = json_array();
	a.timeline = json_array();
	a.causes = json_array();
	if ((rc = rca_args(&a, args)) != 0)
		goto out;
	if (!case_id_ok(args->argv[0])) {
		rc = AER_EXIT_USAGE;
		goto out;
	}
	if ((rc = rca_factors(ctx, &a)) != 0 ||
	    (rc = case_get(ctx, args->argv[0], &kase, path, sizeof(path),
	    "/rca")) != 0)
		goto out;
	snprintf(before, sizeof(before), "%s", case_or(kase, "state", "?"));
	if (a.json_file == NULL && a.nset == 0 && !a.start) {
		rc = ctx->json ? case_print_json(kase) :
		    rca_look(kase, args->argv[0]);
		goto out;
	}
	if (a.json_file != NULL) {
		if ((body = report_load(a.json_file)) == NULL)
			rc = AER_EXIT_FAIL;
	} else
		body = rca_merge(json_object_get(kase, "rca"), &a);
	if (rc != 0)
		goto out;

	if ((rc = case_call(ctx, "PUT", path, body, rca_flags, &reply,
	    NULL)) != AER_EXIT_OK)
		goto out;
	if (ctx->json)
		rc = case_print_json(reply);
	else {
		case_print_rca(json_object_get(reply, "rca"));
		case_print_moved(before, reply);
		rc = aer_flush_stdout("the RCA");
	}
	rca_warnings(json_object_get(reply, "warnings"));
	json_decref(reply);
out:
	json_decref(kase);
	json_decref(body);
	json_decref(a.team);
	json_decref(a.timeline);
	json_decref(a.causes);
	return (rc);
}
