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
 * config.c: aerd.conf, "key = value" lines, '#' comment lines; every
 * error names the file and the line.
 */
#include "config.h"

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define OFF(m)		offsetof(struct config, m)
#define FILE_NAME	"test.conf"

static struct config	cfg, cfg2;
static char		err[512];
static char		tmp_path[64];

static void
setup_config(void)
{
	config_defaults(&cfg);
	config_defaults(&cfg2);
	memset(err, 0, sizeof(err));
}

static void
teardown_config(void)
{
	config_free(&cfg);
	config_free(&cfg2);
}

static void
setup_file(void)
{
	int	fd;

	setup_config();
	strcpy(tmp_path, "/tmp/check_config.XXXXXX");
	fd = mkstemp(tmp_path);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void
teardown_file(void)
{
	unlink(tmp_path);
	teardown_config();
}

static void
write_file(const char *text)
{
	FILE	*fp;

	fp = fopen(tmp_path, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), fp), strlen(text));
	ck_assert_int_eq(fclose(fp), 0);
}

static void
parse_ok(struct config *c, const char *text)
{
	ck_assert_msg(config_parse(c, text, FILE_NAME, err, sizeof(err)) == 0,
	    "refused: %s\n--\n%s", err, text);
}

/* words: alternatives separated by '|', any one of them will do. */
static void
assert_err(const char *file, int line, const char *words, const char *text)
{
	char	prefix[128], word[64];
	size_t	n;
	int	found = 0;

	ck_assert_msg(memchr(err, '\0', sizeof(err)) != NULL, "err not ended");
	snprintf(prefix, sizeof(prefix), "%s:%d:", file, line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
	    "\"%s\" does not start with \"%s\"\n--\n%s", err, prefix, text);
	while (*words != '\0' && !found) {
		n = strcspn(words, "|");
		ck_assert_uint_lt(n, sizeof(word));
		memcpy(word, words, n);
		word[n] = '\0';
		found = strcasestr(err + strlen(prefix), word) != NULL;
		words += n + (words[n] == '|');
	}
	ck_assert_msg(found, "\"%s\" names none of the expected words", err);
}

static void
parse_err(const char *text, int line, const char *words)
{
	ck_assert_msg(config_parse(&cfg, text, FILE_NAME, err, sizeof(err)) ==
	    -1, "accepted:\n%s", text);
	assert_err(FILE_NAME, line, words, text);
}

/* --- defaults --- */

static void
assert_defaults(const struct config *c)
{
	ck_assert_ptr_null(c->socket_path);
	ck_assert_uint_eq(c->socket_mode, 0666);
	ck_assert_ptr_null(c->db_path);
	ck_assert_int_eq(c->nlisten, 0);
	ck_assert_int_eq(c->nadmin_groups, 0);
	ck_assert_int_eq(c->nreviewer_groups, 0);
	ck_assert_int_eq(c->ncommittee_groups, 0);
	ck_assert_int_eq(c->max_connections, 4096);
	ck_assert_int_eq(c->max_buffered, 16);
	ck_assert_int_eq(c->idle_timeout, 30);
	ck_assert_int_eq(c->triage_days, 7);
	ck_assert_int_eq(c->rca_start_hours, 72);
	ck_assert_int_eq(c->rca_days, 45);
	ck_assert_int_eq(c->feedback_months, 3);
	ck_assert_int_eq(c->escalation_interval, 60);
	ck_assert_ptr_null(c->notify_command);
	ck_assert_int_eq(c->notify_timeout, 10);
	ck_assert_int_eq(c->nrelease_times, 1);
	ck_assert_int_eq(c->release_times[0], 0);
}

START_TEST(test_defaults)
{
	struct config	c;

	/* Every field is set, whatever was there before. */
	memset(&c, 0x5a, sizeof(c));
	config_defaults(&c);
	assert_defaults(&c);
}
END_TEST

START_TEST(test_empty_text)
{
	parse_ok(&cfg, "");
	assert_defaults(&cfg);
	parse_ok(&cfg2, "# only a comment\n\n   \n\t# another\n");
	assert_defaults(&cfg2);
}
END_TEST

/* --- a whole file --- */

