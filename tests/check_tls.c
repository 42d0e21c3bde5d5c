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
 * The TLS listeners' settings, without a socket or a certificate:
 * config.c's tls_listen, tls_certificate, tls_key and server_name (what
 * each needs of the others, every error naming its line), and
 * identity.c's check of a TLS request's Host against server_name.
 * Loading the certificate and key (tls.c) is tried by tests/t-tls.sh
 * with files openssl makes.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define FILE_NAME	"tls.conf"

static struct config	cfg;
static char		err[512];

static void
setup(void)
{
	config_defaults(&cfg);
	memset(err, 0, sizeof(err));
}

static void
teardown(void)
{
	config_free(&cfg);
}

static void
parse_ok(const char *text)
{
	ck_assert_msg(config_parse(&cfg, text, FILE_NAME, err,
	    sizeof(err)) == 0, "refused: %s\n--\n%s", err, text);
}

/* Refused, the message starting with the file and line, naming words. */
static void
parse_err(const char *text, int line, const char *words)
{
	char	prefix[64];

	ck_assert_msg(config_parse(&cfg, text, FILE_NAME, err,
	    sizeof(err)) == -1, "accepted:\n%s", text);
	snprintf(prefix, sizeof(prefix), "%s:%d: ", FILE_NAME, line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
	    "\"%s\" does not start with \"%s\"", err, prefix);
	ck_assert_msg(strstr(err, words) != NULL, "\"%s\" does not say "
	    "\"%s\"", err, words);
}

#define TLS_OK \
	"tls_listen = 0.0.0.0:443\n" \
	"tls_listen = [::]:443\n" \
	"tls_listen = 10.1.2.3:8443\n" \
	"tls_listen = [::1]:8443\n" \
	"tls_certificate = /etc/aer/tls/aerd.pem\n" \
	"tls_key = /etc/aer/tls/aerd.key\n" \
	"server_name = aer.example.org, AER  aer.example.org.,[fe80::1]\n"

START_TEST(test_keys)
{
	parse_ok(TLS_OK);
	ck_assert_int_eq(cfg.ntls_listen, 4);
	ck_assert_str_eq(cfg.tls_listen[0], "0.0.0.0:443");
	ck_assert_str_eq(cfg.tls_listen[1], "[::]:443");
	ck_assert_str_eq(cfg.tls_listen[2], "10.1.2.3:8443");
	ck_assert_str_eq(cfg.tls_listen[3], "[::1]:8443");
	ck_assert_str_eq(cfg.tls_certificate, "/etc/aer/tls/aerd.pem");
	ck_assert_str_eq(cfg.tls_key, "/etc/aer/tls/aerd.key");
	ck_assert_int_eq(cfg.nserver_names, 4);
	ck_assert_str_eq(cfg.server_names[0], "aer.example.org");
	ck_assert_str_eq(cfg.server_names[1], "AER");
	ck_assert_str_eq(cfg.server_names[2], "aer.example.org.");
	ck_assert_str_eq(cfg.server_names[3], "[fe80::1]");
	/* Plain listen stays on loopback. */
	ck_assert_int_eq(cfg.nlisten, 0);
}
END_TEST

START_TEST(test_defaults)
{
	ck_assert_int_eq(cfg.ntls_listen, 0);
	ck_assert_ptr_null(cfg.tls_certificate);
	ck_assert_ptr_null(cfg.tls_key);
	ck_assert_int_eq(cfg.nserver_names, 0);
	/* Certificate names alone need no listener. */
	parse_ok("server_name = aer.example.org\n");
	ck_assert_int_eq(cfg.nserver_names, 1);
}
END_TEST

START_TEST(test_most)
{
	char	text[2048], *p = text;
	int	i;

	for (i = 0; i < CONFIG_MAX_TLS_LISTEN; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text),
		    "tls_listen = 10.0.0.%d:443\n", i + 1);
	for (i = 0; i < CONFIG_MAX_LISTEN; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text),
		    "listen = 127.0.0.1:%d\n", 8000 + i);
	p += snprintf(p, sizeof(text) - (size_t)(p - text),
	    "tls_certificate = c\ntls_key = k\nserver_name =");
	for (i = 0; i < CONFIG_MAX_NAMES; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text), " n%d", i);
	ck_assert_uint_lt((size_t)(p - text), sizeof(text) - 1);
	parse_ok(text);
	ck_assert_int_eq(cfg.ntls_listen, CONFIG_MAX_TLS_LISTEN);
	ck_assert_int_eq(cfg.nlisten, CONFIG_MAX_LISTEN);
	ck_assert_int_eq(cfg.nserver_names, CONFIG_MAX_NAMES);
	/* The Unix socket and every listener fit. */
	ck_assert_int_ge(MAX_LISTENERS,
	    1 + CONFIG_MAX_LISTEN + CONFIG_MAX_TLS_LISTEN);
}
END_TEST

