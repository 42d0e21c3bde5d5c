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
 * Which aerd to talk to, how, and why: each setting from the command
 * line, else the environment, else the user's aer.conf, else the
 * system's (config.c), else a default; and the reason kept, for aer
 * --help to show.
 *
 * https:// goes to any host, its certificate checked; http:// only to
 * this machine, as aerd itself listens on plain TCP only on loopback:
 * over the network, reports, receipts and tokens would travel in the
 * clear. There is no way to skip the certificate check.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "aer.h"

static const char *
server_env(const char *name)
{
	const char	*value = getenv(name);

	return (value != NULL && *value != '\0' ? value : NULL);
}

/* localhost, 127.0.0.0/8 written as four numbers, or [::1]. */
static int
server_loopback(const char *host)
{
	unsigned	 o[4];
	char		 extra;

	if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0)
		return (1);
	return (strspn(host, "0123456789.") == strlen(host) &&
	    sscanf(host, "%u.%u.%u.%u%c", &o[0], &o[1], &o[2], &o[3],
	    &extra) == 4 && o[0] == 127 && o[1] < 256 && o[2] < 256 &&
	    o[3] < 256);
}

/*
 * Check a URL for aerd and find its host, for messages: 0, or -1 with
 * err saying why aer will not use it. Without a scheme it is http://,
 * as libcurl takes it.
 */
int
server_url_check(const char *url, char *host, size_t hostlen, int *tls,
    char *err, size_t errlen)
{
	const char	*auth, *end, *hend, *port;
	size_t		 n;

	*tls = 0;
	if (strncasecmp(url, "https://", 8) == 0) {
		*tls = 1;
		auth = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0)
		auth = url + 7;
	else if (strstr(url, "://") != NULL) {
		snprintf(err, errlen, "%s is not a URL aer can use: aer "
		    "speaks https://, and http:// on this machine", url);
		return (-1);
	} else
		auth = url;
	end = auth + strcspn(auth, "/?#");
	if (memchr(auth, '@', (size_t)(end - auth)) != NULL) {
		snprintf(err, errlen, "%s: a URL for aer holds no user name "
		    "or password; a token goes in a file (--token-file)", url);
		return (-1);
	}
	if (*auth == '[') {
		if ((hend = memchr(auth, ']', (size_t)(end - auth))) == NULL)
			hend = auth;	/* no host */
		else
			hend++;
	} else
		hend = auth + strcspn(auth, ":/?#");
	port = hend;
	if (*port == ':')
		port++;
	n = (size_t)(hend - auth);
	if (n == 0 || n >= hostlen || (port == hend && hend != end) ||
	    (port != hend && (port == end || end - port > 5 ||
	    strspn(port, "0123456789") < (size_t)(end - port)))) {
		snprintf(err, errlen, "%s is not a URL aer can use: it names "
		    "no host, or no port after the host's ':'", url);
		return (-1);
	}
	memcpy(host, auth, n);
	host[n] = '\0';
	if (!*tls && !server_loopback(host)) {
		snprintf(err, errlen, "%s would carry reports, receipts and "
		    "tokens across the network where others can read them; "
		    "aer uses http:// only on this machine. Use https://%s, "
		    "or ask IT for the right address", url, auth);
		return (-1);
	}
	return (0);
}

static void
server_pick(struct server_pick *p, const char *value, const char *from)
{
	p->value = value;
	p->from = from;
	p->dflt = 0;
}

/* A setting from the files, if one of them sets it. */
static int
server_pick_conf(struct server_pick *p, const struct conf *c, int key)
{
	if (c->value[key] == NULL)
		return (0);
	server_pick(p, c->value[key], c->from[key]);
	return (1);
}

