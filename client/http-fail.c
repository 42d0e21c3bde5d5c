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
 * Why aerd could not be asked, told in one sentence. The reader is most
 * often a nurse on a ward, and the sentence is one to pass on to IT:
 * which server (its socket, URL or host), what went wrong with it in
 * plain words, then libcurl's or the system's own words in brackets
 * for IT. A server
 * whose certificate does not check out is never talked to; there is no
 * switch to do otherwise.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "aer.h"

#define HTTP_FAIL_ASK_IT	"Pass this message on to IT; aer will not " \
				"send anything there until they have fixed it."

/*
 * What a failed certificate check means, from libcurl's words (OpenSSL's
 * or GnuTLS's), first match first. NULL: not trusted (said with the CA).
 */
static const struct {
	const char	*words;
	const char	*means;
} http_fail_certs[] = {
	{ "expired", "its certificate has expired, or this computer's "
	    "clock is wrong" },
	{ "not yet valid", "its certificate is not valid yet, or this "
	    "computer's clock is wrong" },
	{ "not activated", "its certificate is not valid yet, or this "
	    "computer's clock is wrong" },
	{ "revoked", "its certificate has been withdrawn (revoked)" },
	{ "host name", "its certificate is for another name" },
	{ "hostname", "its certificate is for another name" },
	{ "in certificate chain", NULL },
	{ "self-signed", "its certificate is signed by itself, not by an "
	    "authority aer trusts" },
	{ "self signed", "its certificate is signed by itself, not by an "
	    "authority aer trusts" },
};

/* Print curl's words for IT, unable to drive the terminal. */
static void
http_fail_why(const char *why)
{
	fputs(" (", stderr);
	aer_print_text(stderr, why);
	fputs(")", stderr);
}

/* A certificate that does not check out: which and why. */
static void
http_fail_cert(struct aer_ctx *ctx, CURLcode rc, const char *why)
{
	const char	*means = NULL;
	size_t		 i;

	for (i = 0; i < sizeof(http_fail_certs) / sizeof(http_fail_certs[0]);
	    i++) {
		if (strstr(why, http_fail_certs[i].words) != NULL) {
			means = http_fail_certs[i].means;
			break;
		}
	}
	fprintf(stderr, "aer cannot check the identity of %s: ", ctx->host);
	if (rc == CURLE_SSL_CACERT_BADFILE)
		fprintf(stderr, "it cannot read the certificate authority %s",
		    ctx->cacert != NULL ? ctx->cacert : "of this computer");
	else if (means != NULL)
		fputs(means, stderr);
	else if (ctx->cacert != NULL)
		fprintf(stderr, "its certificate is not signed by the "
		    "authority in %s", ctx->cacert);
	else
		fputs("its certificate is not signed by an authority this "
		    "computer trusts", stderr);
	http_fail_why(why);
	fputs(". " HTTP_FAIL_ASK_IT "\n", stderr);
}

/*
 * The server could not be reached: which (its host over https://, else
 * the socket or URL), what failed in plain words, curl's or the system's
 * words for IT, and what to do.
 */
static void
http_fail_reach(struct aer_ctx *ctx, CURL *curl, CURLcode rc,
    const char *why)
{
	long	oserr = 0;

	if (ctx->tls)
		fprintf(stderr, "aer cannot reach the reporting server %s: ",
		    ctx->host);
	else
		fprintf(stderr, "aer cannot reach the reporting server at "
		    "%s: ", aer_where(ctx));
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		fputs("this computer cannot find that name", stderr);
		break;
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &oserr);
		if (oserr != 0)
			why = strerror((int)oserr);
		if (oserr == EACCES || oserr == EPERM) {
			fputs("this account is not allowed to use it", stderr);
			http_fail_why(why);
			fputs(". Ask IT for access.\n", stderr);
			return;
		}
		if (ctx->url == NULL && (oserr == ENOENT ||
		    oserr == ECONNREFUSED))
			fputs("it is not running", stderr);
		else
			fputs("it does not answer", stderr);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		fputs("it did not answer in time", stderr);
		break;
	default:
		fputs("the connection failed", stderr);
		break;
	}
	http_fail_why(why);
	fputs(". Try again in a while; if it goes on, ask IT.\n", stderr);
}

/* The https:// server could not be reached, or not safely. */
static void
http_fail_remote(struct aer_ctx *ctx, CURL *curl, CURLcode rc,
    const char *why)
{
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
#if LIBCURL_VERSION_NUM < 0x073e00
	case CURLE_SSL_CACERT:		/* an unknown CA before 7.62 */
#endif
#if LIBCURL_VERSION_NUM >= 0x072900
	case CURLE_SSL_INVALIDCERTSTATUS:
#endif
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		http_fail_cert(ctx, rc, why);
		return;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
		fprintf(stderr, "aer cannot set up a private connection to "
		    "%s", ctx->host);
		http_fail_why(why);
		fputs(". " HTTP_FAIL_ASK_IT "\n", stderr);
		return;
	default:
		http_fail_reach(ctx, curl, rc, why);
		return;
	}
}

/* Tell the user, in one sentence, why aerd could not be asked. */
void
http_failed(struct aer_ctx *ctx, CURL *curl, CURLcode rc, int too_large,
    const char *errbuf)
{
	const char	*why = errbuf;

	if (*why == '\0')
		why = curl_easy_strerror(rc);
	if (rc == CURLE_COULDNT_RESOLVE_PROXY) {
		aer_warnx("cannot reach the proxy %s (%s)", ctx->proxy, why);
		return;
	}
	if (rc == CURLE_WRITE_ERROR && too_large) {
		aer_warnx("the reply from aerd at %s is larger than %d MiB; "
		    "refusing it", aer_where(ctx),
		    AER_MAX_REPLY / (1024 * 1024));
		return;
	}
	if (ctx->tls) {
		http_fail_remote(ctx, curl, rc, why);
		return;
	}
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		aer_warnx("%s is not a URL aer can use (%s)", aer_where(ctx),
		    why);
		break;
	default:
		http_fail_reach(ctx, curl, rc, why);
		break;
	}
}
