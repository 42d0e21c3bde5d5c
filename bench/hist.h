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
 * A latency histogram with log-linear buckets, after HdrHistogram: each
 * power of two is split into HIST_SUB linear steps, so every recorded
 * value is kept to within 1/HIST_SUB (about 3%) of itself, from one
 * nanosecond to about 18 minutes, in a fixed 40 KiB.
 */
#ifndef BENCH_HIST_H
#define BENCH_HIST_H

#include <stdint.h>

#define HIST_SUB_BITS	5
#define HIST_SUB	(1 << HIST_SUB_BITS)
#define HIST_MAX_BITS	40	/* values up to 2^40 ns */
#define HIST_BUCKETS	((HIST_MAX_BITS - HIST_SUB_BITS + 1) * HIST_SUB)

struct hist {
	uint64_t	count[HIST_BUCKETS];
	uint64_t	n;
	uint64_t	min, max;	/* exact */
};

void		hist_init(struct hist *);
void		hist_add(struct hist *, uint64_t ns);
void		hist_merge(struct hist *, const struct hist *);
/* The value at or below which a share q (0..1) of the values lie. */
uint64_t	hist_quantile(const struct hist *, double q);

#endif
