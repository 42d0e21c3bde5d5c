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
 * aerd's private interfaces, one block per source file.
 *
 * Data flows one way: listen.c and conn.c accept, server.c limits and
 * dispatches through routes.c, a route-*.c handler validates (validate.c,
 * taxonomy.c, receipt.c), asks workflow.c what the rules allow, and calls
 * store.c, which alone speaks SQL. The pure modules (validate, taxonomy,
 * receipt, workflow) hold no HTTP and no SQL and are tested alone.
 */
#ifndef AERD_H
#define AERD_H

#include <sys/types.h>
#include <stdarg.h>
#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "aer/limits.h"
#include "aer/protocol.h"

struct aerd;
struct req;
struct evhttp_request;
struct event_base;
struct evhttp;
struct sqlite3;

/* The Unix socket, the listen and the tls_listen addresses. */
#define CONFIG_MAX_LISTEN	7
#define CONFIG_MAX_TLS_LISTEN	8
#define MAX_LISTENERS	(1 + CONFIG_MAX_LISTEN + CONFIG_MAX_TLS_LISTEN)

/* An error a person can act on: what went wrong, and in which field. */

struct aer_error {
	int		 status;	/* HTTP status, 4xx or 5xx */
	const char	*code;		/* AER_ERR_* */
	const char	*field;		/* field name, or NULL */
	char		 message[256];
};

/* Roles, ordered: each may do what the ones before it may. */
enum role {
	ROLE_ANY = 0,		/* no identity needed */
	ROLE_RECEIPT,		/* a receipt in the Authorization header */
	ROLE_REPORTER,		/* any local user, TCP or TLS client */
	ROLE_COMMITTEE,
	ROLE_REVIEWER,
	ROLE_ADMIN
};

/* config.c: aerd.conf, "key = value" lines, '#' comments. */
#define CONFIG_MAX_GROUPS	16
#define CONFIG_MAX_NAMES	16
#define CONFIG_MAX_RELEASES	48
struct config {
	char		*socket_path;
	mode_t		 socket_mode;
	char		*db_path;
	char		*listen[CONFIG_MAX_LISTEN];
	int		 nlisten;
	char		*tls_listen[CONFIG_MAX_TLS_LISTEN];
	int		 ntls_listen;
	char		*tls_certificate;	/* PEM, the chain */
	char		*tls_key;		/* PEM, owner-only */
	char		*server_names[CONFIG_MAX_NAMES];	/* TLS Host */
	int		 nserver_names;
	char		*admin_groups[CONFIG_MAX_GROUPS];
	int		 nadmin_groups;
	char		*reviewer_groups[CONFIG_MAX_GROUPS];
	int		 nreviewer_groups;
	char		*committee_groups[CONFIG_MAX_GROUPS];
	int		 ncommittee_groups;
	int		 max_connections;
	int		 max_buffered;		/* MiB, all connections */
	int		 idle_timeout;		/* seconds */
	int		 triage_days;		/* due after receipt */
	int		 rca_start_hours;	/* due after triage */
	int		 rca_days;		/* due after triage */
	int		 feedback_months;	/* due after receipt */
	int		 escalation_interval;	/* seconds between checks */
	char		*notify_command;	/* argv split on spaces */
	int		 notify_timeout;	/* seconds */
	int		 suppression_threshold;	/* committee counts below it */
	int		 received_precision;	/* PRECISION_* */
	int		 export_deadline;	/* seconds an export or a
						 * backup may take */
	int		 case_messages_per_day;	/* either side's, on a case */
	int		 receipt_messages_per_day;	/* a reporter's */
	int		 release_times[CONFIG_MAX_RELEASES];	/* minutes after
						 * local midnight, ascending */
	int		 nrelease_times;
	char		 groups_where[3][128];	/* "file:line" of admin_,
						 * reviewer_, committee_groups */
};
enum { PRECISION_DAY, PRECISION_WEEK, PRECISION_MONTH };
void	config_defaults(struct config *);
int	config_parse(struct config *, const char *text, const char *file,
	    char *err, size_t errlen);
int	config_load(struct config *, const char *path, char *err,
	    size_t errlen);
void	config_free(struct config *);
int	config_mode(const char *, mode_t *);
void	config_add_error(char *err, size_t errlen, const char *one);

/* roles.c: the caller's role from its uid and groups. */
struct rolemap {
	gid_t	admin[CONFIG_MAX_GROUPS];
	int	nadmin;
	gid_t	reviewer[CONFIG_MAX_GROUPS];
	int	nreviewer;
	gid_t	committee[CONFIG_MAX_GROUPS];
	int	ncommittee;
};
int		 rolemap_build(struct rolemap *, const struct config *,
		    char *err, size_t errlen);
