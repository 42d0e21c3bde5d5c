/*
 * aer action: corrective actions, each with one owner, a strength from
 * the RCA2 hierarchy, a due date and a measure of effectiveness. "add"
 * plans one on a case; the others move it open -> done -> verified, or
 * withdraw it, or record progress.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "aer.h"

/* Longest owner and longest text aer sends. */
#define ACTION_OWNER_MAX	200
#define ACTION_TEXT_MAX		AER_MAX_IMMEDIATE

static int	cmd_action_exec(struct aer_ctx *, int, char **);
static int	action_add(struct aer_ctx *, int, char **);
static int	action_update(struct aer_ctx *, int, char **);
static int	action_done(struct aer_ctx *, int, char **);
static int	action_verify(struct aer_ctx *, int, char **);
static int	action_withdraw(struct aer_ctx *, int, char **);

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
	    "add plans a corrective action on case ID; every flag is "
	    "required:\n"
	    "  --description TEXT  what will change\n"
	    "  --strength S        stronger, intermediate or weaker (RCA2 "
	    "hierarchy)\n"
	    "  --owner NAME        the one person who answers for it (not a "
	    "team)\n"
	    "  --measure TEXT      how its effect is measured\n"
	    "  --target TEXT       the result that counts as effective\n"
	    "  --measure-by DAY    when to measure it, YYYY-MM-DD\n"
	    "  --due DAY           when it is to be done, YYYY-MM-DD\n"
	    "The others take an action's id or a unique prefix, as aer show "
	    "lists it:\n"
	    "update records progress in a note; done says it is carried out; "
	    "verify records\nwhat the measure showed (--ineffective reopens "
	    "the plan); withdraw drops it,\nsaying why.\n"
	    "  -j, --json          print aerd's JSON reply\n"
	    "  -h, --help          show this help\n",
	.exec = cmd_action_exec
};

static const struct case_sub action_subs[] = {
	{ "add", action_add },
	{ "update", action_update },
	{ "done", action_done },
	{ "verify", action_verify },
	{ "withdraw", action_withdraw },
	{ NULL, NULL }
};

/* The flags; each sub-command takes some of them. */
enum {
	A_DESCRIPTION,
	A_STRENGTH,
	A_OWNER,
	A_MEASURE,
	A_TARGET,
	A_MEASURE_BY,
	A_DUE,
	A_NOTE,
	A_REASON,
	A_EFFECTIVE,
	A_INEFFECTIVE,
	NFLAGS
};
#define F(x)		(1u << (x))
#define ADD_FLAGS	(F(A_DESCRIPTION) | F(A_STRENGTH) | F(A_OWNER) | \
			    F(A_MEASURE) | F(A_TARGET) | F(A_MEASURE_BY) | \
			    F(A_DUE))

static const struct option action_options[] = {
	{ "description", required_argument,	NULL, 256 + A_DESCRIPTION },
	{ "due",	 required_argument,	NULL, 256 + A_DUE },
	{ "effective",	 no_argument,		NULL, 256 + A_EFFECTIVE },
	{ "help",	 no_argument,		NULL, 'h' },
	{ "ineffective", no_argument,		NULL, 256 + A_INEFFECTIVE },
	{ "json",	 no_argument,		NULL, 'j' },
	{ "measure",	 required_argument,	NULL, 256 + A_MEASURE },
	{ "measure-by",	 required_argument,	NULL, 256 + A_MEASURE_BY },
	{ "note",	 required_argument,	NULL, 256 + A_NOTE },
	{ "owner",	 required_argument,	NULL, 256 + A_OWNER },
	{ "reason",	 required_argument,	NULL, 256 + A_REASON },
	{ "strength",	 required_argument,	NULL, 256 + A_STRENGTH },
	{ "target",	 required_argument,	NULL, 256 + A_TARGET },
	{ NULL,		 0,			NULL, 0 }
};