#define FULL \
	"# aerd.conf\n" \
	"\n" \
	"socket = /run/aer/aerd.sock\n" \
	"socket_mode = 0660\n" \
	"database = /var/lib/aer/aer.db\n" \
	"listen = 127.0.0.1:8080\n" \
	"listen = [::1]:8080\n" \
	"admin_groups = wheel\n" \
	"reviewer_groups = patient-safety, quality.team\n" \
	"committee_groups = committee_2026,board\n" \
	"max_connections = 512\n" \
	"idle_timeout = 15\n" \
	"triage_days = 5\n" \
	"rca_start_hours = 48\n" \
	"rca_days = 30\n" \
	"feedback_months = 2\n" \
	"escalation_interval = 300\n" \
	"notify_command = /usr/local/bin/aer-page --to=ops  --quiet\n" \
	"notify_timeout = 20\n"

static void
assert_full(const struct config *c)
{
	ck_assert_str_eq(c->socket_path, "/run/aer/aerd.sock");
	ck_assert_uint_eq(c->socket_mode, 0660);
	ck_assert_str_eq(c->db_path, "/var/lib/aer/aer.db");
	ck_assert_int_eq(c->nlisten, 2);
	ck_assert_str_eq(c->listen[0], "127.0.0.1:8080");
	ck_assert_str_eq(c->listen[1], "[::1]:8080");
	ck_assert_int_eq(c->nadmin_groups, 1);
	ck_assert_str_eq(c->admin_groups[0], "wheel");
	ck_assert_int_eq(c->nreviewer_groups, 2);
	ck_assert_str_eq(c->reviewer_groups[0], "patient-safety");
	ck_assert_str_eq(c->reviewer_groups[1], "quality.team");
	ck_assert_int_eq(c->ncommittee_groups, 2);
	ck_assert_str_eq(c->committee_groups[0], "committee_2026");
	ck_assert_str_eq(c->committee_groups[1], "board");
	ck_assert_int_eq(c->max_connections, 512);
	ck_assert_int_eq(c->idle_timeout, 15);
	ck_assert_int_eq(c->triage_days, 5);
	ck_assert_int_eq(c->rca_start_hours, 48);
	ck_assert_int_eq(c->rca_days, 30);
	ck_assert_int_eq(c->feedback_months, 2);
	ck_assert_int_eq(c->escalation_interval, 300);
	ck_assert_str_eq(c->notify_command,
	    "/usr/local/bin/aer-page --to=ops  --quiet");
	ck_assert_int_eq(c->notify_timeout, 20);
}

START_TEST(test_full)
{
	parse_ok(&cfg, FULL);
	assert_full(&cfg);
}
END_TEST

/* The same file with "\r\n" line ends, and without the last newline. */
START_TEST(test_crlf)
{
	const char	*p;
	char		*crlf, *q;

	crlf = malloc(2 * sizeof(FULL));
	ck_assert_ptr_nonnull(crlf);
	for (p = FULL, q = crlf; *p != '\0'; p++) {
		if (*p == '\n')
			*q++ = '\r';
		*q++ = *p;
	}
	*q = '\0';
	parse_ok(&cfg, crlf);
	assert_full(&cfg);
	free(crlf);

	parse_ok(&cfg2, "database = /var/lib/aer/aer.db");
	ck_assert_str_eq(cfg2.db_path, "/var/lib/aer/aer.db");
}
END_TEST

START_TEST(test_whitespace_and_comments)
{
	parse_ok(&cfg,
	    "   # an indented comment\n"
	    "\t#database = /not/this\n"
	    "\t database \t=\t /var/lib/aer/aer.db \t \n"
	    "socket=/run/aer#1/aerd.sock # not a comment\n"
	    "admin_groups =  wheel ,staff.a-b_c,  X9 \n"
	    "notify_command =   /usr/bin/logger -t aer  \"overdue #1\"  \n"
	    "  listen=127.0.0.1:8080\n");
	ck_assert_str_eq(cfg.db_path, "/var/lib/aer/aer.db");
	ck_assert_str_eq(cfg.socket_path,
	    "/run/aer#1/aerd.sock # not a comment");
	ck_assert_int_eq(cfg.nadmin_groups, 3);
	ck_assert_str_eq(cfg.admin_groups[0], "wheel");
	ck_assert_str_eq(cfg.admin_groups[1], "staff.a-b_c");
	ck_assert_str_eq(cfg.admin_groups[2], "X9");
	ck_assert_str_eq(cfg.notify_command,
	    "/usr/bin/logger -t aer  \"overdue #1\"");
	ck_assert_int_eq(cfg.nlisten, 1);
	ck_assert_str_eq(cfg.listen[0], "127.0.0.1:8080");
	/* What the file does not set keeps its default. */
	ck_assert_int_eq(cfg.max_connections, 4096);
	ck_assert_uint_eq(cfg.socket_mode, 0666);
}
END_TEST

