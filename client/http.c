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
 * The one way aer talks to aerd: a JSON request, a JSON reply, over
 * libcurl on aerd's Unix socket, over TCP on this machine, or over TLS.
 * A receipt, or over TCP a bearer token, travels only in the
 * Authorization header, and through no proxy but the one --proxy names.
 * Every failure is told to the user here or in http-fail.c, in one
 * sentence, so the commands need only pass the status on.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "aer.h"

#define HTTP_BEARER_SCHEME	"Bearer"

/*
 * The reply as it arrives, capped at AER_MAX_REPLY; or, for a download
 * answered 2xx, written to sink as it comes, uncapped.
 */
struct reply_buf {
	char	*data;
	size_t	 len;
	size_t	 size;
	int	 too_large;
	FILE	*sink;
	CURL	*curl;
	int	 sink_failed;
	http_progress_fn progress;	/* told the bytes written to sink */
	void	*progress_arg;
	long long sunk;
};

static size_t
http_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct reply_buf	*buf = arg;
	size_t			 n = size * nmemb, want;
	char			*data;
	long			 status = 0;

	if (buf->sink != NULL) {
		curl_easy_getinfo(buf->curl, CURLINFO_RESPONSE_CODE, &status);
		if (status / 100 == 2) {
			if (fwrite(ptr, 1, n, buf->sink) != n) {
				buf->sink_failed = 1;
				return (0);
			}
			buf->sunk += (long long)n;
			if (buf->progress != NULL)
				buf->progress(buf->progress_arg, buf->sunk);
			return (n);
		}
	}

	if (n > AER_MAX_REPLY - buf->len) {
		buf->too_large = 1;
		return (0);
	}
	if (buf->len + n + 1 > buf->size) {
		want = buf->size == 0 ? 4096 : buf->size;
		while (want < buf->len + n + 1)
			want *= 2;
		if ((data = realloc(buf->data, want)) == NULL)
			return (0);
		buf->data = data;
		buf->size = want;
	}
	memcpy(buf->data + buf->len, ptr, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
	return (n);
}

static char *
http_url(struct aer_ctx *ctx, const char *path)
{
	const char	*base = "http://localhost";
	size_t		 len;
	char		*url;

	if (ctx->url != NULL)
		base = ctx->url;
	len = strlen(base) + strlen(path) + 1;
	if ((url = malloc(len)) != NULL)
		snprintf(url, len, "%s%s", base, path);
	return (url);
}

/*
 * The Authorization header for a receipt or a token, or NULL if it cannot
 * be one.
 */
static char *
http_auth_header(const char *scheme, const char *secret)
{
	const char	*p;
	size_t		 len;
	char		*hdr;

	for (p = secret; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return (NULL);
	}
	len = strlen("Authorization: ") + strlen(scheme) + 1 +
	    strlen(secret) + 1;
	if ((hdr = malloc(len)) != NULL)
		snprintf(hdr, len, "Authorization: %s %s", scheme, secret);
	return (hdr);
}

static struct curl_slist *
http_headers(int with_body, const char *auth)
{
	struct curl_slist	*list = NULL, *next;
	const char		*hdrs[4];
	size_t			 i, n = 0;

	hdrs[n++] = "Accept: application/json";
	hdrs[n++] = "Expect:";	/* send the body without waiting */
	if (with_body)
		hdrs[n++] = "Content-Type: " AER_CONTENT_TYPE_JSON;
	if (auth != NULL)
		hdrs[n++] = auth;
	for (i = 0; i < n; i++) {
		if ((next = curl_slist_append(list, hdrs[i])) == NULL) {
			curl_slist_free_all(list);
			return (NULL);
		}
		list = next;
	}
	return (list);
}

/*
 * https://: TLS 1.2 at least, the server's certificate and name always
 * checked, against the system's authorities or against the one in
 * --cacert alone. Nothing turns the checks off.
 */
static void
http_setup_tls(CURL *curl, struct aer_ctx *ctx)
{
	curl_easy_setopt(curl, CURLOPT_SSLVERSION,
	    (long)CURL_SSLVERSION_TLSv1_2);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ctx->cacert != NULL) {
		curl_easy_setopt(curl, CURLOPT_CAINFO, ctx->cacert);
		curl_easy_setopt(curl, CURLOPT_CAPATH, NULL);
	}
}

