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
 * client/config.c and client/server.c: aer.conf parsed, the system's
 * file and then the user's; which server aer talks to, from the command
 * line, the environment, the files and the defaults, in that order.
 * check_client_tls.c has the URLs aer will use.
 */
#include "config.h"

#include <sys/stat.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define DIR_TEMPLATE	"/tmp/check-client-config.XXXXXX"
static char	dir[sizeof(DIR_TEMPLATE)];
static char	sysfile[128], userfile[256], xdg[128];

static void
setup(void)
{
	char	path[256];

	memcpy(dir, DIR_TEMPLATE, sizeof(dir));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sysfile, sizeof(sysfile), "%s/system.conf", dir);
	snprintf(xdg, sizeof(xdg), "%s/xdg", dir);
	snprintf(path, sizeof(path), "%s/aer", xdg);
	ck_assert_int_eq(mkdir(xdg, 0700), 0);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(userfile, sizeof(userfile), "%s/aer/aer.conf", xdg);
	setenv("HOME", dir, 1);
	setenv(AER_ENV_CONF, sysfile, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	unsetenv(AER_ENV_URL);
	unsetenv(AER_ENV_SOCKET);
	unsetenv(AER_ENV_HOME);
	unsetenv(AER_ENV_CACERT);
	unsetenv(AER_ENV_TOKEN);
	unsetenv(AER_ENV_PROXY);
}