enum role	 role_for(const struct rolemap *, uid_t uid, gid_t gid,
		    const gid_t *groups, int ngroups);
const char	*role_name(enum role);
int		 role_parse(const char *, enum role *);

/* log.c */
void	log_init(int foreground, int verbose);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* error.c */
int	aer_error_status(const char *code);
void	aer_error_set(struct aer_error *, const char *code, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	utf8_trim(char *);

/* taxonomy.c */
struct taxonomy;
struct taxonomy	*taxonomy_new(void);
void		 taxonomy_free(struct taxonomy *);
/* taxonomy_add returns -1 for a code already present (nothing changes). */
int		 taxonomy_add(struct taxonomy *, const char *enumeration,
		    const char *code, const char *label, int order);
int		 taxonomy_has(const struct taxonomy *, const char *enumeration,
		    const char *code);
size_t		 taxonomy_count(const struct taxonomy *,
		    const char *enumeration);
json_t		*taxonomy_json(const struct taxonomy *);
const char	*taxonomy_label(const struct taxonomy *, const char *enumeration,
		    const char *code);
size_t		 taxonomy_codes(const struct taxonomy *, const char *enumeration,
		    const char **codes, size_t max);

/* summary.c: the committee's figures, small cells suppressed. */
struct cell {
	const char	*code;		/* borrowed */
	long long	 count;
	int		 suppressed;
};
void	 summary_suppress(struct cell *, size_t n, int threshold);
double	 summary_median(const long long *values, const long long *counts,
	    size_t n);
json_t	*summary_build(json_t *raw, const struct taxonomy *, const char *from,
	    const char *to, int threshold);

/* summary-months.c: the committee's figures, from month tables only. */
json_t	*summary_months(json_t *raw, const struct taxonomy *,
	    const char *from, const char *to, int threshold);

/* summary-places.c: the committee's locations, hidden ones unnamed. */
json_t	*summary_places_month(json_t *counts, int threshold);
json_t	*summary_places(json_t *months);

/* summary-rows.c: the committee's export, its summary's cells as rows. */
char	*summary_rows(json_t *summary, int as_csv, size_t *len);

/* validate.c */
struct report_in {
	const char	*event_type;
	const char	*category;
	const char	*harm;			/* NULL when absent */
	const char	*merp_category;		/* NULL when absent */
	const char	*occurred_at;
	const char	*location;		/* NULL when absent */
	const char	*description;
	const char	*immediate_actions;	/* NULL when absent */
	const char	*reporter_role;		/* NULL when absent */
	const char	*factors[AER_MAX_FACTORS];
	size_t		 nfactors;
	int		 urgent;	/* released alone, at once */
};
int	validate_report(json_t *, const struct taxonomy *, time_t now,
	    struct report_in *, struct aer_error *);
int	validate_occurred(const char *, time_t now, const char *field,
	    struct aer_error *);
int	validate_text(const char *, size_t max, int multiline,
	    const char *field, struct aer_error *);
enum body_type { BODY_STRING, BODY_BOOL, BODY_DAY, BODY_ARRAY };
struct body_field {
	const char	*name;
	enum body_type	 type;
	int		 required;
	const char	*enumeration;	/* a string's taxonomy, or NULL */
	size_t		 max;		/* bytes of a string, entries of a list */
	int		 multiline;
};
int		 validate_body(json_t *, const struct body_field *, size_t n,
		    const struct taxonomy *, struct aer_error *);
const char	*body_string(json_t *, const char *name);

/* utf8.c */
const char	*utf8_bad_member(const char *data, size_t len);
int		 utf8_valid(const char *, size_t);

/* bodies.c: the fields of each workflow request body */
struct body_spec {
	const struct body_field	*fields;
	size_t			 n;
};
extern const struct body_spec	body_triage, body_rca, body_rca_timeline,
				body_rca_cause, body_action_add,
				body_action_patch, body_message, body_close;

/* receipt.c */
#define RECEIPT_HASH_LEN	32
int	receipt_generate(char text[AER_RECEIPT_TEXT_LEN + 1]);
void	receipt_encode(const unsigned char bits[13],
	    char text[AER_RECEIPT_TEXT_LEN + 1]);
int	receipt_normalize(const char *in, char canon[AER_RECEIPT_CHARS + 1]);
int	receipt_hash(const char *in, unsigned char hash[RECEIPT_HASH_LEN]);
#define TOKEN_LEN	36	/* "aer_" and 32 Crockford digits */
int	token_generate(char text[TOKEN_LEN + 1]);
int	random_shuffle(char **, size_t);
int	sha256_text(const char *, unsigned char hash[RECEIPT_HASH_LEN]);

/* dates.c: days are "YYYY-MM-DD" in local time, times UTC ISO 8601. */
#define DAY_LEN		11	/* "YYYY-MM-DD" and NUL */
#define TIME_LEN	21	/* "YYYY-MM-DDTHH:MM:SSZ" and NUL */
int	day_parse(const char *, int *y, int *m, int *d);
int	occurred_parse(const char *, struct tm *);
int	day_add_days(const char *day, int n, char out[DAY_LEN]);
int	day_add_months(const char *day, int n, char out[DAY_LEN]);
int	day_diff(const char *from, const char *to, int *days);
void	day_of(time_t, char out[DAY_LEN]);
void	day_coarsen(char day[DAY_LEN], int precision);
void	time_of(time_t, char out[TIME_LEN]);
time_t	release_next(time_t now, const int *minutes, int n);
#define RELEASE_TEXT_LEN	17	/* local "YYYY-MM-DDTHH:MM" and NUL */
void	release_text(time_t, char out[RELEASE_TEXT_LEN]);

#include "workflow.h"

/* audit.c: each entry's SHA-256 covers the one before it. */
#define AUDIT_HASH_LEN	32

/* What a walk of the audit chain found (store_audit_verify). */
struct audit_check {
	long long	 entries;
	long long	 bad_seq;	/* the first broken entry, or 0 */
	const char	*problem;	/* removed, altered, reordered */
	long long	 head_seq;	/* the last entry, 0 if none */
	unsigned char	 head[AUDIT_HASH_LEN];
	long long	 at_seq;	/* asked for: the hash of this entry */
	int		 at_found;
	unsigned char	 at[AUDIT_HASH_LEN];
};
struct audit_entry {
	long long	 seq;
	const char	*report_id;	/* NULL for entries about no case */
	const char	*at;
	const char	*role;
	const char	*actor;		/* NULL for reporters */
	const char	*change;	/* JSON text */
};
int	audit_hash(const unsigned char prev[AUDIT_HASH_LEN],
	    const struct audit_entry *, unsigned char out[AUDIT_HASH_LEN]);

/* migrate.c */
struct sql_migration;
int	migrate_version(struct sqlite3 *, int *version, char *err,
	    size_t errlen);
int	migrate_check(struct sqlite3 *, const struct sql_migration *,
	    int count, char *err, size_t errlen);
int	migrate(struct sqlite3 *, const struct sql_migration *, int count,
	    char *err, size_t errlen);

#include "store.h"

/* filing.c: group commit of filed reports. */
struct filer;
struct filer	*filing_new(struct aerd *);
void		 filing_free(struct filer *);
int		 filing_add(struct filer *, struct req *, const struct filing *,
		    const struct report_in *, json_t *reply);

/* notify.c */
struct notifier;
struct notifier	*notify_new(struct event_base *, const struct config *);
void		 notify_free(struct notifier *);
int		 notify_send(struct notifier *, json_t *event);

/* escalate.c */
struct escalator;
struct escalator	*escalate_new(struct aerd *, int interval);
void			 escalate_free(struct escalator *);
int			 escalate_run(struct escalator *);
void			 escalate_set_interval(struct escalator *, int);

/* csv.c: lines appended to a buffer the caller keeps and frees. */
struct csv {
	char	*s;
	size_t	 len, cap;
	int	 failed;	/* out of memory: s holds less than asked */
};
int	csv_formula(const char *);
void	csv_bytes(struct csv *, const char *, size_t);
void	csv_text(struct csv *, const char *);
void	csv_header(struct csv *, const char *const *names, size_t n);
void	csv_row(struct csv *, const struct export_value *, size_t n);

/* export-head.c: the CSV's header line, of names or labels. */
#define EXPORT_HEAD_MAX	64	/* columns, at most */
const char *export_label(const char *name);
void	export_head(struct csv *, const char *const *names, size_t n,
	    int use_labels, int bom);
int	export_rehead(struct csv *, const char *text, size_t len,
	    int use_labels, int bom);

/* ratelimit.c */
int	ratelimit_wait(unsigned long long key, time_t now);
void	ratelimit_charge(unsigned long long key, time_t now);

/* release.c: the inbox released at the times in release_times. */
struct releaser;
struct releaser	*release_new(struct aerd *);
void		 release_free(struct releaser *);
void		 release_check(struct releaser *);
time_t		 release_upcoming(const struct releaser *);

/* service.c */
int	service_listen_fds(int fds[], int max);
void	service_notify(const char *state);
int	service_watchdog(struct event_base *);
void	service_free(void);

/* listen.c */
int	listen_unix(const char *path, mode_t mode, char *err, size_t errlen);
/* any: any address (tls_listen); otherwise loopback only (listen). */
int	listen_check(const char *hostport, int any, char *err, size_t errlen);
int	listen_tcp(const char *hostport, int any, char *err, size_t errlen);

/* tls.c: the TLS listeners' certificate, key and settings. */
struct tls;
struct bufferevent;
struct tls		*tls_new(const char *cert, const char *key, char *err,
			    size_t errlen);
int			 tls_reload(struct tls *, const char *cert,
			    const char *key, char *err, size_t errlen);
struct bufferevent	*tls_bufferevent(struct tls *, struct event_base *);
void			 tls_free(struct tls *);

/* conn.c: each connection, from its accept to its close. */
struct conns;
struct conn;
struct evhttp_bound_socket;
struct evhttp_connection;
enum transport { TRANSPORT_UNKNOWN, TRANSPORT_UNIX, TRANSPORT_TCP,
    TRANSPORT_TLS };
/* Who is at the other end, as the kernel said at the accept. */
struct peer {
	enum transport	 transport;
	int		 error;		/* errno, if it could not be told */
	int		 local;		/* a Unix caller's uid and gid known */
	uid_t		 uid;
	gid_t		 gid;
	gid_t		*groups;
	int		 ngroups;
	unsigned long long addr_key;	/* TLS: the address, hashed, for
					 * the rate limit; never the address */
};
struct conns	*conns_new(struct event_base *, struct evhttp *, int max);
void		 conns_set_tls(struct conns *, struct evhttp *, struct tls *);
void		 conns_free(struct conns *);
int		 conns_add_bound(struct conns *, struct evhttp_bound_socket *);
void		 conns_clear_bound(struct conns *);
void		 conns_set_deadline(struct conns *, int seconds);
void		 conns_set_budget(struct conns *, size_t bytes);
int		 conns_live(struct conns *);
struct conn	*conns_find(struct conns *, struct evhttp_connection *);
unsigned int	 conn_touch(struct conn *);
int		 conn_drain_once(struct conn *);
void		 conn_hold(struct conn *);
void		 conn_release(struct conn *);
void		 conn_on_close(struct conn *, void (*)(void *), void *);
const struct peer *conn_peer(const struct conn *);

/* server.c */

struct aerd {
	struct event_base	*base;
	struct evhttp		*http;
	struct evhttp		*https;		/* tls_listen, if any */
	struct tls		*tls;
	struct conns		*conns;
	struct streams		*streams;
	struct store		*store;
	struct taxonomy		*taxonomy;
	const struct config	*config;
	struct rolemap		 roles;
	struct notifier		*notifier;
	struct escalator	*escalator;
	struct filer		*filer;
	struct releaser		*releaser;
	time_t			(*now)(void);
	struct integrity	*integrity;	/* the check after an unclean
						 * stop; NULL after a clean one */
	int			 nlisteners;
	int			 stopping;
	int			 damaged;	/* it failed: everything is 503 */
};

/* integrity.c */
struct integrity	*integrity_start(struct aerd *, const char *hold);
int			 integrity_passed(const struct integrity *);
void			 integrity_free(struct integrity *);


#define REQ_MAX_PARAMS	2
#define REQ_MAX_PARAM	64
struct req {
	struct aerd		*d;
	struct evhttp_request	*ev;
	struct conn		*conn;		/* NULL outside the server */
	enum role		 role;		/* ROLE_ANY until identified */
	char			 name[64];	/* reviewers and up only */
	unsigned long long	 caller;	/* reviewers and up only: who, for
						 * the limits per caller (a uid, or
						 * the token's hash); in memory only */
	char			 params[REQ_MAX_PARAMS][REQ_MAX_PARAM];
};

int		 server_init(struct aerd *, int max_conns, int timeout_secs);
void		 server_free(struct aerd *);
int		 server_listen_fd(struct aerd *, int fd, int tls);
void		 server_set_timeout(struct aerd *, int timeout_secs);
void		 server_set_budget(struct aerd *, int mib);
void		 server_stop_listening(struct aerd *);

/* identity.c */
unsigned long long	 req_peer_key(struct req *);
int		 req_identify(struct req *);
int		 req_check_host(struct req *);
int		 host_is_local(const char *);
int		 host_is_named(const char *, char *const *names, int n);

/* request.c: what a request carries. */
const char	*req_header(struct req *, const char *);
int		 req_json_body(struct req *, json_t **);

/* reply.c */
void		 reply_json(struct req *, int status, json_t *);
void		 reply_error(struct req *, const char *code, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void		 reply_aer_error(struct req *, const struct aer_error *);

/* stream.c: a reply sent in chunks, each once the one before has gone. */
struct evbuffer;
struct stream;
struct stream_kind {
	const char	*name;		/* for the log */
	int		 max;		/* running at once, of every caller's;
					 * each caller may run one */
	int		 priority;	/* of each chunk's event; -1 default */
};
struct stream_ops {
	/* The next chunk onto buf: 1 if more follows, 0 at the end, -1
	 * when it cannot go on (the reply is cut short). */
	int	(*next)(void *arg, struct evbuffer *buf);
	/* The stream is over, however it ended: free arg. */
	void	(*free)(void *arg);
};
struct streams	*streams_new(void);
void		 streams_free(struct streams *);
int		 stream_refused(struct req *, const struct stream_kind *);
struct stream	*stream_new(struct req *, const struct stream_kind *,
		    const struct stream_ops *, void *arg);
void		 stream_start(struct stream *, const char *content_type);
void		 stream_fail(struct stream *, const char *code,
		    const char *message);

/* export-batch.c: a stream's next rows of an export, in any format. */
int		 export_batch(struct export_cursor *, int batch, int (*)(void *,
		    const struct export_value *, struct evbuffer *), void *,
		    struct evbuffer *);

/* fhir-export.c: the FHIR export, a Bundle streamed. */
void		 fhir_export(struct req *, const struct stream_kind *,
		    const char *from, const char *to, int narrative);

/* query.c */
int	range_query(struct req *, char from[DAY_LEN], char to[DAY_LEN],
	    const char *const *flags, const char **values);
int	range_closed_months(struct req *, const char *from, const char *to);
int	page_query(struct req *, struct msg_page *);

/* case.c: shared by the routes on a case. */
int	 case_id(struct req *, enum resolve_kind, const char *prefix,
	    char id[ID_LEN]);
void	 case_today(struct req *, char day[DAY_LEN]);
void	 case_deadlines(struct req *, struct deadlines *);
int	 case_facts(struct req *, const char *id, char today[DAY_LEN],
	    struct case_facts *);
json_t	*case_load(struct req *, const char *id, const struct msg_page *);
void	 case_reply(struct req *, int status, const char *id, json_t *extra);
void	 case_who(struct req *, char at[TIME_LEN], struct who *);
char	*case_change(json_t *);
void	 case_failed(struct req *, int rc);
json_t	*case_body(struct req *, const struct body_field *, size_t n);
int	 message_limited(struct req *, const char *id, const char *today,
	    int reporter);

/* routes.c */
struct route {
	int		 method;	/* enum evhttp_cmd_type */
	const char	*path;		/* e.g. AER_PATH_REPORTS AER_PARAM_ID */
	enum role	 role;
	void		(*handle)(struct req *);
};
const struct route	*route_match(int method, const char *path,
			    char params[][REQ_MAX_PARAM], int *path_found,
			    char *allow, size_t allowlen);

/* route-health.c */
extern const struct route route_health_get;
/* route-taxonomy.c */
extern const struct route route_taxonomy_get;
/* route-reports.c */
extern const struct route route_reports_post;
/* route-followup.c */
extern const struct route route_followup_get;
extern const struct route route_followup_messages_post;
/* route-whoami.c */
extern const struct route route_whoami_get;
/* route-queue.c */
extern const struct route route_queue_get;
/* route-case.c */
extern const struct route route_case_get;
/* route-triage.c */
extern const struct route route_triage_post;
/* route-rca.c */
extern const struct route route_rca_put;
/* route-actions.c */
extern const struct route route_actions_post;
extern const struct route route_actions_patch;
/* route-messages.c */
extern const struct route route_messages_post;
/* route-close.c */
extern const struct route route_close_post;
/* route-tokens.c */
extern const struct route route_tokens_post;
extern const struct route route_tokens_get;
extern const struct route route_tokens_delete;
/* route-audit.c */
extern const struct route route_audit_verify_get;
/* route-summary.c */
extern const struct route route_summary_get;
json_t	*summary_for(struct req *, const char *from, const char *to,
	    int threshold);
/* route-export.c */
extern const struct route route_export_get;
/* route-backup.c */
extern const struct route route_backup_get;

#endif /* AERD_H */