START_TEST(test_socket_mode)
{
	static const struct {
		const char	*text;
		mode_t		 mode;
	} modes[] = {
		{ "socket_mode = 0660", 0660 },
		{ "socket_mode = 0600", 0600 },
		{ "socket_mode = 0777", 0777 },
		{ "socket_mode = 0", 0 },
		{ "socket_mode = 0007", 07 },
	};
	struct config	c;
	int		i;

	for (i = 0; i < NELEM(modes); i++) {
		config_defaults(&c);
		parse_ok(&c, modes[i].text);
		ck_assert_msg(c.socket_mode == modes[i].mode, "%s: got %o",
		    modes[i].text, (unsigned)c.socket_mode);
		config_free(&c);
	}
}
END_TEST

/* The most of everything that may repeat. */
START_TEST(test_limits_reached)
{
	char	text[2048], *p = text;
	int	i;

	for (i = 0; i < CONFIG_MAX_LISTEN; i++)
		p += sprintf(p, "listen = 127.0.0.1:%d\n", 8000 + i);
	p += sprintf(p, "reviewer_groups = ");
	for (i = 0; i < CONFIG_MAX_GROUPS; i++)
		p += sprintf(p, "%sg%d", i ? "," : "", i);
	p += sprintf(p, "\n");
	ck_assert_uint_lt((size_t)(p - text), sizeof(text));
	parse_ok(&cfg, text);
	ck_assert_int_eq(cfg.nlisten, CONFIG_MAX_LISTEN);
	ck_assert_str_eq(cfg.listen[0], "127.0.0.1:8000");
	ck_assert_str_eq(cfg.listen[CONFIG_MAX_LISTEN - 1], "127.0.0.1:8006");
	ck_assert_int_eq(cfg.nreviewer_groups, CONFIG_MAX_GROUPS);
	ck_assert_str_eq(cfg.reviewer_groups[0], "g0");
	ck_assert_str_eq(cfg.reviewer_groups[CONFIG_MAX_GROUPS - 1], "g15");
}
END_TEST

/* --- numbers --- */

static const struct {
	const char	*key;
	size_t		 off;
	int		 min, max;
} numbers[] = {
	{ "max_connections", OFF(max_connections), 1, 65536 },
	{ "max_buffered", OFF(max_buffered), 1, 4096 },
	{ "idle_timeout", OFF(idle_timeout), 1, 3600 },
	{ "triage_days", OFF(triage_days), 1, 365 },
	{ "rca_start_hours", OFF(rca_start_hours), 1, 8760 },
	{ "rca_days", OFF(rca_days), 1, 3650 },
	{ "feedback_months", OFF(feedback_months), 1, 120 },
	{ "escalation_interval", OFF(escalation_interval), 1, 86400 },
	{ "notify_timeout", OFF(notify_timeout), 1, 3600 },
};

static int
number_of(const struct config *c, size_t off)
{
	int	v;

	memcpy(&v, (const char *)c + off, sizeof(v));
	return v;
}

START_TEST(test_number_bounds)
{
	char	text[128];

	snprintf(text, sizeof(text), "%s = %d\n", numbers[_i].key,
	    numbers[_i].min);
	parse_ok(&cfg, text);
	ck_assert_int_eq(number_of(&cfg, numbers[_i].off), numbers[_i].min);

	snprintf(text, sizeof(text), "# max\n  %s=%d  \n", numbers[_i].key,
	    numbers[_i].max);
	parse_ok(&cfg2, text);
	ck_assert_int_eq(number_of(&cfg2, numbers[_i].off), numbers[_i].max);
}
END_TEST

