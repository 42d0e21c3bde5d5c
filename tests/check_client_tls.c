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
 * aer over the network: the URLs client/server.c will use (https:// to
 * any host, http:// to this machine only), and what client/http-fail.c
 * tells when aerd cannot be reached or its certificate does not check
 * out: a sentence naming the server, for a nurse to pass on to IT.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*url;
	const char	*host;		/* NULL: refused */
	int		 tls;
} urls[] = {
	{ "https://aer.example.org", "aer.example.org", 1 },
	{ "HTTPS://aer.example.org:8443/aer/", "aer.example.org", 1 },
	{ "https://10.1.2.3", "10.1.2.3", 1 },
	{ "https://[2001:db8::1]:443", "[2001:db8::1]", 1 },
	{ "http://127.0.0.1:8080", "127.0.0.1", 0 },
	{ "http://127.1.2.3", "127.1.2.3", 0 },
	{ "http://localhost:8080/", "localhost", 0 },
	{ "http://LocalHost", "LocalHost", 0 },
	{ "http://[::1]:8080", "[::1]", 0 },
	{ "127.0.0.1:8080", "127.0.0.1", 0 },
	{ "http://aer.example.org", NULL, 0 },
	{ "http://10.1.2.3:8080", NULL, 0 },
	{ "http://127.0.0.1.example.org", NULL, 0 },
	{ "http://localhost.example.org", NULL, 0 },
	{ "http://127.0.0.256", NULL, 0 },
	{ "http://[::2]", NULL, 0 },
	{ "http://127.0.0.1@aer.example.org", NULL, 0 },
	{ "https://user:secret@aer.example.org", NULL, 1 },
	{ "aer.example.org", NULL, 0 },
	{ "ftp://aer.example.org", NULL, 0 },
	{ "https://", NULL, 1 },
	{ "https://aer.example.org:", NULL, 1 },
	{ "https://aer.example.org:https", NULL, 1 },
	{ "https://[::1", NULL, 1 },
};

START_TEST(test_url)
{
	char	host[URL_HOST_MAX], err[512] = "";
	int	tls = -1, rc;

	rc = server_url_check(urls[_i].url, host, sizeof(host), &tls, err,
	    sizeof(err));
	if (urls[_i].host == NULL) {
		ck_assert_msg(rc == -1, "%s accepted", urls[_i].url);
		ck_assert_int_eq(strncmp(err, urls[_i].url,
		    strlen(urls[_i].url)), 0);
		return;
	}
	ck_assert_msg(rc == 0, "%s: %s", urls[_i].url, err);
	ck_assert_str_eq(host, urls[_i].host);
	ck_assert_int_eq(tls, urls[_i].tls);
}
END_TEST