static void
http_setup(CURL *curl, struct aer_ctx *ctx, const char *method,
    const char *payload, struct curl_slist *hdrs, struct reply_buf *buf,
    char *errbuf)
{
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
	    (long)AER_CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)AER_TOTAL_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR,
	    ctx->tls ? "https" : "http,https");
#else
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS, ctx->tls ?
	    (long)CURLPROTO_HTTPS : (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	if (ctx->tls)
		http_setup_tls(curl, ctx);
	/*
	 * libcurl would otherwise take a proxy from http_proxy, HTTPS_PROXY
	 * or ALL_PROXY, and send it the request, Authorization included;
	 * "" is none. The proxy asked for is used for every host, whatever
	 * no_proxy says.
	 */
	if (ctx->url != NULL && ctx->proxy != NULL) {
		curl_easy_setopt(curl, CURLOPT_PROXY, ctx->proxy);
		curl_easy_setopt(curl, CURLOPT_NOPROXY, "");
	} else
		curl_easy_setopt(curl, CURLOPT_PROXY, "");
	if (ctx->url == NULL)
		curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, ctx->socket);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, buf);
	if (payload == NULL && strcmp(method, "GET") != 0)
		curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	else if (payload != NULL) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(payload));
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	}
}

/* Turn the reply into JSON; an empty or non-JSON body is an error. */
static int
http_parse(struct aer_ctx *ctx, const struct reply_buf *buf, long status,
    json_t **reply)
{
	json_error_t	 jerr;

	if (buf->len == 0) {
		aer_warnx("aerd at %s answered HTTP %ld with no body",
		    aer_where(ctx), status);
		return (-1);
	}
	*reply = json_loadb(buf->data, buf->len, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (*reply == NULL) {
		aer_warnx("aerd at %s answered HTTP %ld with something that "
		    "is not JSON (%s)", aer_where(ctx), status, jerr.text);
		return (-1);
	}
	return (0);
}

/*
 * Send one request and read its reply. body, if not NULL, is sent as JSON;
 * receipt, if not NULL, goes in the Authorization header, and otherwise
 * the bearer token does when there is one. On return 0 the
 * exchange completed: *status holds the HTTP status (2xx or not) and
 * *reply the JSON body, which the caller frees. On -1 nothing usable came
 * back and the user has been told why.
 */
static int
http_exchange(struct aer_ctx *ctx, const char *method, const char *path,
    json_t *body, const char *receipt, FILE *sink, http_progress_fn progress,
    void *progress_arg, json_t **reply, long *status)
{
	struct reply_buf	 buf = { NULL, 0, 0, 0, sink, NULL, 0,
				     progress, progress_arg, 0 };
	struct curl_slist	*hdrs = NULL;
	char			 errbuf[CURL_ERROR_SIZE] = "";
	char			*payload = NULL, *url = NULL, *auth = NULL;
	CURL			*curl = NULL;
	CURLcode		 rc;
	int			 ret = -1;

	*reply = NULL;
	*status = 0;
	if (body != NULL) {
		if ((payload = json_dumps(body, JSON_COMPACT)) == NULL)
			goto nomem;
		if (strlen(payload) > AER_MAX_BODY) {
			aer_warnx("this is too large to send: %zu bytes, and "
			    "aerd takes at most %d", strlen(payload),
			    AER_MAX_BODY);
			goto out;
		}
	}
	if (receipt != NULL) {
		if ((auth = http_auth_header(AER_RECEIPT_SCHEME,
		    receipt)) == NULL) {
			aer_warnx("a receipt cannot contain control "
			    "characters");
			goto out;
		}
	} else if (ctx->token != NULL && ctx->url != NULL) {
		if ((auth = http_auth_header(HTTP_BEARER_SCHEME,
		    ctx->token)) == NULL) {
			aer_warnx("a token cannot contain control "
			    "characters");
			goto out;
		}
	}
	if ((url = http_url(ctx, path)) == NULL ||
	    (hdrs = http_headers(payload != NULL, auth)) == NULL ||
	    (curl = curl_easy_init()) == NULL)
		goto nomem;
	if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK) {
		aer_warnx("%s is not a URL aer can use", aer_where(ctx));
		goto out;
	}
	http_setup(curl, ctx, method, payload, hdrs, &buf, errbuf);
	buf.curl = curl;
	if (sink != NULL) {
		/* A download takes as long as it takes, while it moves. */
		curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);
		curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
		    (long)AER_TOTAL_TIMEOUT);
	}

	if ((rc = curl_easy_perform(curl)) != CURLE_OK) {
		if (buf.sink_failed)
			aer_warn("cannot write what aerd sent");
		else
			http_failed(ctx, curl, rc, buf.too_large, errbuf);
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	if (sink != NULL && *status / 100 == 2)
		ret = 0;
	else
		ret = http_parse(ctx, &buf, *status, reply);
	goto out;

nomem:
	aer_warnx("out of memory");
out:
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl_slist_free_all(hdrs);
	if (auth != NULL) {
		aer_wipe(auth, strlen(auth));
		free(auth);
	}
	free(url);
	free(payload);
	free(buf.data);
	return (ret);
}