START_TEST(test_number_refused)
{
	static const char *const bad[] = {
		"below", "above", "abc", "12abc", "-1", "99999999999999999999",
		"1.5", "12 34", "4294967297", "0x10",
	};
	char		text[128], value[32];
	struct config	c;
	int		i;

	for (i = 0; i < NELEM(bad); i++) {
		/* The first two are one below and one above the range. */
		if (i < 2)
			snprintf(value, sizeof(value), "%d", i == 0 ?
			    numbers[_i].min - 1 : numbers[_i].max + 1);
		else
			snprintf(value, sizeof(value), "%s", bad[i]);
		snprintf(text, sizeof(text), "%s = %s\n", numbers[_i].key,
		    value);
		config_defaults(&c);
		ck_assert_msg(config_parse(&c, text, FILE_NAME, err,
		    sizeof(err)) == -1, "accepted: %s", text);
		config_free(&c);
		assert_err(FILE_NAME, 1, numbers[_i].key, text);
	}
}
END_TEST

/* --- errors --- */

static const struct {
	const char	*text;
	int		 line;
	const char	*words;
} errors[] = {
	{ "bogus_key = 1\n", 1, "bogus_key" },
	{ "# c\n\nsocket = /run/aer/aerd.sock\nbogus_key = 1\n", 4,
	    "bogus_key" },
	{ "socket = /x\r\n\r\nSocket = /y\r\n", 3, "Socket" },
	{ "socket = /x\nbogus_key = 1", 2, "bogus_key" },
	{ "  socket /run/aer/aerd.sock\n", 1, "=|missing|expected" },
	{ "socket = /x\ndatabase\n", 2, "=|missing|expected" },
	{ "; only '#' starts a comment\n", 1, "=|missing|expected" },
	{ "database =\n", 1, "empty|value|database" },
	{ "# c\ndatabase =  \t \n", 2, "empty|value|database" },
	{ "socket =\n", 1, "empty|value|socket" },
	{ "notify_command = \n", 1, "empty|value|notify_command" },
	{ "listen =\n", 1, "empty|value|listen" },
	{ "admin_groups =\n", 1, "empty|value|admin_groups|group" },
	{ "max_connections =\n", 1, "empty|value|max_connections" },
	{ "socket_mode = 0778\n", 1, "socket_mode" },
	{ "socket_mode = 01000\n", 1, "socket_mode" },
	{ "socket_mode = 8\n", 1, "socket_mode" },
	{ "socket_mode = rw-rw----\n", 1, "socket_mode" },
	{ "socket_mode = -1\n", 1, "socket_mode" },
	{ "admin_groups = wheel, bad name\n", 1, "bad name|group" },
	{ "reviewer_groups = a$b\n", 1, "a$b|group" },
	{ "reviewer_groups = safety/team\n", 1, "safety/team|group" },
	{ "committee_groups = staff,,nurses\n", 1, "group|empty" },
	{ "admin_groups = wheel,\n", 1, "group|empty" },
	{ "admin_groups = ,\n", 1, "group|empty" },
	{ "database = a\ndatabase = b\n", 2,
	    "database|twice|duplicate|already|again" },
	{ "socket_mode = 0660\n#\nsocket_mode = 0600\n", 3,
	    "socket_mode|twice|duplicate|already|again" },
	{ "admin_groups = wheel\nadmin_groups = staff\n", 2,
	    "admin_groups|twice|duplicate|already|again" },
	{ "triage_days = 7\ntriage_days = 7\n", 2,
	    "triage_days|twice|duplicate|already|again" },
	{ "notify_command = /a\nnotify_command = /b\n", 2,
	    "notify_command|twice|duplicate|already|again" },
	/* Run without a shell or PATH: an absolute path only. */
	{ "notify_command = logger -t aer\n", 1, "notify_command|absolute" },
	{ "# c\nnotify_command = ./page\n", 2, "notify_command|absolute" },
	/* What the listener would refuse at start, refused here first. */
	{ "listen = 10.0.0.1:80\n", 1, "10.0.0.1|loopback" },
	{ "listen = 0.0.0.0:80\n", 1, "0.0.0.0|loopback" },
	{ "listen = 127.0.0.1:99999\n", 1, "99999|port" },
	{ "listen = 127.0.0.1:0\n", 1, "127.0.0.1:0|port" },
	{ "listen = 127.0.0.1:http\n", 1, "http|port" },
	{ "listen = 127.0.0.1\n", 1, "127.0.0.1|port" },
	{ "listen = localhost:8080\n", 1, "localhost|numeric" },
	{ "release_times = 24:00\n", 1, "release_times|HH:MM" },
	{ "release_times = 8:00\n", 1, "8:00|HH:MM" },
	{ "release_times = 08:60\n", 1, "08:60" },
	{ "release_times = 08:00,\n", 1, "HH:MM" },
	{ "release_times = 08:00, 16:00, 08:00\n", 1, "twice" },
	{ "release_times = midnight\n", 1, "midnight" },
	{ "listen = :8080\n", 1, "host" },
	{ "listen = [::1]:8080\nlisten = [::2]:8080\n", 2, "::2|loopback" },
};

