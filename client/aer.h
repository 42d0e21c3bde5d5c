/*
 * aer's private interfaces, one block per source file.
 *
 * aer.c parses the global flags, finds where aerd listens and runs one
 * command from its table; each cmd-*.c is one command. http.c is the only
 * file that speaks HTTP, prompt.c the only one that asks questions.
 */
#ifndef AER_H
#define AER_H

#include <stddef.h>
#include <stdio.h>

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

/* Taxonomy codes whose meaning the report rules depend on. */
#define AER_CODE_INCIDENT	"incident"
#define AER_CODE_MEDICATION	"medication"

/* Spell a plain numeric macro as a string, for help texts. */
#define AER_STR_(x)		#x
#define AER_STR(x)		AER_STR_(x)

/* What a command needs to know about the invocation. */
struct aer_ctx {
	char		*url;		/* base URL over TCP, or NULL */
	char		*socket;	/* Unix socket path when url is NULL */
	int		 json;		/* print aerd's JSON replies */
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* arguments, after "aer NAME" */
	const char	*summary;	/* one line for aer --help */
	const char	*help;		/* the flags, one per line */
	int		(*exec)(struct aer_ctx *, int, char **);
};

/* aer.c */
const char	*aer_where(const struct aer_ctx *);
void		 aer_cmd_help(const struct cmd_entry *, FILE *);
int		 aer_cmd_usage(const struct cmd_entry *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 aer_cmd_getopt_error(const struct cmd_entry *, int, char **);
void		 aer_warnx(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 aer_warn(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 aer_print_text(FILE *, const char *);
void		 aer_print_json(FILE *, json_t *);
int		 aer_flush_stdout(const char *);
void		 aer_wipe(void *, size_t);
char		*aer_trim(char *);

/* http.c */
int	http_request(struct aer_ctx *, const char *method, const char *path,
	    json_t *body, const char *receipt, json_t **reply, long *status);
int	http_error(struct aer_ctx *, json_t *reply, long status);
int	http_call(struct aer_ctx *, const char *method, const char *path,
	    json_t *body, const char *receipt, json_t **reply);

/* prompt.c */
#define PROMPT_OK	0
#define PROMPT_SKIP	1	/* an optional question left empty */
#define PROMPT_EOF	(-1)	/* end of input or a read error */
#define PROMPT_TOO_LONG	2	/* read_line, prompt_hidden: over the limit */
int	prompt_line(const char *, size_t max, char **);
int	prompt_hidden(const char *, size_t max, char **);
int	prompt_text(const char *, size_t max, char **);
int	prompt_choose(const char *, json_t *list, int optional,
	    const char **code);
int	prompt_choose_many(const char *, json_t *list, size_t max,
	    json_t *codes);
int	prompt_yesno(const char *, int dflt);
int	read_line(FILE *, size_t max, char **);
const char *taxonomy_label(json_t *list, const char *code);

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

/* report-form.c */
int	report_form(json_t *taxonomy, json_t *body);

/* cmd-status.c */
extern const struct cmd_entry cmd_status_entry;

#endif /* AER_H */
