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
 * aer action: corrective actions, each with one owner, a strength from
 * the RCA2 hierarchy, a due date and a measure of effectiveness. "add"
 * plans one on a case; the others move it open -> done -> verified, or
 * withdraw it, or record progress.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aer.h"

/* Longest owner and longest text aer sends. */
#define ACTION_OWNER_MAX	200
#define ACTION_TEXT_MAX		AER_MAX_IMMEDIATE

static int	action_add(struct aer_ctx *, struct args *);
static int	action_update(struct aer_ctx *, struct args *);
static int	action_done(struct aer_ctx *, struct args *);
static int	action_verify(struct aer_ctx *, struct args *);
static int	action_withdraw(struct aer_ctx *, struct args *);

static const struct args_option action_options[] = {
	{ "description", 'd', ARGS_VALUE, "TEXT", "what will change" },
	{ "strength", 's', ARGS_VALUE, "S",
	    "stronger, intermediate or weaker (RCA2 hierarchy)" },
	{ "owner", 'o', ARGS_VALUE, "NAME",
	    "the one person who answers for it (not a team)" },
	{ "measure", 'm', ARGS_VALUE, "TEXT", "how its effect is measured" },
	{ "target", 't', ARGS_VALUE, "TEXT",
	    "the result that counts as effective" },
	{ "measure-by", 'M', ARGS_VALUE, "DAY",
	    "when to measure it, YYYY-MM-DD" },
	{ "due", 'D', ARGS_VALUE, "DAY", "when it is to be done, YYYY-MM-DD" },
	{ "note", 'n', ARGS_VALUE, "TEXT",
	    "update, done, verify: the progress, or what was found" },
	{ "effective", 'e', 0, NULL, "verify: the measure met the target" },
	{ "ineffective", 'i', 0, NULL,
	    "verify: it did not, and the plan is reopened" },
	{ "reason", 'r', ARGS_VALUE, "TEXT", "withdraw: why it is dropped" },
	ARGS_JSON,
	ARGS_END
};

static const struct cmd_sub action_subs[] = {
	{ "add", action_add },
	{ "update", action_update },
	{ "done", action_done },
	{ "verify", action_verify },
	{ "withdraw", action_withdraw },
	{ NULL, NULL }
};

const struct cmd_entry cmd_action_entry = {
	.name = "action",
	.usage = "add ID --description TEXT --strength S --owner NAME\n"
	    "           --measure TEXT --target TEXT --measure-by DAY "
	    "--due DAY [--json]\n"
	    "       aer action update ACTION_ID --note TEXT [--json]\n"
	    "       aer action done ACTION_ID [--note TEXT] [--json]\n"
	    "       aer action verify ACTION_ID --effective|--ineffective "
	    "[--note TEXT]\n"
	    "                         [--json]\n"
	    "       aer action withdraw ACTION_ID --reason TEXT [--json]",
	.summary = "plan and follow corrective actions (reviewers)",
	.help =
	    "add plans a corrective action on case ID, and needs every flag "
	    "from\n--description to --due. The others take an action's id or "
	    "a unique prefix,\nas aer show lists it: update records progress "
	    "in a note; done says it is\ncarried out; verify records what "
	    "the measure showed; withdraw drops it,\nsaying why.\n",
	.options = action_options,
	.subs = action_subs
};

/* What each flag sets in a body: its member and limit. */
static const struct {
	int		 key;
	const char	*flag;
	const char	*member;
	size_t		 max;
} action_fields[] = {
	{ 'd', "--description", "description", ACTION_TEXT_MAX },
	{ 's', "--strength", "strength", AER_MAX_CODE },
	{ 'o', "--owner", "owner", ACTION_OWNER_MAX },
	{ 'm', "--measure", "measure", ACTION_TEXT_MAX },
	{ 't', "--target", "target", ACTION_TEXT_MAX },
	{ 'M', "--measure-by", "measure_by", 10 },
	{ 'D', "--due", "due", 10 },
	{ 'n', "--note", "note", ACTION_TEXT_MAX },
	{ 'r', "--reason", "reason", ACTION_TEXT_MAX },
};
#define NFIELDS		(sizeof(action_fields) / sizeof(action_fields[0]))
#define ADD_FLAGS	"dsomtMD"