/* Where aerd is: a URL or a socket. */
static int
server_pick_where(struct server *s, const struct server_flags *f)
{
	const char	*v, *home;
	struct stat	 sb;
	size_t		 len;

	if (f->url != NULL)
		server_pick(&s->url, f->url, "--url");
	else if (f->socket != NULL)
		server_pick(&s->socket, f->socket, "--socket");
	else if ((v = server_env(AER_ENV_URL)) != NULL)
		server_pick(&s->url, v, "$" AER_ENV_URL);
	else if ((v = server_env(AER_ENV_SOCKET)) != NULL)
		server_pick(&s->socket, v, "$" AER_ENV_SOCKET);
	else if ((home = server_env(AER_ENV_HOME)) != NULL) {
		len = strlen(home) + 1 + strlen(AER_LOCAL_SOCKET) + 1;
		if ((s->home_socket = malloc(len)) == NULL)
			return (-1);
		snprintf(s->home_socket, len, "%s/%s", home,
		    AER_LOCAL_SOCKET);
		server_pick(&s->socket, s->home_socket, "$" AER_ENV_HOME);
	} else if (server_pick_conf(&s->url, &s->conf, CONF_URL) ||
	    server_pick_conf(&s->socket, &s->conf, CONF_SOCKET))
		;
	else if (stat(AER_LOCAL_SOCKET, &sb) == 0) {
		server_pick(&s->socket, "./" AER_LOCAL_SOCKET,
		    "found in this directory");
		s->socket.dflt = 1;
	} else {
		server_pick(&s->socket, AER_SYSTEM_SOCKET, "the default");
		s->socket.dflt = 1;
	}
	return (0);
}

/*
 * Read the files and pick every setting. Returns 0, or -1 with s->err
 * saying which file is wrong and where.
 */
int
server_load(struct server *s, const struct server_flags *f)
{
	char		 user[4096];
	const char	*v;

	memset(s, 0, sizeof(*s));
	conf_init(&s->conf);
	if (conf_load(&s->conf, conf_system_path(), s->err,
	    sizeof(s->err)) == -1 || (conf_user_path(user, sizeof(user)) == 0 &&
	    conf_load(&s->conf, user, s->err, sizeof(s->err)) == -1))
		return (-1);
	if (server_pick_where(s, f) == -1) {
		snprintf(s->err, sizeof(s->err), "out of memory");
		return (-1);
	}

	if (f->cacert != NULL)
		server_pick(&s->cacert, f->cacert, "--cacert");
	else if ((v = server_env(AER_ENV_CACERT)) != NULL)
		server_pick(&s->cacert, v, "$" AER_ENV_CACERT);
	else
		server_pick_conf(&s->cacert, &s->conf, CONF_CACERT);

	/* token.value is a file; from $AER_TOKEN it is the token. */
	if (f->token_file != NULL)
		server_pick(&s->token, f->token_file, "--token-file");
	else if (server_env(AER_ENV_TOKEN) != NULL)
		server_pick(&s->token, NULL, "$" AER_ENV_TOKEN);
	else
		server_pick_conf(&s->token, &s->conf, CONF_TOKEN_FILE);

	/*
	 * An empty --proxy or $AER_PROXY is none, over the files'.
	 * http_proxy and the like are never used (http.c): they would send
	 * every request, a receipt or a token with it, to whatever they
	 * name, and a workstation may set them for the web browser.
	 */
	if (f->proxy != NULL)
		server_pick(&s->proxy, f->proxy, "--proxy");
	else if ((v = getenv(AER_ENV_PROXY)) != NULL)
		server_pick(&s->proxy, v, "$" AER_ENV_PROXY);
	else
		server_pick_conf(&s->proxy, &s->conf, CONF_PROXY);
	return (0);
}

void
server_free(struct server *s)
{
	conf_free(&s->conf);
	free(s->home_socket);
	s->home_socket = NULL;
}

/* " (from WHERE)" after col columns, on a line of its own if need be. */
static void
server_from(FILE *fp, int col, const struct server_pick *p)
{
	const char	*from = p->dflt ? "" : "from ";

	if (col < 0 || col + 3 + strlen(from) + strlen(p->from) > 79)
		fputs("\n   ", fp);
	fprintf(fp, " (%s%s)\n", from, p->from);
}

/* For aer --help: where aer would go, and why. */
void
server_describe(const struct server *s, FILE *fp)
{
	char	 host[URL_HOST_MAX], err[512];
	int	 tls = 0;

	if (*s->err != '\0') {
		fprintf(fp, "Server: cannot tell: %s\n", s->err);
		return;
	}
	if (s->url.value == NULL) {
		server_from(fp, fprintf(fp, "Server: aerd on the socket %s",
		    s->socket.value), &s->socket);
		return;
	}
	server_from(fp, fprintf(fp, "Server: %s", s->url.value), &s->url);
	if (server_url_check(s->url.value, host, sizeof(host), &tls, err,
	    sizeof(err)) == -1) {
		fprintf(fp, "  which aer will not use: %s\n", err);
		return;
	}
	if (tls && s->cacert.value != NULL) {
		server_from(fp, fprintf(fp, "  its certificate checked against "
		    "%s", s->cacert.value), &s->cacert);
	} else if (tls)
		fputs("  its certificate checked against the authorities "
		    "this computer trusts\n", fp);
	if (s->token.from == NULL)
		fputs("  no token: you are a reporter\n", fp);
	else if (s->token.value == NULL)
		fputs("  the token in $" AER_ENV_TOKEN "\n", fp);
	else {
		server_from(fp, fprintf(fp, "  the token in %s",
		    s->token.value), &s->token);
	}
	if (s->proxy.value != NULL && *s->proxy.value != '\0') {
		server_from(fp, fprintf(fp, "  through the proxy %s",
		    s->proxy.value), &s->proxy);
	}
}