/* What each flag sets in a body: its flag, member and limit. */
static const struct {
	const char	*flag;
	const char	*member;
	size_t		 max;
} action_fields[NFLAGS] = {
	{ "--description", "description", ACTION_TEXT_MAX },
	{ "--strength", "strength", AER_MAX_CODE },
	{ "--owner", "owner", ACTION_OWNER_MAX },
	{ "--measure", "measure", ACTION_TEXT_MAX },
	{ "--target", "target", ACTION_TEXT_MAX },
	{ "--measure-by", "measure_by", 10 },
	{ "--due", "due", 10 },
	{ "--note", "note", ACTION_TEXT_MAX },
	{ "--reason", "reason", ACTION_TEXT_MAX },
	{ "--effective", NULL, 0 },
	{ "--ineffective", NULL, 0 },
};

struct action_args {
	const char	*value[NFLAGS];
	unsigned int	 given;
	const char	*id;
};

/*
 * The flags of one sub-command, which takes those in allowed, and its
 * one id. Returns 0, -1 after --help, or an exit status.
 */
static int
action_args(struct aer_ctx *ctx, struct action_args *a, unsigned int allowed,
    int argc, char **argv)
{
	int	ch, i;

	memset(a, 0, sizeof(*a));
	while ((ch = getopt_long(argc, argv, ":hj", action_options,
	    NULL)) != -1) {
		if (ch == 'h') {
			aer_cmd_help(&cmd_action_entry, stdout);
			return (-1);
		}
		if (ch == 'j') {
			ctx->json = 1;
			continue;
		}
		if (ch < 256 || ch >= 256 + NFLAGS)
			return (aer_cmd_getopt_error(&cmd_action_entry, ch,
			    argv));
		i = ch - 256;
		if (!(allowed & F(i)))
			return (aer_cmd_usage(&cmd_action_entry, "%s does not "
			    "go with %s", action_fields[i].flag,
			    argv[0]));
		a->value[i] = optarg;
		a->given |= F(i);
	}
	if (optind == argc)
		return (aer_cmd_usage(&cmd_action_entry, "which %s? give its "
		    "ID", strcmp(argv[0], "add") == 0 ? "case" : "action"));
	if (optind + 1 != argc)
		return (aer_cmd_usage(&cmd_action_entry, "one ID at a time"));
	a->id = argv[optind];
	return (case_id_ok(a->id) ? 0 : AER_EXIT_USAGE);
}

/* Put each text flag given into body; 0 or an exit status. */
static int
action_body(const struct action_args *a, json_t *body)
{
	int	i, rc;

	for (i = 0; i < NFLAGS; i++) {
		if (a->value[i] == NULL || action_fields[i].member == NULL)
			continue;
		if ((i == A_MEASURE_BY || i == A_DUE) &&
		    !case_day_ok(a->value[i])) {
			aer_warnx("%s %s: give a day like 2027-01-31",
			    action_fields[i].flag, a->value[i]);
			return (AER_EXIT_FAIL);
		}
		if (i == A_STRENGTH && !report_code_ok(a->value[i])) {
			aer_warnx("--strength %s is not a code", a->value[i]);
			return (AER_EXIT_FAIL);
		}
		if ((rc = case_set_text(body, action_fields[i].member,
		    action_fields[i].flag, a->value[i],
		    action_fields[i].max)) != 0)
			return (rc);
	}
	return (0);
}

/* "Case is now STATE." after what was done. */
static void
action_state(json_t *kase)
{
	fputs("case is now ", stdout);
	aer_print_text(stdout, case_or(kase, "state", "?"));
	fputs(".\n", stdout);
}

