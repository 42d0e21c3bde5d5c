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
 * Receipts: the one secret a reporter holds. 100 bits from the operating
 * system's random source, written in Crockford base32 (no look-alike
 * characters) in groups of four for reading aloud. Only the SHA-256 of the
 * canonical form is ever stored.
 */
#include "config.h"

#include <sys/random.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>

#include "aerd.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Encodes the first 100 bits of bits[], most significant bit first. */
void
receipt_encode(const unsigned char bits[13], char text[AER_RECEIPT_TEXT_LEN + 1])
{
	unsigned int	acc = 0;
	int		have = 0, i, n = 0, out = 0;

	for (i = 0; n < AER_RECEIPT_CHARS; ) {
		if (have < 5) {
			acc = ((acc << 8) | bits[i++]) & 0xffff;
			have += 8;
		}
		have -= 5;
		if (n > 0 && n % AER_RECEIPT_GROUP == 0)
			text[out++] = '-';
		text[out++] = crockford[(acc >> have) & 0x1f];
		n++;
	}
	text[out] = '\0';
}

static int
random_bytes(unsigned char *buf, size_t len)
{
	size_t	got = 0;
	ssize_t	r;

	while (got < len) {
		r = getrandom(buf + got, len - got, 0);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

/* Returns 0, or -1 if the operating system gave no randomness. */
/*
 * Puts the n strings of v in an order drawn from the operating system's
 * random source (Fisher-Yates, each choice by rejection so that every
 * order is equally likely). -1 if none is had: v is then in no order
 * to rely on.
 */
int
random_shuffle(char **v, size_t n)
{
	uint32_t	 r, bound, lim;
	size_t		 i, j;
	char		*t;

	for (i = n; i > 1; i--) {
		bound = (uint32_t)i;
		lim = UINT32_MAX - UINT32_MAX % bound;
		do {
			if (random_bytes((unsigned char *)&r, sizeof(r)) == -1)
				return -1;
		} while (r >= lim);
		j = r % bound;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
	return 0;
}

int
receipt_generate(char text[AER_RECEIPT_TEXT_LEN + 1])
{
	unsigned char	bits[13];

	if (random_bytes(bits, sizeof(bits)) == -1)
		return -1;
	receipt_encode(bits, text);
	explicit_bzero(bits, sizeof(bits));
	return 0;
}

/* A bearer token: "aer_" and 160 random bits in Crockford base32. */
int
token_generate(char text[TOKEN_LEN + 1])
{
	unsigned char	bits[20];
	int		i;

	if (random_bytes(bits, sizeof(bits)) == -1)
		return -1;
	memcpy(text, "aer_", 4);
	for (i = 0; i < 32; i++)
		text[4 + i] = crockford[(bits[i * 5 / 8] << 8 |
		    (i * 5 / 8 + 1 < 20 ? bits[i * 5 / 8 + 1] : 0)) >>
		    (11 - i * 5 % 8) & 0x1f];
	text[TOKEN_LEN] = '\0';
	explicit_bzero(bits, sizeof(bits));
	return 0;
}

int
sha256_text(const char *s, unsigned char hash[RECEIPT_HASH_LEN])
{
	unsigned int	len = RECEIPT_HASH_LEN;

	return EVP_Digest(s, strlen(s), hash, &len, EVP_sha256(), NULL) == 1 &&
	    len == RECEIPT_HASH_LEN ? 0 : -1;
}

static int
decode_char(int c)
{
	c = toupper((unsigned char)c);
	if (c == 'O')
		return '0';
	if (c == 'I' || c == 'L')
		return '1';
	if (c == 'U' || strchr(crockford, c) == NULL)
		return -1;
	return c;
}

/*
 * Reads what a person typed: any case, '-' and spaces anywhere, I and L
 * for 1, O for 0. Returns 0 with the canonical 20 characters, or -1.
 */
int
receipt_normalize(const char *in, char canon[AER_RECEIPT_CHARS + 1])
{
	size_t	n = 0;
	int	c;

	for (; *in != '\0'; in++) {
		if (*in == '-' || isspace((unsigned char)*in))
			continue;
		if (n == AER_RECEIPT_CHARS)
			return -1;
		if ((c = decode_char(*in)) == -1)
			return -1;
		canon[n++] = (char)c;
	}
	if (n != AER_RECEIPT_CHARS)
		return -1;
	canon[n] = '\0';
	return 0;
}

/* SHA-256 of the canonical form; -1 if the text is not a receipt. */
int
receipt_hash(const char *in, unsigned char hash[RECEIPT_HASH_LEN])
{
	char		canon[AER_RECEIPT_CHARS + 1];
	unsigned int	len = RECEIPT_HASH_LEN;
	int		rc;

	if (receipt_normalize(in, canon) == -1)
		return -1;
	rc = EVP_Digest(canon, AER_RECEIPT_CHARS, hash, &len, EVP_sha256(),
	    NULL);
	explicit_bzero(canon, sizeof(canon));
	return rc == 1 && len == RECEIPT_HASH_LEN ? 0 : -1;
}
