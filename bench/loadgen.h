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

#define RECEIPTS	4096	/* the most recent receipts kept for follow-ups */
#define RECEIPT_MAX	32
#define BODIES		8	/* report bodies sent in turn */

struct lg;

struct conn {
	struct lg		*lg;
	struct bufferevent	*bev;
	enum kind		 kind;		/* of the request in flight */
	uint64_t		 t0;		/* when it was sent */
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
void		lg_stop(struct lg *);
void		lg_start_recording(struct lg *);

/* lg-report.c */
void		report(struct lg *);

#endif
