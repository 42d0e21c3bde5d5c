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
 * aer's private interfaces, one block per source file.
 *
 * aer.c parses the global flags and runs one command from the table in
 * cmd.c; server.c works out where aerd listens, from the flags, the
 * environment and the files config.c reads. Each cmd-*.c is one command,
 * whose flags args.c parses. http.c is the only file that speaks HTTP,
 * and http-fail.c says why it could not; prompt.c and text-entry.c (for
 * text that may be long) are the only ones that ask questions, and
 * util.c holds what all of them use and calls nothing else in aer. case-input.c and case-print.c hold what the
 * reviewers' commands share. Calls go one way, from main through the
 * commands to the helpers; no two files call each other
 * (scripts/callgraph-check).
 */
#ifndef AER_H
#define AER_H

#include <stddef.h>
#include <stdio.h>

#include <curl/curl.h>
#include <jansson.h>

#include "aer/limits.h"
#include "aer/protocol.h"

/* Exit statuses. */
#define AER_EXIT_OK		0
#define AER_EXIT_FAIL		1	/* aerd unreachable, refused, or I/O */
#define AER_EXIT_USAGE		2	/* bad command line */

/* How long to wait for aerd, and how much of its reply to read. */
#define AER_CONNECT_TIMEOUT	5	/* seconds */
#define AER_TOTAL_TIMEOUT	30	/* seconds */
#define AER_MAX_REPLY		(4 * 1024 * 1024)

/* What aer reads of a token file. */
#define AER_MAX_TOKEN		256	/* a bearer token */

/* Taxonomy codes whose meaning the report rules depend on. */
#define AER_CODE_INCIDENT	"incident"
#define AER_CODE_MEDICATION	"medication"
#define AER_CODE_HARM_SEVERE	"severe"	/* offered urgency */
#define AER_CODE_HARM_DEATH	"death"

/* Spell a plain numeric macro as a string, for help texts. */
#define AER_STR_(x)		#x
#define AER_STR(x)		AER_STR_(x)

/* What a command needs to know about the invocation. */
struct aer_ctx {
	char		*url;		/* base URL over TCP, or NULL */
	char		*host;		/* the URL's host, for messages */
	int		 tls;		/* url is https:// */
	char		*cacert;	/* with tls: the one CA to trust */
	char		*socket;	/* Unix socket path when url is NULL */
	char		*token;		/* bearer token, only with url */
	char		*proxy;		/* --proxy, only with url */
	int		 json;		/* print aerd's JSON replies */
};

/*
 * A flag a command takes, declared in its cmd_entry. key is a letter,
 * unique in the command, that args_get() and the others ask for; 'h' is
 * -h, --help, which every command takes undeclared, and 'j' is --json.
 */
#define ARGS_VALUE	0x1	/* takes a value */
#define ARGS_SHORT	0x2	/* also spelled -KEY */
struct args_option {
	const char	*name;		/* the long flag, without "--" */
	int		 key;
	int		 flags;
	const char	*value;		/* the value's name, in the help */
	const char	*help;		/* what it does; '\n' for more lines */
};
#define ARGS_JSON	{ "json", 'j', ARGS_SHORT, NULL, \
			    "print aerd's JSON reply" }
#define ARGS_END	{ NULL, 0, 0, NULL, NULL }

/* The command line of a command, parsed. */
struct args_flag {
	int		 key;
	const char	*value;		/* NULL for a flag without one */
};
struct args {
	struct args_flag *flags;	/* as given, in order */
	size_t		  nflags;
	int		  argc;		/* the other arguments */
	char		**argv;
};

struct cmd_sub {
	const char	*name;
	int		(*exec)(struct aer_ctx *, struct args *);
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* arguments, after "aer NAME" */
	const char	*summary;	/* one line for aer --help */
	const char	*help;		/* what it does, before its flags */
	const struct args_option *options; /* ending in ARGS_END */
	const char	*more;		/* after the flags, or NULL */
	const struct cmd_sub *subs;	/* its sub-commands, or NULL */
	int		(*exec)(struct aer_ctx *, struct args *);
};

/* cmd.c */
const struct cmd_entry *cmd_find(const char *);
void	 cmd_unknown(const char *);
void	 cmd_list(FILE *);
int	 cmd_run(const struct cmd_entry *, struct aer_ctx *, int, char **);

