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
 * loadgen's report: per kind of request and for all together, the count,
 * throughput, and latency percentiles from the histograms; never a mean
 * alone; with -r, the same per phase (lg-rate.c). With --kv, one line of
 * key=value pairs for scripts.
 */
#include <stdio.h>

#include "loadgen.h"

static double
ms(uint64_t ns)
{
	return (double)ns / 1e6;
}

static void
row(const char *name, const struct hist *h, unsigned long long bad,
    double secs)
{
	printf("%-9s %9llu %7llu %10.1f %9.3f %9.3f %9.3f %9.3f\n", name,
	    (unsigned long long)h->n, bad, (double)h->n / secs,
	    ms(hist_quantile(h, 0.50)), ms(hist_quantile(h, 0.90)),
	    ms(hist_quantile(h, 0.99)), ms(h->max));
}

/* The open loop's figures (-r), per phase, as key=value pairs. */
static void
rate_kv(const struct lg *lg)
{
	const struct hist	*h;
	int			 p;

	printf(" rate=%.1f due=%llu backlogged=%llu backlog_max=%zu "
	    "unsent=%llu", lg->rate, lg->scheduled, lg->backlogged,
	    lg->backlog_max, lg->unsent);
	if (lg->t_phase[0] != 0)
		printf(" during_s=%.3f", (double)((lg->t_phase[1] ?
		    lg->t_phase[1] : lg->t_end) - lg->t_phase[0]) / 1e9);
	for (p = 0; p < PHASE__COUNT; p++) {
		h = &lg->hp[p];
		if (h->n > 0)
			printf(" %s_n=%llu %s_p50_ms=%.3f %s_p99_ms=%.3f "
			    "%s_max_ms=%.3f", phase_names[p],
			    (unsigned long long)h->n, phase_names[p],
			    ms(hist_quantile(h, 0.50)), phase_names[p],
			    ms(hist_quantile(h, 0.99)), phase_names[p],
			    ms(h->max));
	}
}

void
report(struct lg *lg)
{
	struct hist		 all;
	double			 secs;
	unsigned long long	 n;
	int			 k;

	hist_init(&all);
	for (k = 0; k < KIND__COUNT; k++)
		hist_merge(&all, &lg->h[k]);
	secs = (double)(lg->t_end - lg->t_record) / 1e9;
	if (secs <= 0)
		secs = 1e-9;
	if (lg->kv) {
		printf("target=%s conns=%d seconds=%.3f requests=%llu rps=%.1f "
		    "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
		    "errors=%llu drops=%llu reconnects=%llu created=%llu",
		    lg->target,
		    lg->nconns, secs, (unsigned long long)all.n,
		    (double)all.n / secs, ms(hist_quantile(&all, 0.50)),
		    ms(hist_quantile(&all, 0.90)),
		    ms(hist_quantile(&all, 0.99)), ms(all.max), lg->errors,
		    lg->drops, lg->reconnects, lg->created);
		for (k = 0; k < KIND__COUNT; k++)
			if (lg->h[k].n > 0)
				printf(" %s_n=%llu %s_p50_ms=%.3f "
				    "%s_p99_ms=%.3f %s_max_ms=%.3f",
				    kind_names[k],
				    (unsigned long long)lg->h[k].n,
				    kind_names[k],
				    ms(hist_quantile(&lg->h[k], 0.50)),
				    kind_names[k],
				    ms(hist_quantile(&lg->h[k], 0.99)),
				    kind_names[k], ms(lg->h[k].max));
		if (lg->rate > 0)
			rate_kv(lg);
		printf("\n");
		return;
	}
	printf("%s, %d connection%s, %.2f s measured", lg->target,
	    lg->nconns, lg->nconns == 1 ? "" : "s", secs);
	if (lg->warmup > 0)
		printf(" after %.2f s of warm-up", lg->warmup);
	printf("\n%-9s %9s %7s %10s %9s %9s %9s %9s\n", "kind", "requests",
	    "non-2xx", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
	for (n = 0, k = 0; k < KIND__COUNT; k++) {
		n += lg->bad[k];
		if (lg->h[k].n > 0)
			row(kind_names[k], &lg->h[k], lg->bad[k], secs);
	}
	row("all", &all, n, secs);
	if (lg->rate > 0) {
		for (k = 0; k < PHASE__COUNT; k++)
			if (lg->hp[k].n > 0)
				row(phase_names[k], &lg->hp[k], 0, secs);
		printf("open loop at %.1f/s: %llu due, %llu waited for a "
		    "connection (at most %zu at once), %llu never sent\n",
		    lg->rate, lg->scheduled, lg->backlogged, lg->backlog_max,
		    lg->unsent);
	}
	printf("errors %llu (non-2xx, dropped or unanswered, warm-up "
	    "included; must be 0); reports created %llu\n", lg->errors,
	    lg->created);
	printf("replies by class: 1xx %llu, 2xx %llu, 3xx %llu, 4xx %llu, "
	    "5xx %llu; connections closed by the server after a reply and "
	    "opened again: %llu\n", lg->status_counts[1], lg->status_counts[2],
	    lg->status_counts[3], lg->status_counts[4], lg->status_counts[5],
	    lg->reconnects);
}
