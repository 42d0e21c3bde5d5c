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
 * fuzz_receipt: whatever arrives after "Authorization: Receipt " (a
 * NUL-terminated copy of the input) through receipt_normalize and
 * receipt_hash, as route-followup.c reads it.
 *
 * Asserts: normalize and hash agree on what is a receipt; a canonical
 * form is 20 characters of the Crockford alphabet; forms that normalize
 * alike hash alike (the canonical form, its lower case, and it grouped
 * with '-' and spaces); and receipt_encode's output of the input's
 * first 13 bytes reads back as itself.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_canonical(const char canon[AER_RECEIPT_CHARS + 1])
{
	size_t	i;

	CHECK(strlen(canon) == AER_RECEIPT_CHARS);
	for (i = 0; i < AER_RECEIPT_CHARS; i++)
		CHECK(canon[i] != '\0' && strchr(alphabet, canon[i]) != NULL);
}

/* The canonical form written as a person might type it. */
static void
check_variants(const char canon[AER_RECEIPT_CHARS + 1],
    const unsigned char hash[RECEIPT_HASH_LEN])
{
	unsigned char	h[RECEIPT_HASH_LEN];
	char		again[AER_RECEIPT_CHARS + 1];
	char		typed[3 * AER_RECEIPT_CHARS + 1];
	size_t		i, n = 0;

	CHECK(receipt_hash(canon, h) == 0);
	CHECK(memcmp(h, hash, sizeof(h)) == 0);
	for (i = 0; i < AER_RECEIPT_CHARS; i++) {
		if (i > 0 && i % AER_RECEIPT_GROUP == 0)
			typed[n++] = i % 8 ? '-' : ' ';
		typed[n++] = (char)tolower((unsigned char)canon[i]);
	}
	typed[n] = '\0';
	CHECK(receipt_normalize(typed, again) == 0);
	CHECK(strcmp(again, canon) == 0);
	CHECK(receipt_hash(typed, h) == 0);
	CHECK(memcmp(h, hash, sizeof(h)) == 0);
}

static void
check_encode(const uint8_t *data, size_t size)
{
	unsigned char	bits[13] = { 0 };
	char		text[AER_RECEIPT_TEXT_LEN + 1];
	char		again[AER_RECEIPT_TEXT_LEN + 1];
	char		canon[AER_RECEIPT_CHARS + 1];
	size_t		i, n = 0;

	memcpy(bits, data, size < sizeof(bits) ? size : sizeof(bits));
	memset(text, 'x', sizeof(text));
	receipt_encode(bits, text);
	CHECK(strlen(text) == AER_RECEIPT_TEXT_LEN);
	for (i = 0; i < AER_RECEIPT_TEXT_LEN; i++) {
		if (i % (AER_RECEIPT_GROUP + 1) == AER_RECEIPT_GROUP)
			CHECK(text[i] == '-');
		else
			CHECK(strchr(alphabet, text[i]) != NULL &&
			    text[i] != '\0');
	}
	CHECK(receipt_normalize(text, canon) == 0);
	for (i = 0; i < AER_RECEIPT_TEXT_LEN; i++)
		if (text[i] != '-')
			CHECK(canon[n++] == text[i]);
	/* 100 bits: the first 12 bytes and the high nibble of the 13th. */
	bits[12] ^= 0x0f;
	receipt_encode(bits, again);
	CHECK(strcmp(again, text) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char	h1[RECEIPT_HASH_LEN], h2[RECEIPT_HASH_LEN];
	char		canon[AER_RECEIPT_CHARS + 1], *in;
	int		n, h;

	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	memset(canon, 'x', sizeof(canon));
	n = receipt_normalize(in, canon);
	h = receipt_hash(in, h1);
	CHECK(n == 0 || n == -1);
	CHECK(n == h);
	if (n == 0) {
		check_canonical(canon);
		CHECK(receipt_hash(canon, h2) == 0);
		CHECK(memcmp(h1, h2, sizeof(h1)) == 0);
		check_variants(canon, h1);
	}
	check_encode(data, size);
	free(in);
	return 0;
}