int
http_request(struct aer_ctx *ctx, const char *method, const char *path,
    json_t *body, const char *receipt, json_t **reply, long *status)
{
	return (http_exchange(ctx, method, path, body, receipt, NULL, NULL,
	    NULL, reply, status));
}

/*
 * GET path and write a 2xx body to out as it arrives; an error reply is
 * shown as http_call shows it. progress, if not NULL, is told how many
 * bytes have been written so far each time more arrive. Returns the exit
 * status.
 */
int
http_download_progress(struct aer_ctx *ctx, const char *path, FILE *out,
    http_progress_fn progress, void *arg)
{
	json_t	*reply = NULL;
	long	 status;
	int	 rc;

	if (http_exchange(ctx, "GET", path, NULL, NULL, out, progress, arg,
	    &reply, &status) == -1)
		return (1);
	rc = status / 100 == 2 ? 0 : http_error(ctx, reply, status);
	json_decref(reply);
	return (rc);
}

int
http_download(struct aer_ctx *ctx, const char *path, FILE *out)
{
	return (http_download_progress(ctx, path, out, NULL, NULL));
}

/*
 * Tell the user about an error reply: the JSON itself with --json, else
 * "aer: <message> (field: <field>)". Returns the exit status.
 */
int
http_error(struct aer_ctx *ctx, json_t *reply, long status)
{
	json_t		*error;
	const char	*message = NULL, *field = NULL;

	if (ctx->json && reply != NULL) {
		aer_print_json(stdout, reply);
		return (AER_EXIT_FAIL);
	}
	if ((error = json_object_get(reply, "error")) != NULL) {
		message = json_string_value(json_object_get(error, "message"));
		if (message == NULL)
			message = json_string_value(json_object_get(error,
			    "code"));
		field = json_string_value(json_object_get(error, "field"));
	}
	fputs("aer: ", stderr);
	if (message != NULL)
		aer_print_text(stderr, message);
	else
		fprintf(stderr, "aerd at %s answered HTTP %ld",
		    aer_where(ctx), status);
	if (field != NULL) {
		fputs(" (field: ", stderr);
		aer_print_text(stderr, field);
		fputc(')', stderr);
	}
	fputc('\n', stderr);
	return (AER_EXIT_FAIL);
}

/*
 * http_request for callers that only want success: returns 0 with *reply
 * set on a 2xx, else tells the user and returns the exit status.
 */
int
http_call(struct aer_ctx *ctx, const char *method, const char *path,
    json_t *body, const char *receipt, json_t **reply)
{
	long	status;
	int	rc;

	if (http_request(ctx, method, path, body, receipt, reply,
	    &status) != 0)
		return (AER_EXIT_FAIL);
	if (status >= 200 && status < 300)
		return (AER_EXIT_OK);
	rc = http_error(ctx, *reply, status);
	json_decref(*reply);
	*reply = NULL;
	return (rc);
}