/*
 * The one id of a sub-command, which takes the flags in allowed (and
 * --json). Returns 0 or an exit status.
 */
static int
action_args(const struct args *args, const char *allowed, const char *sub)
{
	const struct args_option	*o;
	int				 key;
	size_t				 i;

	for (i = 0; i < args->nflags; i++) {
		key = args->flags[i].key;
		if (key == 'j' || strchr(allowed, key) != NULL)
			continue;
		for (o = action_options; o->key != key; o++)
			;
		return (args_usage(&cmd_action_entry, "--%s does not go "
		    "with %s", o->name, sub));
	}
	if (args->argc == 0)
		return (args_usage(&cmd_action_entry, "which %s? give its "
		    "ID", strcmp(sub, "add") == 0 ? "case" : "action"));
	if (args->argc != 1)
		return (args_usage(&cmd_action_entry, "one ID at a time"));
	return (case_id_ok(args->argv[0]) ? 0 : AER_EXIT_USAGE);
}

/* Put each text flag given into body; 0 or an exit status. */
static int
action_body(const struct args *args, json_t *body)
{
	const char	*value;
	size_t		 i;
	int		 rc;

	for (i = 0; i < NFIELDS; i++) {
		if ((value = args_get(args, action_fields[i].key)) == NULL)
			continue;
		if (strchr("MD", action_fields[i].key) != NULL &&
		    !case_day_ok(value)) {
			aer_warnx("%s %s: give a day like 2027-01-31",
			    action_fields[i].flag, value);
			return (AER_EXIT_FAIL);
		}
		if ((rc = case_set_text(body, action_fields[i].member,
		    action_fields[i].flag, value, action_fields[i].max)) != 0)
			return (rc);
	}
	return (0);
}

static const struct case_flag action_flags[] = {
	{ "description", "--description" },
	{ "strength", "--strength" },
	{ "owner", "--owner" },
	{ "measure", "--measure" },
	{ "target", "--target" },
	{ "measure_by", "--measure-by" },
	{ "due", "--due" },
	{ "note", "--note" },
	{ "reason", "--reason" },
	{ NULL, NULL }
};

/* Every flag add needs, each missing one named, all at once. */
static int
action_missing(const struct args *args)
{
	char	missing[256] = "";
	size_t	i, n = 0, len;

	for (i = 0; i < NFIELDS; i++) {
		if (strchr(ADD_FLAGS, action_fields[i].key) == NULL ||
		    args_has(args, action_fields[i].key))
			continue;
		len = strlen(missing);
		snprintf(missing + len, sizeof(missing) - len, "%s%s",
		    n++ > 0 ? ", " : "", action_fields[i].flag);
	}
	if (n == 0)
		return (0);
	return (args_usage(&cmd_action_entry, "add needs %s too", missing));
}

/* --strength a code of the RCA2 hierarchy aerd knows. */
static int
action_strength(struct aer_ctx *ctx, const char *strength)
{
	json_t	*tax;
	int	 rc;

	if ((rc = codes_fetch(ctx, &tax)) != AER_EXIT_OK)
		return (rc);
	rc = codes_check(tax, "action_strength", "--strength", strength);
	json_decref(tax);
	return (rc);
}

static int
action_add(struct aer_ctx *ctx, struct args *args)
{
	char	 path[CASE_PATH_MAX], before[32];
	json_t	*body, *reply, *kase;
	int	 rc;

	if ((rc = action_args(args, ADD_FLAGS, "add")) != 0 ||
	    (rc = action_missing(args)) != 0)
		return (rc);
	if ((rc = action_strength(ctx, args_get(args, 's'))) != 0 ||
	    (rc = case_get(ctx, args->argv[0], &kase, path, sizeof(path),
	    "/actions")) != 0)
		return (rc);
	snprintf(before, sizeof(before), "%s", case_or(kase, "state", "?"));
	json_decref(kase);
	body = json_object();
	if ((rc = action_body(args, body)) == 0 &&
	    (rc = case_call(ctx, "POST", path, body, action_flags, &reply,
	    NULL)) == 0) {
		if (ctx->json)
			rc = case_print_json(reply);
		else {
			fputs("Action ", stdout);
			case_print_short_id(reply, "action_id");
			fputs(" added. ", stdout);
			case_print_moved(before, reply);
			rc = aer_flush_stdout("the result");
		}
		json_decref(reply);
	}
	json_decref(body);
	return (rc);
}