START_TEST(test_error)
{
	parse_err(errors[_i].text, errors[_i].line, errors[_i].words);
}
END_TEST

START_TEST(test_too_many_listen)
{
	char	text[1024], *p = text;
	int	i;

	p += sprintf(p, "# listeners\n");
	for (i = 0; i <= CONFIG_MAX_LISTEN; i++)
		p += sprintf(p, "listen = 127.0.0.1:%d\n", 8000 + i);
	parse_err(text, CONFIG_MAX_LISTEN + 2, "listen|many");
}
END_TEST

START_TEST(test_release_times)
{
	char	text[1024], *p = text;
	int	i;

	parse_ok(&cfg, "release_times = 16:00, 08:00,23:59 ,00:00\n");
	ck_assert_int_eq(cfg.nrelease_times, 4);
	ck_assert_int_eq(cfg.release_times[0], 0);
	ck_assert_int_eq(cfg.release_times[1], 8 * 60);
	ck_assert_int_eq(cfg.release_times[2], 16 * 60);
	ck_assert_int_eq(cfg.release_times[3], 23 * 60 + 59);
	p += sprintf(p, "release_times = 00:00");
	for (i = 1; i <= CONFIG_MAX_RELEASES; i++)
		p += sprintf(p, ", 00:%02d", i);
	parse_err(text, 1, "more than");
}
END_TEST

START_TEST(test_too_many_groups)
{
	static const char *const keys[] = {
		"admin_groups", "reviewer_groups", "committee_groups",
	};
	char		text[1024], *p;
	struct config	c;
	int		i, k;

	for (k = 0; k < NELEM(keys); k++) {
		p = text;
		p += sprintf(p, "socket = /x\n%s = ", keys[k]);
		for (i = 0; i <= CONFIG_MAX_GROUPS; i++)
			p += sprintf(p, "%sg%d", i ? ", " : "", i);
		config_defaults(&c);
		ck_assert_msg(config_parse(&c, text, FILE_NAME, err,
		    sizeof(err)) == -1, "accepted: %s", text);
		config_free(&c);
		assert_err(FILE_NAME, 2, "group|many", text);
	}
}
END_TEST

/* A group that does not exist is found when roles are built, after the
 * parse; its error still names the file and the line it came from. */
START_TEST(test_missing_group_where)
{
	static const char *const keys[] = {
		"admin_groups", "reviewer_groups", "committee_groups",
	};
	struct rolemap	m;
	char		text[256];
	int		k;

	for (k = 0; k < NELEM(keys); k++) {
		config_free(&cfg);
		config_defaults(&cfg);
		snprintf(text, sizeof(text), "# c\n\n%s = root, "
		    "no-such-group-aer\n", keys[k]);
		parse_ok(&cfg, text);
		ck_assert_int_eq(rolemap_build(&m, &cfg, err, sizeof(err)), -1);
		assert_err(FILE_NAME, 3, "no-such-group-aer", text);
		ck_assert_msg(strstr(err, keys[k]) != NULL, "%s", err);
	}
}
END_TEST

/* A failed parse leaves nothing the teardown's config_free cannot free. */
START_TEST(test_error_after_values)
{
	parse_err("socket = /x\ndatabase = /y\nadmin_groups = a,b\n"
	    "listen = 127.0.0.1:1\nnotify_command = /n\nbogus_key = 1\n", 6,
	    "bogus_key");
	ck_assert_int_le(cfg.nlisten, 1);
}
END_TEST