static int
action_add(struct aer_ctx *ctx, int argc, char **argv)
{
	struct action_args	 a;
	char			 path[CASE_PATH_MAX];
	json_t			*body, *reply;
	int			 i, rc;

	if ((rc = action_args(ctx, &a, ADD_FLAGS, argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	for (i = 0; i < NFLAGS; i++) {
		if ((ADD_FLAGS & F(i)) && a.value[i] == NULL)
			return (aer_cmd_usage(&cmd_action_entry, "add needs "
			    "%s", action_fields[i].flag));
	}
	if (case_path(path, sizeof(path), AER_PATH_REPORTS, a.id,
	    "/actions") != 0)
		return (AER_EXIT_USAGE);
	body = json_object();
	if ((rc = action_body(&a, body)) == 0 &&
	    (rc = http_call(ctx, "POST", path, body, NULL, &reply)) == 0) {
		if (ctx->json)
			rc = case_print_json(reply);
		else {
			fputs("Action ", stdout);
			case_print_short_id(reply, "action_id");
			fputs(" added; ", stdout);
			action_state(reply);
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

/* PATCH the action with body and say what became of it. */
static int
action_patch(struct aer_ctx *ctx, const struct action_args *a, json_t *body)
{
	char	 path[CASE_PATH_MAX];
	json_t	*reply, *act;
	int	 rc;

	if (case_path(path, sizeof(path), AER_PATH_ACTIONS, a->id, "") != 0)
		rc = AER_EXIT_USAGE;
	else if ((rc = action_body(a, body)) == 0 &&
	    (rc = http_call(ctx, "PATCH", path, body, NULL, &reply)) == 0) {
		act = action_find(reply, a->id);
		if (ctx->json)
			rc = case_print_json(reply);
		else {
			fputs("Action ", stdout);
			if (act != NULL) {
				case_print_short_id(act, "id");
				fputs(json_object_get(body, "status") != NULL ?
				    " is now " : " updated, still ", stdout);
				aer_print_text(stdout, case_or(act, "status",
				    "?"));
			} else
				fputs("updated", stdout);
			fputs("; ", stdout);
			action_state(reply);
			rc = aer_flush_stdout("the result");
		}
		json_decref(reply);
	}
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
action_update(struct aer_ctx *ctx, int argc, char **argv)
{
	struct action_args	a;
	int			rc;

	if ((rc = action_args(ctx, &a, F(A_NOTE), argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	if (a.value[A_NOTE] == NULL)
		return (aer_cmd_usage(&cmd_action_entry, "update needs "
		    "--note"));
	return (action_patch(ctx, &a, json_object()));
}

static int
action_done(struct aer_ctx *ctx, int argc, char **argv)
{
	struct action_args	a;
	int			rc;

	if ((rc = action_args(ctx, &a, F(A_NOTE), argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	return (action_patch(ctx, &a, action_status("done")));
}

static int
action_verify(struct aer_ctx *ctx, int argc, char **argv)
{
	struct action_args	a;
	int			rc, eff;

	if ((rc = action_args(ctx, &a, F(A_NOTE) | F(A_EFFECTIVE) |
	    F(A_INEFFECTIVE), argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	eff = (a.given & F(A_EFFECTIVE)) != 0;
	if (eff == ((a.given & F(A_INEFFECTIVE)) != 0))
		return (aer_cmd_usage(&cmd_action_entry, "verify needs "
		    "--effective or --ineffective"));
	return (action_patch(ctx, &a, action_status(eff ?
	    "verified_effective" : "verified_ineffective")));
}

static int
action_withdraw(struct aer_ctx *ctx, int argc, char **argv)
{
	struct action_args	a;
	int			rc;

	if ((rc = action_args(ctx, &a, F(A_REASON), argc, argv)) != 0)
		return (rc < 0 ? AER_EXIT_OK : rc);
	if (a.value[A_REASON] == NULL)
		return (aer_cmd_usage(&cmd_action_entry, "withdraw needs "
		    "--reason"));
	return (action_patch(ctx, &a, action_status("withdrawn")));
}

static int
cmd_action_exec(struct aer_ctx *ctx, int argc, char **argv)
{
	return (case_run_sub(&cmd_action_entry, action_subs, ctx, argc,
	    argv));
}