/* args.c */
#define ARGS_HELP	(-1)	/* args_parse showed the help */
int	 args_parse(const struct cmd_entry *, int, char **, struct args *);
void	 args_free(struct args *);
int	 args_has(const struct args *, int key);
const char *args_get(const struct args *, int key);
size_t	 args_count(const struct args *, int key);
const char *args_value(const struct args *, int key, size_t);
void	 args_help(const struct cmd_entry *, FILE *);
int	 args_usage(const struct cmd_entry *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* util.c */
#define PROMPT_OK	0
#define PROMPT_SKIP	1	/* an optional question left empty */
#define PROMPT_EOF	(-1)	/* end of input or a read error */
#define PROMPT_TOO_LONG	2	/* read_line, prompt_hidden: over the limit */
void		 aer_warnx(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 aer_warn(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
const char	*aer_where(const struct aer_ctx *);
void		 aer_print_text(FILE *, const char *);
void		 aer_print_json(FILE *, json_t *);
int		 aer_flush_stdout(const char *);
void		 aer_wipe(void *, size_t);
char		*aer_trim(char *);
int		 read_line(FILE *, size_t max, char **);

/* config.c: aer.conf, the system's file and then the user's */
#define CONF_URL	0
#define CONF_SOCKET	1
#define CONF_CACERT	2
#define CONF_TOKEN_FILE	3
#define CONF_PROXY	4
#define CONF_NKEYS	5
#define CONF_MAX_SIZE	(64 * 1024)
struct conf {
	char	*value[CONF_NKEYS];	/* NULL where no file sets it */
	char	*from[CONF_NKEYS];	/* "FILE:LINE" that set it */
};
void	 conf_init(struct conf *);
void	 conf_free(struct conf *);
int	 conf_parse(struct conf *, const char *text, const char *file,
	    char *err, size_t);
int	 conf_load(struct conf *, const char *path, char *err, size_t);
const char *conf_system_path(void);
int	 conf_user_path(char *, size_t);

/* server.c: which aerd to talk to, and why */
struct server_flags {			/* from the command line, or NULL */
	const char	*url;
	const char	*socket;
	const char	*cacert;
	const char	*token_file;
	const char	*proxy;
};
struct server_pick {
	const char	*value;		/* NULL: not set */
	const char	*from;		/* "--url", "$AER_URL", "FILE:LINE" */
	int		 dflt;		/* from is a default's reason */
};
struct server {
	struct server_pick url, socket, cacert, token, proxy;
	struct conf	 conf;
	char		*home_socket;	/* $AER_HOME's socket */
	char		 err[512];	/* why the files could not be read */
};
#define URL_HOST_MAX	256
int	 server_url_check(const char *url, char *host, size_t, int *tls,
	    char *err, size_t);
int	 server_load(struct server *, const struct server_flags *);
void	 server_describe(const struct server *, FILE *);
int	 server_apply(const struct server *, const struct server_flags *,
	    struct aer_ctx *);
void	 server_free(struct server *);

/* http.c */
int	http_request(struct aer_ctx *, const char *method, const char *path,
	    json_t *body, const char *receipt, json_t **reply, long *status);
int	http_error(struct aer_ctx *, json_t *reply, long status);
int	http_call(struct aer_ctx *, const char *method, const char *path,
	    json_t *body, const char *receipt, json_t **reply);
int	http_download(struct aer_ctx *, const char *path, FILE *out);
typedef void	(*http_progress_fn)(void *, long long bytes);
int	http_download_progress(struct aer_ctx *, const char *path, FILE *out,
	    http_progress_fn, void *);

/* http-fail.c */
void	http_failed(struct aer_ctx *, CURL *, CURLcode, int too_large,
	    const char *errbuf);

/* prompt.c: returning the PROMPT_* of util.c */
int	prompt_line(const char *, size_t max, char **);
int	prompt_hidden(const char *, size_t max, char **);
int	prompt_text(const char *, size_t max, char **);
int	prompt_choose(const char *, json_t *list, int optional,
	    const char **code);
int	prompt_choose_many(const char *, json_t *list, size_t max,
	    json_t *codes);
int	prompt_yesno(const char *, int dflt);
const char *tax_label_of(json_t *list, const char *code);

/* token.c */
int	token_load(struct aer_ctx *, const char *path);
void	token_free(struct aer_ctx *);

/* cmd-report.c */
extern const struct cmd_entry cmd_report_entry;

/* report-input.c */
#define TEXT_OK		0
#define TEXT_TOO_LONG	1
#define TEXT_NOT_UTF8	2
int	 report_text(json_t *body, const char *field, const char *value,
	    size_t max);
int	 report_code_ok(const char *);
#define WHEN_OK		0
#define WHEN_BAD	(-1)
#define WHEN_FUTURE	(-2)
int	 report_when(const char *in, char *out, size_t outlen,
	    const char **why);
json_t	*report_load(const char *path);
char	*report_stdin_text(size_t max);
extern const char report_urgent_note[];
const char *report_seen(json_t *reply, char *, size_t);

/* report-flags.c */
size_t	 report_nset(const struct args *);
int	 report_body(const struct cmd_entry *, const struct args *,
	    json_t **body);

/* report-form.c */
int	report_form(json_t *taxonomy, int urgent, json_t *body);

/* report-review.c: returning PROMPT_OK to file the report */
#define REVIEW_CHANGE	3	/* ask the question for *change again */
int	report_review(json_t *taxonomy, json_t *body, int urgent_offered,
	    const char **change);

/* report-check.c */
size_t	report_check(json_t *taxonomy, json_t *body, FILE *, size_t cols);

/* text-entry.c: returning the PROMPT_* of util.c */
size_t	text_chars(const char *);
size_t	text_chars_n(const char *, size_t);
size_t	text_prefix(const char *, size_t max);
void	text_on_cancel(const char *note);
int	text_entry(const char *question, int lines, const char *start,
	    char **out);

/* receipt-save.c */
void	receipt_offer_save(const char *receipt);

/* followup-print.c */
#define FOLLOWUP_OPEN	0	/* the reporter may still reply */
#define FOLLOWUP_ENDED	1	/* closed or referred: no more replies */
int	followup_show(json_t *reply);
int	followup_ended(json_t *reply);

/* cmd-status.c */
extern const struct cmd_entry cmd_status_entry;

/* receipt-input.c */
int	receipt_read(const char *path, char **receipt);
char	*receipt_clean(char *);
int	receipt_ok(const char *);
int	receipt_bad(const char *);
void	receipt_not_found(void);

/* cmd-reply.c */
extern const struct cmd_entry cmd_reply_entry;

/* cmd-queue.c */
extern const struct cmd_entry cmd_queue_entry;

/* queue-print.c */
size_t	 queue_print(FILE *, json_t *cases, size_t cols);

/* cmd-show.c */
extern const struct cmd_entry cmd_show_entry;

/* cmd-triage.c */
extern const struct cmd_entry cmd_triage_entry;

/* cmd-rca.c */
extern const struct cmd_entry cmd_rca_entry;

/* cmd-action.c */
extern const struct cmd_entry cmd_action_entry;

/* cmd-message.c */
extern const struct cmd_entry cmd_message_entry;

/* cmd-close.c */
extern const struct cmd_entry cmd_close_entry;

/* cmd-token.c */
extern const struct cmd_entry cmd_token_entry;

/* cmd-audit.c */
extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_backup_entry;

/* cmd-whoami.c */
extern const struct cmd_entry cmd_whoami_entry;

/* cmd-summary.c */
extern const struct cmd_entry cmd_summary_entry;

/* cmd-export.c */
extern const struct cmd_entry cmd_export_entry;

/* summary-data.c: reading GET /v1/summary */
#define SUMMARY_DAY	11	/* "YYYY-MM-DD" and its NUL */
#define SUMMARY_LABEL	64	/* a code made readable */
struct summary_range {
	char	from[SUMMARY_DAY];
	char	to[SUMMARY_DAY];
};
#define CELL_SHOWN	0	/* a count aerd gave */
#define CELL_HIDDEN	1	/* suppressed: small, or hiding a small one */
#define CELL_NONE	2	/* not there, or cannot be worked out */
int	 summary_range(const struct cmd_entry *, const char *from,
	    const char *to, struct summary_range *);
int	 summary_range_for(struct aer_ctx *, const struct cmd_entry *,
	    const char *from, const char *to, struct summary_range *);
int	 summary_fetch(struct aer_ctx *, const struct summary_range *,
	    int unsuppressed, json_t **reply);
int	 summary_cell(json_t *cell, long long *count);
int	 summary_share(json_t *, double *);
long long summary_threshold(json_t *reply);
int	 summary_suppressed(json_t *reply);
const char *summary_label(json_t *row, char *buf, size_t len);
const char *summary_code_label(const char *code, char *buf, size_t len);
size_t	*summary_order(json_t *rows);
int	 summary_median_shown(json_t *months, double *median, size_t *shown);
int	 summary_month_median(json_t *reply, json_t *months, double *);
int	 summary_late(json_t *rca, json_t *reply, long long *late);
int	 summary_month_partial(const char *month, const char *from,
	    const char *to);
int	 summary_run_median(json_t *reply, json_t *months, double *);
json_t	*summary_near_miss_share(json_t *reply);
json_t	*summary_on_time_share(json_t *reply);
void	 summary_percent(double, char *, size_t);
void	 summary_days(double, char *, size_t);

/* summary-print.c */
int	 summary_print(json_t *reply);

/* html-page.c */
void	 html_text(FILE *, const char *);
void	 html_begin(FILE *, json_t *reply, const struct summary_range *);
void	 html_end(FILE *, json_t *reply, int footnote);

/* html-report.c */
int	 html_report(FILE *, json_t *reply, const struct summary_range *);

/* svg-chart.c: charts with the counts aerd gave and the hidden ones */
struct chart_bar {
	const char	*label;		/* from aerd, escaped on output */
	int		 kind;		/* CELL_SHOWN, CELL_HIDDEN, CELL_NONE */
	long long	 count;
	const char	*fill;		/* NULL for the default colour */
	long long	 at_least;	/* hidden: the least it is, or 0 */
	int		 partial;	/* a month the range has part of */
};
void	 svg_pareto(FILE *, int id, const struct chart_bar *, size_t,
	    int total_kind, long long total, long long threshold);
void	 svg_run(FILE *, int id, const struct chart_bar *, size_t,
	    int has_median, double median, long long threshold);
void	 svg_bars(FILE *, int id, const char *title, const char *axis,
	    const struct chart_bar *, size_t, long long threshold,
	    long long hidden_sum);

/* hint.c: pure */
size_t	 hint_distance(const char *, const char *);
const char *hint_nearest(const char *word, const char *const *words,
	    size_t n);
size_t	 hint_width(const char *, size_t n);
size_t	 hint_fit(const char *, size_t cols, int *cut);
size_t	 hint_share(const size_t *want, const size_t *least, size_t n,
	    size_t total, size_t *width);

/* case-codes.c: codes checked against aerd's taxonomy, errors in flags */
struct case_flag {			/* an API field and its flag */
	const char	*field;
	const char	*flag;
};
int	 codes_fetch(struct aer_ctx *, json_t **taxonomy);
int	 codes_check(json_t *taxonomy, const char *enumeration,
	    const char *flag, const char *value);
const char *codes_label(json_t *taxonomy, const char *enumeration,
	    const char *code);
int	 case_call(struct aer_ctx *, const char *method, const char *path,
	    json_t *body, const struct case_flag *flags, json_t **reply,
	    json_t **error);
int	 case_get(struct aer_ctx *, const char *id, json_t **kase,
	    char *path, size_t, const char *tail);

/* case-input.c */
#define CASE_PATH_MAX	128	/* a path with one id in it */
#define CASE_ID_MAX	36	/* a whole UUID */
#define CASE_ID_LEAST	4	/* the shortest prefix aerd takes */
int	 case_id_ok(const char *);
int	 case_path(char *, size_t, const char *base, const char *id,
	    const char *tail);
int	 case_day_ok(const char *);
int	 case_set_text(json_t *body, const char *member, const char *flag,
	    const char *value, size_t max);
int	 case_read_text(const char *arg, const char *question, size_t max,
	    char **out);

/* case-print.c */
#define CASE_SHORT_ID	8	/* characters of an id in tables */
const char *case_words_of(const char *code);
void	 case_print_moved(const char *before, json_t *kase);
const char *case_str(json_t *, const char *key);
const char *case_or(json_t *, const char *key, const char *dflt);
void	 case_print_short_id(json_t *, const char *key);
void	 case_print_cell(const char *, int width);
void	 case_print_block(const char *, int col, int indent);
void	 case_print_field(int indent, const char *label, const char *value);
void	 case_print_list(json_t *array, const char *sep);
void	 case_print_due(json_t *kase);
void	 case_print_rca(json_t *rca);
void	 case_print_actions(json_t *actions);
void	 case_print_messages(json_t *messages);
void	 case_print_earlier(json_t *reply);
int	 case_print_json(json_t *reply);

#endif /* AER_H */
