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

struct evhttp_request;
struct event_base;
struct evhttp;
struct sqlite3;

/* An error a person can act on: what went wrong, and in which field. */
struct aer_error {
	int		 status;	/* HTTP status, 4xx or 5xx */
	const char	*code;		/* AER_ERR_* */
	const char	*field;		/* field name, or NULL */
	char		 message[256];
};

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
void	aer_error_set(struct aer_error *, int status, const char *code,
	    const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

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
};
int	validate_report(json_t *, const struct taxonomy *, time_t now,
	    struct report_in *, struct aer_error *);
int	validate_occurred(const char *, time_t now, const char *field,
	    struct aer_error *);
int	validate_text(const char *, size_t max, int multiline,
	    const char *field, struct aer_error *);

/* receipt.c */
#define RECEIPT_HASH_LEN	32
int	receipt_generate(char text[AER_RECEIPT_TEXT_LEN + 1]);
void	receipt_encode(const unsigned char bits[13],
	    char text[AER_RECEIPT_TEXT_LEN + 1]);
int	receipt_normalize(const char *in, char canon[AER_RECEIPT_CHARS + 1]);
int	receipt_hash(const char *in, unsigned char hash[RECEIPT_HASH_LEN]);

/* workflow.c */
const char	*workflow_reporter_status(const char *state);

/* migrate.c */
struct sql_migration;
int	migrate_version(struct sqlite3 *, int *version, char *err,
	    size_t errlen);
int	migrate_check(struct sqlite3 *, const struct sql_migration *,
	    int count, char *err, size_t errlen);
int	migrate(struct sqlite3 *, const struct sql_migration *, int count,
	    char *err, size_t errlen);

/* store.c */
struct store;
int	store_open(const char *path, struct store **, char *err,
	    size_t errlen);
void	store_close(struct store *);
int	store_load_taxonomy(struct store *, struct taxonomy *, char *err,
	    size_t errlen);
int	store_insert_report(struct store *, const char *id,
	    const unsigned char hash[RECEIPT_HASH_LEN], const char *received,
	    const struct report_in *, char *err, size_t errlen);
int	store_followup(struct store *, const unsigned char hash[RECEIPT_HASH_LEN],
	    json_t **, char *err, size_t errlen);

/* listen.c */
int	listen_unix(const char *path, mode_t mode, char *err, size_t errlen);
int	listen_tcp(const char *hostport, char *err, size_t errlen);

/* conn.c */
struct conns;
struct evhttp_bound_socket;
struct conns	*conns_new(struct event_base *, struct evhttp *, int max);
void		 conns_free(struct conns *);
int		 conns_add_bound(struct conns *, struct evhttp_bound_socket *);
void		 conns_clear_bound(struct conns *);
int		 conns_live(struct conns *);

/* server.c */
enum role {
	ROLE_ANY = 0,		/* no identity needed */
	ROLE_RECEIPT,		/* a receipt in the Authorization header */
	ROLE_REPORTER,		/* any local user or TCP client */
	ROLE_REVIEWER,
	ROLE_COMMITTEE,
	ROLE_ADMIN
};

struct aerd {
	struct event_base	*base;
	struct evhttp		*http;
	struct conns		*conns;
	struct store		*store;
	struct taxonomy		*taxonomy;
	time_t			(*now)(void);
	int			 nlisteners;
	int			 stopping;
};
#define MAX_LISTENERS	8

#define REQ_MAX_PARAMS	2
#define REQ_MAX_PARAM	64
struct req {
	struct aerd		*d;
	struct evhttp_request	*ev;
	enum role		 role;
	char			 params[REQ_MAX_PARAMS][REQ_MAX_PARAM];
};

int		 server_init(struct aerd *, int max_conns, int timeout_secs);
void		 server_free(struct aerd *);
int		 server_listen_fd(struct aerd *, int fd);
void		 server_stop_listening(struct aerd *);
const char	*req_header(struct req *, const char *);
int		 req_json_body(struct req *, json_t **);
void		 reply_json(struct req *, int status, json_t *);
void		 reply_error(struct req *, int status, const char *code,
		    const char *field, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));
void		 reply_aer_error(struct req *, const struct aer_error *);
void		 today(time_t, char day[11]);

/* routes.c */
struct route {
	int		 method;	/* enum evhttp_cmd_type */
	const char	*path;		/* "/v1/reports/{id}" */
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

#endif /* AERD_H */
