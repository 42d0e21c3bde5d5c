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
 * TLS for the tls_listen listeners: one SSL_CTX, made from tls_certificate
 * and tls_key and checked as aerd -n checks it, and made again on SIGHUP.
 * Each connection takes a reference to the context in force when it is
 * accepted (SSL_new), so a reload changes the certificate for the
 * connections accepted after it and leaves the open ones as they are.
 *
 * What is offered: TLS 1.2 and 1.3 only; for 1.2, ECDHE key exchange with
 * AES-GCM or ChaCha20-Poly1305, in the server's order of preference; no
 * compression, no renegotiation, and no session resumption, so that aerd
 * never links one connection to another.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "aerd.h"

#define TLS12_CIPHERS \
	"ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:" \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:" \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

struct tls {
	SSL_CTX	*ctx;
};

/* OpenSSL's reason for the first error it queued, and the queue emptied. */
static const char *
reason(char *buf, size_t len)
{
	unsigned long	 e = ERR_get_error();
	const char	*r;

	if (e == 0)
		snprintf(buf, len, "no reason given");
	else if ((r = ERR_reason_error_string(e)) != NULL)
		snprintf(buf, len, "%s", r);
	else
		ERR_error_string_n(e, buf, len);
	ERR_clear_error();
	return buf;
}

/* Never asks for a passphrase: aerd starts with no one at a terminal. */
static int
no_passphrase(char *buf, int size, int rwflag, void *arg)
{
	return -1;
}

/*
 * The key: a regular file that only its owner may read, since whoever
 * reads it can pose as this server.
 */
static int
load_key(SSL_CTX *ctx, const char *path, const char *cert, char *err,
    size_t errlen)
{
	struct stat	 sb;
	EVP_PKEY	*key;
	FILE		*fp;
	char		 why[256];
	int		 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1 ||
	    fstat(fd, &sb) == -1) {
		snprintf(err, errlen, "cannot read the tls_key %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || (sb.st_mode & (S_IRWXG | S_IRWXO))) {
		snprintf(err, errlen, "the tls_key %s %s; make it a file only "
		    "its owner reads (chmod 600)", path, S_ISREG(sb.st_mode) ?
		    "may be read by group or others" : "is not a file");
		close(fd);
		return -1;
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		snprintf(err, errlen, "cannot read the tls_key %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	key = PEM_read_PrivateKey(fp, NULL, no_passphrase, NULL);
	fclose(fp);
	if (key == NULL) {
		snprintf(err, errlen, "the tls_key %s holds no private key "
		    "aerd can use (PEM, without a passphrase): %s", path,
		    reason(why, sizeof(why)));
		return -1;
	}
	/* OpenSSL compares the key with the certificate here. */
	rc = SSL_CTX_use_PrivateKey(ctx, key);
	EVP_PKEY_free(key);
	if (rc != 1) {
		snprintf(err, errlen, "the tls_key %s does not match the "
		    "tls_certificate %s: %s", path, cert,
		    reason(why, sizeof(why)));
		return -1;
	}
	return 0;
}

/* A certificate past its end still loads (the clients will refuse it),
 * and is said. */
static void
warn_expiry(SSL_CTX *ctx, const char *path)
{
	X509	*x = SSL_CTX_get0_certificate(ctx);

	if (x == NULL)
		return;
	if (X509_cmp_current_time(X509_get0_notAfter(x)) <= 0)
		log_warnx("the tls_certificate %s has expired; clients will "
		    "refuse it", path);
	else if (X509_cmp_current_time(X509_get0_notBefore(x)) >= 0)
		log_warnx("the tls_certificate %s is not valid yet; clients "
		    "will refuse it", path);
}

static SSL_CTX *
context(const char *cert, const char *key, char *err, size_t errlen)
{
	SSL_CTX	*ctx;
	char	 why[256];
	int	 fd;

	ERR_clear_error();
	if ((fd = open(cert, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		snprintf(err, errlen, "cannot read the tls_certificate %s: %s",
		    cert, strerror(errno));
		return NULL;
	}
	close(fd);
	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL ||
	    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS) != 1 ||
	    SSL_CTX_set_num_tickets(ctx, 0) != 1) {
		snprintf(err, errlen, "cannot set up TLS: %s",
		    reason(why, sizeof(why)));
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION |
	    SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE |
	    SSL_OP_NO_TICKET);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		snprintf(err, errlen, "the tls_certificate %s holds no "
		    "certificate aerd can use (PEM): %s", cert,
		    reason(why, sizeof(why)));
		SSL_CTX_free(ctx);
		return NULL;
	}
	if (load_key(ctx, key, cert, err, errlen) == -1) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		snprintf(err, errlen, "the tls_key %s does not match the "
		    "tls_certificate %s: %s", key, cert,
		    reason(why, sizeof(why)));
		SSL_CTX_free(ctx);
		return NULL;
	}
	warn_expiry(ctx, cert);
	return ctx;
}

struct tls *
tls_new(const char *cert, const char *key, char *err, size_t errlen)
{
	struct tls	*t;

	if ((t = calloc(1, sizeof(*t))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((t->ctx = context(cert, key, err, errlen)) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

/* A new pair for the connections to come; a broken one changes nothing. */
int
tls_reload(struct tls *t, const char *cert, const char *key, char *err,
    size_t errlen)
{
	SSL_CTX	*ctx;

	if ((ctx = context(cert, key, err, errlen)) == NULL)
		return -1;
	SSL_CTX_free(t->ctx);	/* open connections hold their own ref */
	t->ctx = ctx;
	return 0;
}

/*
 * A bufferevent for evhttp that does the server's side of the handshake
 * on the socket evhttp gives it, and closes that socket when freed.
 */
struct bufferevent *
tls_bufferevent(struct tls *t, struct event_base *base)
{
	struct bufferevent	*bev;
	SSL			*ssl;

	if ((ssl = SSL_new(t->ctx)) == NULL) {
		ERR_clear_error();
		return NULL;
	}
	bev = bufferevent_openssl_socket_new(base, -1, ssl,
	    BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
	if (bev == NULL)
		SSL_free(ssl);
	return bev;
}

void
tls_free(struct tls *t)
{
	if (t == NULL)
		return;
	SSL_CTX_free(t->ctx);
	free(t);
}
