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
 * The audit chain: each entry's hash covers the hash of the entry before
 * it and every field of its own, so that altering, removing or reordering
 * an entry breaks the chain from there on. Pure: no SQL, no HTTP.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "aerd.h"

/* Each field: an 8-byte big-endian length, then its bytes; NULL is ~0. */
static int
add_field(EVP_MD_CTX *ctx, const char *s)
{
	unsigned char		len[8];
	unsigned long long	n = s ? strlen(s) : ~0ULL;
	int			i;

	for (i = 7; i >= 0; i--) {
		len[i] = (unsigned char)(n & 0xff);
		n >>= 8;
	}
	if (EVP_DigestUpdate(ctx, len, sizeof(len)) != 1)
		return -1;
	if (s != NULL && EVP_DigestUpdate(ctx, s, strlen(s)) != 1)
		return -1;
	return 0;
}

int
audit_hash(const unsigned char prev[AUDIT_HASH_LEN],
    const struct audit_entry *e, unsigned char out[AUDIT_HASH_LEN])
{
	EVP_MD_CTX	*ctx;
	char		 seq[32];
	unsigned int	 len = 0;
	int		 rc = -1;

	snprintf(seq, sizeof(seq), "%lld", e->seq);
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	    EVP_DigestUpdate(ctx, prev, AUDIT_HASH_LEN) == 1 &&
	    add_field(ctx, seq) == 0 && add_field(ctx, e->report_id) == 0 &&
	    add_field(ctx, e->at) == 0 && add_field(ctx, e->role) == 0 &&
	    add_field(ctx, e->actor) == 0 && add_field(ctx, e->change) == 0 &&
	    EVP_DigestFinal_ex(ctx, out, &len) == 1 && len == AUDIT_HASH_LEN)
		rc = 0;
	EVP_MD_CTX_free(ctx);
	return rc;
}