static void
teardown(void)
{
	char	path[256];

	unlink(sysfile);
	unlink(userfile);
	snprintf(path, sizeof(path), "%s/token", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/aer", xdg);
	rmdir(path);
	rmdir(xdg);
	rmdir(dir);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE	*fp;

	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

START_TEST(test_parse)
{
	struct conf	c;
	char		err[256] = "";

	conf_init(&c);
	ck_assert_int_eq(conf_parse(&c, "# the ward's aerd\n\n"
	    "  url   =  https://aer.example.org  \n"
	    "cacert = /etc/aer/ca.pem\n"
	    "token_file = ~/.aer-token\n"
	    "proxy = http://proxy.example:3128\n", "f", err, sizeof(err)), 0);
	ck_assert_str_eq(c.value[CONF_URL], "https://aer.example.org");
	ck_assert_str_eq(c.from[CONF_URL], "f:3");
	ck_assert_str_eq(c.value[CONF_CACERT], "/etc/aer/ca.pem");
	ck_assert_str_eq(c.from[CONF_CACERT], "f:4");
	/* ~/ is $HOME, the fixture's directory. */
	ck_assert_str_eq(c.value[CONF_TOKEN_FILE] + strlen(dir),
	    "/.aer-token");
	ck_assert_int_eq(strncmp(c.value[CONF_TOKEN_FILE], dir, strlen(dir)),
	    0);
	ck_assert_str_eq(c.value[CONF_PROXY], "http://proxy.example:3128");
	ck_assert_ptr_null(c.value[CONF_SOCKET]);
	conf_free(&c);
	ck_assert_ptr_null(c.value[CONF_URL]);
}
END_TEST

static const struct {
	const char	*text;
	const char	*err;
} bad_confs[] = {
	{ "url = https://a\nurll = https://b\n", "f:2: unknown key \"urll\"" },
	{ "token = 0123456789abcdef\n", "f:1: a token is never written in "
	    "aer.conf" },
	{ "url = https://a\n# again\nurl = https://b\n",
	    "f:3: url is set twice (first on line 1)" },
	{ "socket = /run/aer/aerd.sock\nurl = https://a\n",
	    "f:2: url and socket cannot both be set (the other on line 1)" },
	{ "url https://a\n", "f:1: expected \"key = value\", found no '='" },
	{ "cacert =\n", "f:1: cacert has no value" },
	{ "cacert = ca.pem\n", "f:1: cacert must be a full path, starting "
	    "with / or ~/, not \"ca.pem\"" },
	{ "insecure = yes\n", "f:1: unknown key \"insecure\"" },
};

START_TEST(test_parse_refused)
{
	struct conf	c;
	char		err[256] = "";

	conf_init(&c);
	ck_assert_int_eq(conf_parse(&c, bad_confs[_i].text, "f", err,
	    sizeof(err)), -1);
	ck_assert_msg(strncmp(err, bad_confs[_i].err,
	    strlen(bad_confs[_i].err)) == 0, "got \"%s\"", err);
	conf_free(&c);
}
END_TEST

START_TEST(test_parse_no_home)
{
	struct conf	c;
	char		err[256] = "";

	unsetenv("HOME");
	conf_init(&c);
	ck_assert_int_eq(conf_parse(&c, "token_file = ~/t\n", "f", err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "f:1: token_file: ~ stands for your home "
	    "directory, and $HOME does not name one");
	conf_free(&c);
}
END_TEST

/* A second file replaces the keys it sets; url and socket are one. */
START_TEST(test_parse_override)
{
	struct conf	c;
	char		err[256] = "";

	conf_init(&c);
	ck_assert_int_eq(conf_parse(&c, "url = https://a\ncacert = /ca.pem\n",
	    "sys", err, sizeof(err)), 0);
	ck_assert_int_eq(conf_parse(&c, "url = https://b\n", "user", err,
	    sizeof(err)), 0);
	ck_assert_str_eq(c.value[CONF_URL], "https://b");
	ck_assert_str_eq(c.from[CONF_URL], "user:1");
	ck_assert_str_eq(c.value[CONF_CACERT], "/ca.pem");
	ck_assert_str_eq(c.from[CONF_CACERT], "sys:2");
	ck_assert_int_eq(conf_parse(&c, "socket = /s\n", "user2", err,
	    sizeof(err)), 0);
	ck_assert_ptr_null(c.value[CONF_URL]);
	ck_assert_str_eq(c.value[CONF_SOCKET], "/s");
	conf_free(&c);
}
END_TEST

START_TEST(test_load)
{
	struct conf	c;
	char		err[512] = "", big[CONF_MAX_SIZE + 2];

	conf_init(&c);
	/* No file is no error. */
	ck_assert_int_eq(conf_load(&c, sysfile, err, sizeof(err)), 0);
	ck_assert_ptr_null(c.value[CONF_URL]);
	write_file(sysfile, "url = https://a\n", 0644);
	ck_assert_int_eq(conf_load(&c, sysfile, err, sizeof(err)), 0);
	ck_assert_str_eq(c.value[CONF_URL], "https://a");
	conf_free(&c);

	/* One anyone could change is refused: it says where reports go. */
	write_file(sysfile, "url = https://a\n", 0666);
	ck_assert_int_eq(conf_load(&c, sysfile, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "can be changed by anyone"));
	ck_assert_ptr_null(c.value[CONF_URL]);
	ck_assert_int_eq(conf_load(&c, xdg, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "is not a file"));

	write_file(sysfile, "url = https://a\n\nbogus = 1\n", 0644);
	ck_assert_int_eq(conf_load(&c, sysfile, err, sizeof(err)), -1);
	ck_assert_int_eq(strncmp(err, sysfile, strlen(sysfile)), 0);
	ck_assert_str_eq(err + strlen(sysfile), ":3: unknown key \"bogus\"; "
	    "the keys are url, socket, cacert, token_file and proxy");
	conf_free(&c);

	memset(big, '#', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	write_file(sysfile, big, 0644);
	ck_assert_int_eq(conf_load(&c, sysfile, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "is larger than"));
	conf_free(&c);
}
END_TEST

START_TEST(test_paths)
{
	char	path[512], want[512];

	ck_assert_str_eq(conf_system_path(), sysfile);
	unsetenv(AER_ENV_CONF);
	ck_assert_int_eq(strcmp(conf_system_path() +
	    strlen(conf_system_path()) - strlen("/aer/aer.conf"),
	    "/aer/aer.conf"), 0);

	ck_assert_int_eq(conf_user_path(path, sizeof(path)), 0);
	ck_assert_str_eq(path, userfile);
	/* XDG_CONFIG_HOME counts only as a full path. */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	ck_assert_int_eq(conf_user_path(path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/.config/aer/aer.conf", dir);
	ck_assert_str_eq(path, want);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(conf_user_path(path, sizeof(path)), -1);
}
END_TEST

/* Each setting: the command line, the environment, the user's file, the
 * system's, a default. */
START_TEST(test_precedence)
{
	struct server_flags	f = { NULL, NULL, NULL, NULL, NULL };
	struct server		s;
	char			from[300];

	write_file(sysfile, "url = https://sys\ncacert = /sys-ca.pem\n"
	    "token_file = /sys-token\nproxy = http://sys-proxy\n", 0644);
	write_file(userfile, "url = https://user\n", 0600);
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_str_eq(s.url.value, "https://user");
	snprintf(from, sizeof(from), "%s:1", userfile);
	ck_assert_str_eq(s.url.from, from);
	ck_assert_str_eq(s.cacert.value, "/sys-ca.pem");
	snprintf(from, sizeof(from), "%s:2", sysfile);
	ck_assert_str_eq(s.cacert.from, from);
	ck_assert_str_eq(s.token.value, "/sys-token");
	ck_assert_str_eq(s.proxy.value, "http://sys-proxy");
	ck_assert_ptr_null(s.socket.value);
	server_free(&s);

	setenv(AER_ENV_URL, "https://env", 1);
	setenv(AER_ENV_CACERT, "/env-ca.pem", 1);
	setenv(AER_ENV_TOKEN, "a-token", 1);
	setenv(AER_ENV_PROXY, "", 1);		/* none, over the files' */
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_str_eq(s.url.value, "https://env");
	ck_assert_str_eq(s.url.from, "$AER_URL");
	ck_assert_str_eq(s.cacert.value, "/env-ca.pem");
	ck_assert_str_eq(s.cacert.from, "$AER_CACERT");
	ck_assert_ptr_null(s.token.value);	/* the token itself */
	ck_assert_str_eq(s.token.from, "$AER_TOKEN");
	ck_assert_str_eq(s.proxy.value, "");
	server_free(&s);

	f.url = "https://flag";
	f.cacert = "/flag-ca.pem";
	f.token_file = "/flag-token";
	f.proxy = "http://flag-proxy";
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_str_eq(s.url.value, "https://flag");
	ck_assert_str_eq(s.url.from, "--url");
	ck_assert_str_eq(s.cacert.from, "--cacert");
	ck_assert_str_eq(s.token.value, "/flag-token");
	ck_assert_str_eq(s.proxy.from, "--proxy");
	server_free(&s);

	/* A socket anywhere above a file's url wins over it. */
	f.url = NULL;
	unsetenv(AER_ENV_URL);
	setenv(AER_ENV_HOME, "/srv/aer", 1);
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_ptr_null(s.url.value);
	ck_assert_str_eq(s.socket.value, "/srv/aer/aerd.sock");
	ck_assert_str_eq(s.socket.from, "$AER_HOME");
	server_free(&s);
	f.socket = "/flag.sock";
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_str_eq(s.socket.value, "/flag.sock");
	ck_assert_str_eq(s.socket.from, "--socket");
	server_free(&s);
}
END_TEST

START_TEST(test_defaults)
{
	struct server_flags	f = { NULL, NULL, NULL, NULL, NULL };
	struct server		s;

	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_ptr_null(s.url.value);
	ck_assert_ptr_nonnull(s.socket.value);
	ck_assert_int_eq(s.socket.dflt, 1);
	ck_assert_ptr_null(s.cacert.value);
	ck_assert_ptr_null(s.token.from);
	ck_assert_ptr_null(s.proxy.value);
	server_free(&s);

	/* A broken file is reported, not skipped. */
	write_file(userfile, "url = https://a\nverify = no\n", 0600);
	ck_assert_int_eq(server_load(&s, &f), -1);
	ck_assert_ptr_nonnull(strstr(s.err, ":2: unknown key \"verify\""));
	server_free(&s);
}
END_TEST

/* What server_apply makes of the settings, the token file included. */
START_TEST(test_apply)
{
	struct server_flags	f = { NULL, NULL, NULL, NULL, NULL };
	struct server		s;
	struct aer_ctx		ctx;
	char			token[300], text[400];

	snprintf(token, sizeof(token), "%s/token", dir);
	write_file(token, "s3cret-token\n", 0600);
	snprintf(text, sizeof(text), "url = https://aer.example.org:8443/\n"
	    "token_file = %s\nproxy = http://proxy:3128\n", token);
	write_file(userfile, text, 0600);
	memset(&ctx, 0, sizeof(ctx));
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_int_eq(server_apply(&s, &f, &ctx), AER_EXIT_OK);
	ck_assert_str_eq(ctx.url, "https://aer.example.org:8443");
	ck_assert_str_eq(ctx.host, "aer.example.org");
	ck_assert_int_eq(ctx.tls, 1);
	ck_assert_ptr_null(ctx.cacert);
	ck_assert_str_eq(ctx.token, "s3cret-token");
	ck_assert_str_eq(ctx.proxy, "http://proxy:3128");
	server_free(&s);
	token_free(&ctx);
	free(ctx.url);
	free(ctx.host);
	free(ctx.proxy);

	/* On the socket, the files' token, proxy and CA are not used. */
	memset(&ctx, 0, sizeof(ctx));
	setenv(AER_ENV_CACERT, "/nonexistent/ca.pem", 1);
	f.socket = "/flag.sock";
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_int_eq(server_apply(&s, &f, &ctx), AER_EXIT_OK);
	ck_assert_str_eq(ctx.socket, "/flag.sock");
	ck_assert_ptr_null(ctx.token);
	ck_assert_ptr_null(ctx.proxy);
	ck_assert_ptr_null(ctx.cacert);
	server_free(&s);
	free(ctx.socket);
}
END_TEST

START_TEST(test_apply_refused)
{
	struct server_flags	f = { NULL, NULL, NULL, NULL, NULL };
	struct server		s;
	struct aer_ctx		ctx;

	memset(&ctx, 0, sizeof(ctx));
	/* http:// elsewhere: a usage error on the command line, else 1. */
	f.url = "http://aer.example.org";
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_int_eq(server_apply(&s, &f, &ctx), AER_EXIT_USAGE);
	ck_assert_ptr_null(ctx.url);
	server_free(&s);
	f.url = NULL;
	setenv(AER_ENV_URL, "http://aer.example.org", 1);
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_int_eq(server_apply(&s, &f, &ctx), AER_EXIT_FAIL);
	server_free(&s);

	/* A CA that cannot be read is refused before connecting. */
	setenv(AER_ENV_URL, "https://aer.example.org", 1);
	setenv(AER_ENV_CACERT, "/nonexistent/ca.pem", 1);
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_int_eq(server_apply(&s, &f, &ctx), AER_EXIT_FAIL);
	ck_assert_ptr_null(ctx.cacert);
	server_free(&s);
	free(ctx.url);
	free(ctx.host);
	memset(&ctx, 0, sizeof(ctx));

	/* --cacert goes with https:// only. */
	unsetenv(AER_ENV_CACERT);
	f.url = "http://127.0.0.1:8080";
	f.cacert = "/etc/hostname";
	ck_assert_int_eq(server_load(&s, &f), 0);
	ck_assert_int_eq(server_apply(&s, &f, &ctx), AER_EXIT_USAGE);
	server_free(&s);
	free(ctx.url);
	free(ctx.host);
}
END_TEST

static Suite *
client_config_suite(void)
{
	Suite	*s = suite_create("client config");
	TCase	*tc;

	tc = tcase_create("aer.conf");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_parse);
	tcase_add_loop_test(tc, test_parse_refused, 0, NELEM(bad_confs));
	tcase_add_test(tc, test_parse_no_home);
	tcase_add_test(tc, test_parse_override);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_paths);
	suite_add_tcase(s, tc);

	tc = tcase_create("server");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_precedence);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_apply);
	tcase_add_test(tc, test_apply_refused);
	suite_add_tcase(s, tc);

	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(client_config_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed ? EXIT_FAILURE : EXIT_SUCCESS);
}
