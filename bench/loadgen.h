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
 * loadgen's shared state: the options, the connections, the counters.
 */
#ifndef BENCH_LOADGEN_H
#define BENCH_LOADGEN_H

#include <sys/socket.h>

#include <stdint.h>

#include "hist.h"

enum kind { KIND_FILE, KIND_FOLLOWUP, KIND_QUEUE, KIND__COUNT };
extern const char *const kind_names[KIND__COUNT];
/* With -r, the phases SIGUSR1 and SIGUSR2 mark (lg-rate.c). */
enum phase { PHASE_BEFORE, PHASE_DURING, PHASE_AFTER, PHASE__COUNT };
extern const char *const phase_names[PHASE__COUNT];

#define RECEIPTS	4096	/* the most recent receipts kept for follow-ups */
#define RECEIPT_MAX	32
#define BODIES		8	/* report bodies sent in turn */

struct lg;

/* A request due (-r) that waits for a connection. */
struct due {
	uint64_t	t;
	int		phase;
};

struct conn {
	struct lg		*lg;
	struct bufferevent	*bev;
	enum kind		 kind;		/* of the request in flight */
	int			 phase;		/* when it fell due (-r) */
	uint64_t		 t0;		/* when it was sent, or due */
	int			 busy;
	int			 connected;
	/* The reply being read. */
	int			 have_head;
	int			 status;
	int			 closing;	/* "Connection: close" */
	size_t			 head_len, body_len;
};

struct lg {
	struct event_base	*base;
	struct sockaddr_storage	 addr;
	socklen_t		 addrlen;
	int			 tcp;
	struct ssl_ctx_st	*tls;		/* https://, or NULL */
	char			 target[300];
	const char		*token;
	int			 kv;
	int			 mix[KIND__COUNT];	/* percent */
	int			 nconns;
	double			 duration, warmup;
	unsigned long long	 limit;		/* requests; 0: duration */

	struct conn		*conns;
	int			 connected, failed_connects;
	int			 stopping;
	int			 recording;
	uint64_t		 t_start, t_record, t_end, t_last;
	unsigned long long	 sent;
	struct event		*grace;		/* after stop: a bound */

	/* Pre-built requests. */
	char			*file_req[BODIES];
	size_t			 file_len[BODIES];
	char			*queue_req;
	size_t			 queue_len;
	unsigned		 next_body;
	uint64_t		 rng;

	char			 receipts[RECEIPTS][RECEIPT_MAX];
	unsigned long long	 nreceipts;

	/* The open loop (-r): requests a second, how many fell due, those
	 * waiting for a connection, the phase and when it changed. */
	double			 rate;
	struct event		*tick;		/* when the next is due */
	unsigned long long	 scheduled, backlogged, unsent;
	struct due		*backlog;
	size_t			 nbacklog, backlog_cap, backlog_head;
	size_t			 backlog_max;
	int			 next_idle, phase;
	uint64_t		 t_phase[2];
	struct hist		 hp[PHASE__COUNT];

	/* Counters: while recording (after the warm-up) ... */
	struct hist		 h[KIND__COUNT];
	unsigned long long	 ok[KIND__COUNT], bad[KIND__COUNT];
	unsigned long long	 status_counts[6];	/* by hundreds */
	unsigned long long	 errors;	/* non-2xx, drops, unanswered */
	unsigned long long	 drops;
	unsigned long long	 reconnects;	/* after "Connection: close" */
	/* ... and over the whole run, warm-up included. */
	unsigned long long	 created;	/* 201s to POST /v1/reports */
};

uint64_t	now_ns(void);

/* lg-conn.c */
int		requests_init(struct lg *);
int		conn_open(struct conn *);
void		conn_send(struct conn *);
void		conn_send_at(struct conn *, uint64_t t0);
void		lg_stop(struct lg *);
void		lg_start_recording(struct lg *);

/* lg-rate.c */
int		rate_start(struct lg *);
void		rate_idle(struct conn *);
void		rate_stop(struct lg *);

/* lg-report.c */
void		report(struct lg *);

#endif