/* The action the reply's case holds under the id (or prefix) given. */
static json_t *
action_find(json_t *kase, const char *id)
{
	json_t		*act;
	const char	*have;
	size_t		 i;

	json_array_foreach(json_object_get(kase, "actions"), i, act) {
		have = case_str(act, "id");
		if (have != NULL && strncmp(have, id, strlen(id)) == 0)
			return (act);
	}
	return (NULL);
}

/*
 * A refusal of verify: an action still open is done first; aerd says
 * "an action that is open cannot become ...".
 */
static void
action_refused(const struct args *args, json_t *body, json_t *error)
{
	const char	*status = case_str(body, "status");
	const char	*message = case_str(error, "message");

	if (status == NULL || strncmp(status, "verified_", 9) != 0 ||
	    message == NULL || strstr(message, "that is open") == NULL)
		return;
	fprintf(stderr, "The action is still open: record that it is done "
	    "first (aer action done %s),\nthen verify it.\n", args->argv[0]);
}

/* PATCH the action with body and say what became of it. */
static int
action_patch(struct aer_ctx *ctx, const struct args *args, json_t *body)
{
	const char	*id = args->argv[0];
	char		 path[CASE_PATH_MAX];
	json_t		*reply, *act, *error = NULL;
	int		 rc;

	if (case_path(path, sizeof(path), AER_PATH_ACTIONS, id, "") != 0)
		rc = AER_EXIT_USAGE;
	else if ((rc = action_body(args, body)) == 0 &&
	    (rc = case_call(ctx, "PATCH", path, body, action_flags, &reply,
	    &error)) == 0) {
		act = action_find(reply, id);
		if (ctx->json)
			rc = case_print_json(reply);
		else {
			fputs("Action ", stdout);
			if (act != NULL) {
				case_print_short_id(act, "id");
				fputs(json_object_get(body, "status") != NULL ?
				    " is now " : " updated; it is still ",
				    stdout);
				aer_print_text(stdout, case_words_of(
				    case_str(act, "status")));
			} else
				fputs("updated", stdout);
			fputs(". ", stdout);
			case_print_moved(case_str(reply, "state"), reply);
			rc = aer_flush_stdout("the result");
		}
		json_decref(reply);
	} else if (error != NULL)
		action_refused(args, body, error);
	json_decref(error);
	json_decref(body);
	return (rc);
}

static json_t *
action_status(const char *status)
{
	json_t	*body = json_object();

	json_object_set_new(body, "status", json_string(status));
	return (body);
}

static int
action_update(struct aer_ctx *ctx, struct args *args)
{
	int	rc;

	if ((rc = action_args(args, "n", "update")) != 0)
		return (rc);
	if (!args_has(args, 'n'))
		return (args_usage(&cmd_action_entry, "update needs "
		    "--note"));
	return (action_patch(ctx, args, json_object()));
}

static int
action_done(struct aer_ctx *ctx, struct args *args)
{
	int	rc;

	if ((rc = action_args(args, "n", "done")) != 0)
		return (rc);
	return (action_patch(ctx, args, action_status("done")));
}

static int
action_verify(struct aer_ctx *ctx, struct args *args)
{
	int	rc, eff;

	if ((rc = action_args(args, "nei", "verify")) != 0)
		return (rc);
	eff = args_has(args, 'e');
	if (eff == args_has(args, 'i'))
		return (args_usage(&cmd_action_entry, "verify needs "
		    "--effective or --ineffective"));
	return (action_patch(ctx, args, action_status(eff ?
	    "verified_effective" : "verified_ineffective")));
}

static int
action_withdraw(struct aer_ctx *ctx, struct args *args)
{
	int	rc;

	if ((rc = action_args(args, "r", "withdraw")) != 0)
		return (rc);
	if (!args_has(args, 'r'))
		return (args_usage(&cmd_action_entry, "withdraw needs "
		    "--reason"));
	return (action_patch(ctx, args, action_status("withdrawn")));
}
