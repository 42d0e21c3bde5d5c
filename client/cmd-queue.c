/*
 * aer queue: the reviewers' work list, as aerd sorts it: anything overdue
 * first, then by the next deadline, then the oldest. aerd sends it a page
 * at a time; the first AER_QUEUE_LIMIT cases are shown.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aer.h"

#define QUEUE_PAGE	500	/* cases asked for at a time */

static int	cmd_queue_exec(struct aer_ctx *, struct args *);

static const struct args_option queue_options[] = {
	{ "state", 's', ARGS_VALUE, "STATE", "only cases in STATE: new, "
	    "triaged, investigating, actions,\nreferred or closed" },
	{ "overdue", 'o', 0, NULL, "only cases with something overdue" },
	ARGS_JSON,
	ARGS_END
};

const struct cmd_entry cmd_queue_entry = {
	.name = "queue",
	.usage = "[--state STATE] [--overdue] [--json]",
	.summary = "list the cases to work on (reviewers)",
	.help =
	    "List cases, anything overdue first, then by the next deadline. "
	    "Without\n--state, every open case: new, triaged, investigating "
	    "and actions.\n",
	.options = queue_options,
	.more =
	    "ID is the first " AER_STR(CASE_SHORT_ID) " characters of the "
	    "case's id, which aer show and the other\ncommands take; AGE is "
	    "in days; SAC is the triage score (- before triage).\n",
	.exec = cmd_queue_exec
};

/* Column widths, at least the heading's. */
struct queue_widths {
	int	state;
	int	category;
	int	harm;
};

/* A state goes into the query as it is: lower-case letters and '_'. */
static int
queue_state_ok(const char *state)
{
	const char	*p;

	for (p = state; *p != '\0'; p++) {
		if ((*p < 'a' || *p > 'z') && *p != '_')
			return (0);
	}
	return (*state != '\0' && strlen(state) <= AER_MAX_CODE);
}

static void
queue_widen(int *w, const char *s)
{
	if ((int)strlen(s) > *w)
		*w = (int)strlen(s);
}

static void
queue_row(json_t *c, const struct queue_widths *w)
{
	json_t		*sac, *overdue, *v;
	const char	*due;
	size_t		 i;

	case_print_short_id(c, "id");
	fputs("  ", stdout);
	case_print_cell(case_or(c, "state", "?"), w->state + 2);
	case_print_cell(case_or(c, "received", "?"), 12);
	printf("%4lld  ", (long long)json_integer_value(json_object_get(c,
	    "age_days")));
	sac = json_object_get(c, "sac_score");
	if (json_is_integer(sac))
		printf("%-3lld  ", (long long)json_integer_value(sac));
	else
		fputs("-    ", stdout);
	case_print_cell(case_or(c, "category", "-"), w->category + 2);
	case_print_cell(case_or(c, "harm", "-"), w->harm + 2);
	if ((due = case_str(c, "next_due")) != NULL) {
		aer_print_text(stdout, due);
		fputc(' ', stdout);
		aer_print_text(stdout, case_or(c, "next_due_what", ""));
	} else
		fputc('-', stdout);
	overdue = json_object_get(c, "overdue");
	if (json_array_size(overdue) > 0) {
		fputs("  OVERDUE: ", stdout);
		json_array_foreach(overdue, i, v) {
			if (i > 0)
				fputc(',', stdout);
			aer_print_text(stdout, json_is_string(v) ?
			    json_string_value(v) : "?");
		}
	}
	fputc('\n', stdout);
}

static void
queue_table(json_t *cases)
{
	struct queue_widths	 w = { 5, 8, 4 };
	json_t			*c;
	size_t			 i;

	json_array_foreach(cases, i, c) {
		queue_widen(&w.state, case_or(c, "state", "?"));
		queue_widen(&w.category, case_or(c, "category", "-"));
		queue_widen(&w.harm, case_or(c, "harm", "-"));
	}
	printf("%-*s  %-*s  %-10s  %4s  %-3s  %-*s  %-*s  %s\n",
	    CASE_SHORT_ID, "ID", w.state, "STATE", "RECEIVED", "AGE", "SAC",
	    w.category, "CATEGORY", w.harm, "HARM", "NEXT DUE");
	json_array_foreach(cases, i, c)
		queue_row(c, &w);
}

/*
 * The first AER_QUEUE_LIMIT cases, page by page, as one reply
 * {"cases": [...]}.
 */
static int
queue_fetch(struct aer_ctx *ctx, const char *state, int overdue,
    json_t **out)
{
	json_t		*all, *page, *next;
	char		 path[CASE_PATH_MAX + 128], after[128];
	int		 rc, left = AER_QUEUE_LIMIT;

	*out = NULL;
	if ((all = json_array()) == NULL)
		return (AER_EXIT_FAIL);
	after[0] = '\0';
	for (;;) {
		snprintf(path, sizeof(path), "%s?limit=%d%s%s%s%s%s",
		    AER_PATH_QUEUE, left < QUEUE_PAGE ? left : QUEUE_PAGE,
		    state != NULL ? "&state=" : "", state != NULL ? state : "",
		    overdue ? "&overdue=1" : "", after[0] ? "&after=" : "",
		    after);
		if ((rc = http_call(ctx, "GET", path, NULL, NULL, &page)) !=
		    AER_EXIT_OK) {
			json_decref(all);
			return (rc);
		}
		json_array_extend(all, json_object_get(page, "cases"));
		left = AER_QUEUE_LIMIT - (int)json_array_size(all);
		next = json_object_get(page, "next");
		if (left <= 0 || !json_is_string(next) ||
		    strlen(json_string_value(next)) >= sizeof(after) ||
		    strspn(json_string_value(next),
		    "0123456789abcdefno-_") != strlen(json_string_value(next))) {
			json_decref(page);
			break;
		}
		snprintf(after, sizeof(after), "%s", json_string_value(next));
		json_decref(page);
	}
	*out = json_pack("{s:o}", "cases", all);
	return (*out != NULL ? AER_EXIT_OK : AER_EXIT_FAIL);
}

static int
cmd_queue_exec(struct aer_ctx *ctx, struct args *args)
{
	const char	*state = args_get(args, 's');
	json_t		*reply, *cases;
	int		 rc;

	if (args->argc > 0)
		return (args_usage(&cmd_queue_entry, "unexpected '%s'",
		    args->argv[0]));
	if (state != NULL && !queue_state_ok(state))
		return (args_usage(&cmd_queue_entry, "--state %s is not a "
		    "state", state));

	if ((rc = queue_fetch(ctx, state, args_has(args, 'o'), &reply)) !=
	    AER_EXIT_OK)
		return (rc);
	cases = json_object_get(reply, "cases");
	if (ctx->json)
		rc = case_print_json(reply);
	else {
		if (json_array_size(cases) == 0)
			fputs("No cases.\n", stdout);
		else
			queue_table(cases);
		rc = aer_flush_stdout("the queue");
	}
	json_decref(reply);
	return (rc);
}