/* A short buffer is cut, not overrun. */
START_TEST(test_error_short_buffer)
{
	char	small[16];

	memset(small, '#', sizeof(small));
	ck_assert_int_eq(config_parse(&cfg, "bogus_key_that_is_long = 1\n",
	    FILE_NAME, small, 10), -1);
	ck_assert_ptr_nonnull(memchr(small, '\0', 10));
	ck_assert_int_eq(strncmp(small, FILE_NAME ":1:", 9), 0);
	ck_assert_int_eq(small[10], '#');
	ck_assert_int_eq(small[15], '#');
}
END_TEST

/* Every wrong line is reported, each on its own line, in order. */
START_TEST(test_every_error)
{
	ck_assert_int_eq(config_parse(&cfg, "triage_dayz = 3\n"
	    "idle_timeout = 30\nsocket_mode = 999\nlisten = 10.0.0.1:80\n",
	    FILE_NAME, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, FILE_NAME ":1: unknown key"));
	ck_assert_ptr_nonnull(strstr(err, "\n" FILE_NAME ":3: socket_mode"));
	ck_assert_ptr_nonnull(strstr(err, "\n" FILE_NAME ":4: listen"));
	ck_assert_ptr_null(strstr(err, ":2:"));
	ck_assert_int_eq(cfg.idle_timeout, 30);
}
END_TEST

/* socket_mode and --socket-mode: octal digits, 0 to 0777. */
START_TEST(test_mode)
{
	mode_t	m = 1;

	ck_assert_int_eq(config_mode("0660", &m), 0);
	ck_assert_int_eq(m, 0660);
	ck_assert_int_eq(config_mode("640", &m), 0);
	ck_assert_int_eq(m, 0640);
	ck_assert_int_eq(config_mode("0", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(config_mode("999", &m), -1);
	ck_assert_int_eq(config_mode("01000", &m), -1);
	ck_assert_int_eq(config_mode(" 0660", &m), -1);
	ck_assert_int_eq(config_mode("+660", &m), -1);
	ck_assert_int_eq(config_mode("", &m), -1);
	ck_assert_int_eq(config_mode("rw-rw----", &m), -1);
}
END_TEST

/* --- config_load --- */

START_TEST(test_load_same_as_parse)
{
	write_file(FULL);
	ck_assert_msg(config_load(&cfg2, tmp_path, err, sizeof(err)) == 0,
	    "%s", err);
	assert_full(&cfg2);
	parse_ok(&cfg, FULL);
	assert_full(&cfg);
}
END_TEST

START_TEST(test_load_empty_file)
{
	write_file("");
	ck_assert_msg(config_load(&cfg, tmp_path, err, sizeof(err)) == 0,
	    "%s", err);
	assert_defaults(&cfg);
}
END_TEST

START_TEST(test_load_error_names_file)
{
	write_file("database = /var/lib/aer/aer.db\nidle_timeout = 0\n");
	ck_assert_int_eq(config_load(&cfg, tmp_path, err, sizeof(err)), -1);
	assert_err(tmp_path, 2, "idle_timeout", "(file)");
}
END_TEST

START_TEST(test_load_missing)
{
	const char	*path = "/tmp/check-config-no-such-dir/aerd.conf";

	ck_assert_int_eq(config_load(&cfg, path, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, path) != NULL, "\"%s\" does not name %s",
	    err, path);
	assert_defaults(&cfg);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("config");

	tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, setup_config, teardown_config);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_empty_text);
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_whitespace_and_comments);
	tcase_add_test(tc, test_socket_mode);
	tcase_add_test(tc, test_limits_reached);
	tcase_add_test(tc, test_release_times);
	tcase_add_loop_test(tc, test_number_bounds, 0, NELEM(numbers));
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup_config, teardown_config);
	tcase_add_loop_test(tc, test_number_refused, 0, NELEM(numbers));
	tcase_add_loop_test(tc, test_error, 0, NELEM(errors));
	tcase_add_test(tc, test_too_many_listen);
	tcase_add_test(tc, test_too_many_groups);
	tcase_add_test(tc, test_error_after_values);
	tcase_add_test(tc, test_missing_group_where);
	tcase_add_test(tc, test_error_short_buffer);
	tcase_add_test(tc, test_every_error);
	tcase_add_test(tc, test_mode);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup_file, teardown_file);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_load_same_as_parse);
	tcase_add_test(tc, test_load_empty_file);
	tcase_add_test(tc, test_load_error_names_file);
	tcase_add_test(tc, test_load_missing);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(config_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