START_TEST(test_url_http_says_why)
{
	char	host[URL_HOST_MAX], err[512];
	int	tls;

	ck_assert_int_eq(server_url_check("http://aer.example.org/", host,
	    sizeof(host), &tls, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "http://aer.example.org/ would carry reports, "
	    "receipts and tokens across the network where others can read "
	    "them; aer uses http:// only on this machine. Use "
	    "https://aer.example.org/, or ask IT for the right address");
}
END_TEST

/* What http_failed tells, for each failure over https:// and one not. */
static const struct {
	int		 tls;
	const char	*cacert;
	CURLcode	 rc;
	const char	*errbuf;
	const char	*told;
} failures[] = {
	{ 1, NULL, CURLE_PEER_FAILED_VERIFICATION,
	    "SSL certificate problem: certificate has expired",
	    "aer cannot check the identity of aer.example.org: its "
	    "certificate has expired, or this computer's clock is wrong (SSL "
	    "certificate problem: certificate has expired). Pass this message "
	    "on to IT; aer will not send anything there until they have fixed "
	    "it.\n" },
	{ 1, NULL, CURLE_PEER_FAILED_VERIFICATION,	/* GnuTLS's words */
	    "SSL: certificate subject name (x.example) does not match target "
	    "host name 'aer.example.org'",
	    "aer cannot check the identity of aer.example.org: its "
	    "certificate is for another name (" },
	{ 1, NULL, CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: "
	    "self-signed certificate in certificate chain",
	    "aer cannot check the identity of aer.example.org: its "
	    "certificate is not signed by an authority this computer trusts "
	    "(" },
	{ 1, "/etc/aer/ca.pem", CURLE_PEER_FAILED_VERIFICATION,
	    "SSL certificate problem: unable to get local issuer certificate",
	    "aer cannot check the identity of aer.example.org: its "
	    "certificate is not signed by the authority in /etc/aer/ca.pem (" },
	{ 1, "/etc/aer/ca.pem", CURLE_SSL_CACERT_BADFILE, "",
	    "aer cannot check the identity of aer.example.org: it cannot "
	    "read the certificate authority /etc/aer/ca.pem (" },
	{ 1, NULL, CURLE_SSL_CONNECT_ERROR, "wrong version number",
	    "aer cannot set up a private connection to aer.example.org "
	    "(wrong version number). Pass this message on to IT; " },
	{ 1, NULL, CURLE_COULDNT_RESOLVE_HOST, "",
	    "aer cannot reach the reporting server aer.example.org: this "
	    "computer cannot find that name (Couldn't resolve host name). Try "
	    "again in a while; if it goes on, ask IT.\n" },
	{ 1, NULL, CURLE_OPERATION_TIMEDOUT, "",
	    "aer cannot reach the reporting server aer.example.org: it did "
	    "not answer in time (" },
	{ 1, NULL, CURLE_SSL_CONNECT_ERROR, "\033[2Jbad\342\200\256",
	    "aer cannot set up a private connection to aer.example.org "
	    "(?[2Jbad?). " },
	{ 0, NULL, CURLE_COULDNT_RESOLVE_HOST, "",
	    "aer cannot reach the reporting server at http://localhost:1: "
	    "this computer cannot find that name (Couldn't resolve host "
	    "name). Try again in a while; if it goes on, ask IT.\n" },
};

START_TEST(test_failed)
{
	struct aer_ctx	 ctx;
	char		 path[] = "/tmp/check-client-fail.XXXXXX", told[1024];
	int		 fd, saved;
	ssize_t		 n;

	memset(&ctx, 0, sizeof(ctx));
	ctx.tls = failures[_i].tls;
	ctx.url = ctx.tls ? "https://aer.example.org" : "http://localhost:1";
	ctx.host = ctx.tls ? "aer.example.org" : "localhost";
	ctx.cacert = (char *)failures[_i].cacert;
	ck_assert_int_ne(fd = mkstemp(path), -1);
	fflush(stderr);
	ck_assert_int_ne(saved = dup(STDERR_FILENO), -1);
	ck_assert_int_ne(dup2(fd, STDERR_FILENO), -1);
	http_failed(&ctx, NULL, failures[_i].rc, 0, failures[_i].errbuf);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = pread(fd, told, sizeof(told) - 1, 0);
	close(fd);
	unlink(path);
	ck_assert_int_ge(n, 0);
	told[n] = '\0';
	ck_assert_msg(strncmp(told, failures[_i].told,
	    strlen(failures[_i].told)) == 0, "told \"%s\"", told);
}
END_TEST

static Suite *
client_tls_suite(void)
{
	Suite	*s = suite_create("client tls");
	TCase	*tc;

	tc = tcase_create("url");
	tcase_add_loop_test(tc, test_url, 0, NELEM(urls));
	tcase_add_test(tc, test_url_http_says_why);
	suite_add_tcase(s, tc);

	tc = tcase_create("failures");
	tcase_set_timeout(tc, 10);
	tcase_add_loop_test(tc, test_failed, 0, NELEM(failures));
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(client_tls_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed ? EXIT_FAILURE : EXIT_SUCCESS);
}
