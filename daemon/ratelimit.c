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
 * Receipt guessing costs the guesser: each caller (a local uid, or all of
 * TCP together) has a small bucket of failed lookups that refills slowly;
 * once it is empty, that caller's lookups are refused with 429 until it
 * refills. A right receipt costs nothing. The table lives in memory only,
 * holds no receipt and no report, and forgets a caller within minutes.
 */
#include "config.h"


#include "aerd.h"

#define BUCKETS		64
#define BURST		10	/* failed lookups before a pause */
#define REFILL		6	/* seconds for one more */

static struct bucket {
	unsigned long long	key;
	time_t			stamp;	/* when tokens was last right */
	int			tokens;
	int			used;
} table[BUCKETS];

static struct bucket *
bucket(unsigned long long key, time_t now)
{
	struct bucket	*b, *oldest = &table[0];
	int		 gained;

	for (b = table; b < table + BUCKETS; b++) {
		if (b->used && b->key == key)
			break;
		if (!b->used || b->stamp < oldest->stamp)
			oldest = b;
	}
	if (b == table + BUCKETS) {
		b = oldest;
		b->used = 1;
		b->key = key;
		b->tokens = BURST;
		b->stamp = now;
	}
	gained = (int)((now - b->stamp) / REFILL);
	if (gained > 0) {
		b->tokens = b->tokens + gained > BURST ? BURST :
		    b->tokens + gained;
		b->stamp += (time_t)gained * REFILL;
	}
	return b;
}

/* Seconds until this caller may look up again; 0 if it may now. */
int
ratelimit_wait(unsigned long long key, time_t now)
{
	struct bucket	*b = bucket(key, now);

	return b->tokens > 0 ? 0 : (int)(b->stamp + REFILL - now);
}

/* A failed lookup: one token less. */
void
ratelimit_charge(unsigned long long key, time_t now)
{
	struct bucket	*b = bucket(key, now);

	if (b->tokens > 0)
		b->tokens--;
}