static const struct {
	const char	*text;
	int		 line;
	const char	*words;
} errors[] = {
	/* What each key needs, said on its line. */
	{ "# c\nserver_name = a\ntls_listen = 10.0.0.1:443\n", 3,
	    "tls_listen needs tls_certificate and tls_key" },
	{ "tls_listen = 10.0.0.1:443\ntls_certificate = c\nserver_name = a\n",
	    1, "tls_listen needs tls_certificate and tls_key" },
	{ "tls_listen = 10.0.0.1:443\ntls_key = k\nserver_name = a\n", 1,
	    "tls_listen needs tls_certificate and tls_key" },
	{ "\ntls_listen = 10.0.0.1:443\ntls_listen = 10.0.0.2:443\n"
	    "tls_certificate = c\ntls_key = k\n", 2,
	    "tls_listen needs server_name" },
	{ "tls_certificate = c\n", 1, "tls_certificate needs tls_key" },
	{ "\n\ntls_key = k\n", 3, "tls_key needs tls_certificate" },
	/* Addresses: numeric, with a port; any address will do. */
	{ "tls_listen = 10.0.0.1\n", 1, "port" },
	{ "tls_listen = 10.0.0.1:0\n", 1, "port" },
	{ "tls_listen = 10.0.0.1:https\n", 1, "port" },
	{ "tls_listen = aer.example.org:443\n", 1, "numeric" },
	{ "tls_listen = :443\n", 1, "host" },
	{ "tls_listen =\n", 1, "tls_listen" },
	/* Names. */
	{ "server_name = aer.example.org/x\n", 1, "aer.example.org/x" },
	{ "server_name = aer_example\n", 1, "aer_example" },
	{ "server_name = -aer\n", 1, "-aer" },
	{ "server_name = [fe80::1\n", 1, "[fe80::1" },
	{ "server_name = []\n", 1, "[]" },
	{ "server_name = , ,\n", 1, "server_name" },
	{ "server_name = a\nserver_name = b\n", 2, "twice" },
	{ "tls_key = a\ntls_key = b\n", 2, "twice" },
	{ "tls_certificate = a\ntls_certificate = b\n", 2, "twice" },
};

START_TEST(test_error)
{
	parse_err(errors[_i].text, errors[_i].line, errors[_i].words);
}
END_TEST

START_TEST(test_too_many)
{
	char	text[2048], *p = text;
	int	i;

	for (i = 0; i <= CONFIG_MAX_TLS_LISTEN; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text),
		    "tls_listen = 10.0.0.%d:443\n", i + 1);
	parse_err(text, CONFIG_MAX_TLS_LISTEN + 1, "more than");

	config_free(&cfg);
	p = text;
	p += snprintf(p, sizeof(text), "server_name =");
	for (i = 0; i <= CONFIG_MAX_NAMES; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text), " n%d", i);
	parse_err(text, 1, "more than");
}
END_TEST

/* --- the Host of a TLS request --- */

static char *names[] = { "aer.example.org", "AER", "ward.example.",
    "[fe80::1]", "10.1.2.3" };

START_TEST(test_named)
{
	static const char *const good[] = {
		"aer.example.org", "AER.Example.ORG", "aer.example.org:443",
		"aer.example.org.", "aer.example.org.:8443", "aer", "aer:1",
		"ward.example", "ward.example.", "[fe80::1]", "[FE80::1]:443",
		"10.1.2.3", "10.1.2.3:8443",
	};
	int	i;

	for (i = 0; i < NELEM(good); i++)
		ck_assert_msg(host_is_named(good[i], names, NELEM(names)) == 1,
		    "\"%s\" refused", good[i]);
}
END_TEST

START_TEST(test_not_named)
{
	static const char *const bad[] = {
		"", "localhost", "127.0.0.1", "[::1]", "evil.example",
		"aer.example.org.evil", "x.aer.example.org", "aer.example.or",
		"aer.example.org:", "aer.example.org:x", "aer.example.org:1:2",
		"aer.example.org:123456", " aer", "aer ", "aer..",
		"fe80::1", "[fe80::1", "[fe80::1]x", "10.1.2.4",
	};
	int	i;

	ck_assert_int_eq(host_is_named(NULL, names, NELEM(names)), 0);
	ck_assert_int_eq(host_is_named("aer", names, 0), 0);
	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(host_is_named(bad[i], names, NELEM(names)) == 0,
		    "\"%s\" taken", bad[i]);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("tls");
	TCase	*tc = tcase_create("config");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_most);
	tcase_add_loop_test(tc, test_error, 0, NELEM(errors));
	tcase_add_test(tc, test_too_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("host");
	tcase_add_test(tc, test_named);
	tcase_add_test(tc, test_not_named);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