static char *
server_strdup(const char *s)
{
	char	*copy;

	if ((copy = strdup(s)) == NULL)
		aer_warnx("out of memory");
	return (copy);
}

/* The URL, its host and scheme into ctx; 0 or an exit status. */
static int
server_apply_url(const struct server *s, struct aer_ctx *ctx)
{
	char	 host[URL_HOST_MAX], err[512];
	size_t	 len;

	if (server_url_check(s->url.value, host, sizeof(host), &ctx->tls,
	    err, sizeof(err)) == -1) {
		aer_warnx("%s: %s", s->url.from, err);
		return (strcmp(s->url.from, "--url") == 0 ? AER_EXIT_USAGE :
		    AER_EXIT_FAIL);
	}
	if ((ctx->url = server_strdup(s->url.value)) == NULL ||
	    (ctx->host = server_strdup(host)) == NULL)
		return (AER_EXIT_FAIL);
	len = strlen(ctx->url);
	while (len > 0 && ctx->url[len - 1] == '/')
		ctx->url[--len] = '\0';
	return (AER_EXIT_OK);
}

/* The CA to trust, over https:// only; 0 or an exit status. */
static int
server_apply_cacert(const struct server *s, const struct server_flags *f,
    struct aer_ctx *ctx)
{
	int	fd;

	if (!ctx->tls) {
		if (f->cacert == NULL)
			return (AER_EXIT_OK);
		aer_warnx("--cacert goes with an https:// URL");
		return (AER_EXIT_USAGE);
	}
	if (s->cacert.value == NULL)
		return (AER_EXIT_OK);
	if ((fd = open(s->cacert.value, O_RDONLY | O_CLOEXEC)) == -1) {
		aer_warn("cannot read the certificate authority %s (from %s)",
		    s->cacert.value, s->cacert.from);
		return (AER_EXIT_FAIL);
	}
	close(fd);
	if ((ctx->cacert = server_strdup(s->cacert.value)) == NULL)
		return (AER_EXIT_FAIL);
	return (AER_EXIT_OK);
}

/*
 * Fill ctx from the settings picked: where aerd is, the CA, the proxy
 * and the token. Returns 0 or an exit status, the user told why.
 */
int
server_apply(const struct server *s, const struct server_flags *f,
    struct aer_ctx *ctx)
{
	const char	*token_file;
	int		 rc;

	if (*s->err != '\0') {
		aer_warnx("%s", s->err);
		return (AER_EXIT_FAIL);
	}
	if (s->url.value == NULL) {
		if ((ctx->socket = server_strdup(s->socket.value)) == NULL)
			return (AER_EXIT_FAIL);
		if (f->cacert != NULL) {
			aer_warnx("--cacert goes with an https:// URL");
			return (AER_EXIT_USAGE);
		}
		if (f->proxy != NULL && *f->proxy != '\0') {
			aer_warnx("--proxy goes with --url; aerd's Unix "
			    "socket is reached directly");
			return (AER_EXIT_USAGE);
		}
		/* --token-file here is an error token_load explains. */
		return (token_load(ctx, f->token_file));
	}
	if ((rc = server_apply_url(s, ctx)) != AER_EXIT_OK ||
	    (rc = server_apply_cacert(s, f, ctx)) != AER_EXIT_OK)
		return (rc);
	if (s->proxy.value != NULL && *s->proxy.value != '\0' &&
	    (ctx->proxy = server_strdup(s->proxy.value)) == NULL)
		return (AER_EXIT_FAIL);
	/* No file, and token_load reads $AER_TOKEN if it is set. */
	token_file = s->token.value;
	return (token_load(ctx, token_file));
}
