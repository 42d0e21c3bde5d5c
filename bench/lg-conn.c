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

#define _GNU_SOURCE
/*
 * loadgen's connections: pre-built requests written whole, replies read
 * back by their status line and Content-Length, the next request sent as
 * soon as the last reply is in. A dropped connection is counted, and
 * opened again while the run lasts.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>

#include <openssl/ssl.h>

#include "loadgen.h"

#define HEAD_MAX	(64 * 1024)
#define GRACE_SECONDS	10	/* for replies still due after the end */

const char *const kind_names[KIND__COUNT] = { "file", "followup", "queue" };

/*
 * Eight reports, told the way staff tell them, sent in turn: every
 * event type, several categories, with and without harm, MERP category,
 * location and contributing factors. %s is the day before today.
 */
static const char *const bodies[BODIES] = {
	"{\"event_type\":\"near_miss\",\"category\":\"medication\","
	"\"harm\":\"none\",\"merp_category\":\"B\",\"occurred_at\":"
	"\"%sT14:30\",\"location\":\"4 West\",\"description\":\"Insulin "
	"drawn up for the wrong patient; caught at bedside scan before it "
	"was given. Two patients with similar names in adjacent beds.\","
	"\"immediate_actions\":\"Dose discarded, charge nurse told.\","
	"\"contributing_factors\":[\"communication\",\"fatigue_scheduling\"],"
	"\"reporter_role\":\"nurse\"}",
	"{\"event_type\":\"incident\",\"category\":\"fall\",\"harm\":\"mild\","
	"\"occurred_at\":\"%sT03:10\",\"location\":\"Orthopaedics ward 2\","
	"\"description\":\"Patient on day 2 after hip replacement got up "
	"alone to the toilet at night and fell; bed alarm was switched off. "
	"Small laceration to the forearm, dressed.\",\"immediate_actions\":"
	"\"Medical review, neuro observations, bed alarm back on.\","
	"\"contributing_factors\":[\"environment_equipment\","
	"\"patient_factors\"],\"reporter_role\":\"nurse\"}",
	"{\"event_type\":\"incident\",\"category\":\"medication\",\"harm\":"
	"\"moderate\",\"merp_category\":\"E\",\"occurred_at\":\"%sT09:00\","
	"\"location\":\"Cardiology\",\"description\":\"Enoxaparin given at "
	"treatment dose instead of prophylactic dose; weight entered in "
	"pounds as kilograms. Bleeding at the injection site, dose "
	"withheld.\",\"contributing_factors\":[\"rules_policies\",\"barriers\","
	"\"training\"],\"reporter_role\":\"pharmacist\"}",
	"{\"event_type\":\"unsafe_condition\",\"category\":\"device\","
	"\"occurred_at\":\"%s\",\"location\":\"ICU\",\"description\":"
	"\"Two infusion pumps in bay 3 still run the old drug library; "
	"the heparin concentration in it no longer matches pharmacy "
	"stock.\",\"contributing_factors\":[\"environment_equipment\"],"
	"\"reporter_role\":\"allied_health\"}",
	"{\"event_type\":\"incident\",\"category\":\"pressure_injury\","
	"\"harm\":\"mild\",\"occurred_at\":\"%sT11:45\",\"location\":"
	"\"Care of the elderly 1\",\"description\":\"Stage 2 pressure injury "
	"on the sacrum found at admission skin check was not recorded by "
	"the transferring ward; repositioning chart had gaps of 6 hours.\","
	"\"immediate_actions\":\"Air mattress ordered, tissue viability "
	"referral.\",\"contributing_factors\":[\"communication\"],"
	"\"reporter_role\":\"nurse\"}",
	"{\"event_type\":\"near_miss\",\"category\":\"surgery\",\"harm\":"
	"\"none\",\"occurred_at\":\"%sT08:15\",\"location\":\"Theatre 4\","
	"\"description\":\"Site marking on the wrong knee noticed at the "
	"time-out; consent form and imaging agreed on the left.\","
	"\"immediate_actions\":\"Marking corrected, list delayed 10 "
	"minutes.\",\"contributing_factors\":[\"communication\","
	"\"rules_policies\"],\"reporter_role\":\"physician\"}",
	"{\"event_type\":\"incident\",\"category\":\"infection\",\"harm\":"
	"\"moderate\",\"occurred_at\":\"%s\",\"location\":\"Haematology\","
	"\"description\":\"Central line infection on day 9; the line care "
	"bundle checklist was not completed on four days.\","
	"\"contributing_factors\":[\"fatigue_scheduling\",\"training\"],"
	"\"reporter_role\":\"physician\"}",
	"{\"event_type\":\"near_miss\",\"category\":\"blood\",\"occurred_at\":"
	"\"%sT22:40\",\"location\":\"Emergency department\",\"description\":"
	"\"Group and save sample labelled away from the bedside with another "
	"patient's label; rejected by the lab.\",\"contributing_factors\":"
	"[\"rules_policies\",\"fatigue_scheduling\"],\"reporter_role\":"
	"\"student\"}",
};

static uint64_t
rng(struct lg *lg)
{
	lg->rng ^= lg->rng >> 12;
	lg->rng ^= lg->rng << 25;
	lg->rng ^= lg->rng >> 27;
	return lg->rng * 2685821657736338717ULL;
}

static char *
build(const char *method, const char *path, const char *auth,
    const char *body, size_t *len)
{
	char	*req;
	int	 n;

	if (body != NULL)
		n = asprintf(&req, "%s %s HTTP/1.1\r\nHost: localhost\r\n"
		    "%s%s%sContent-Type: application/json; charset=utf-8\r\n"
		    "Content-Length: %zu\r\n\r\n%s", method, path,
		    auth ? "Authorization: " : "", auth ? auth : "",
		    auth ? "\r\n" : "", strlen(body), body);
	else
		n = asprintf(&req, "%s %s HTTP/1.1\r\nHost: localhost\r\n"
		    "%s%s%s\r\n", method, path, auth ? "Authorization: " : "",
		    auth ? auth : "", auth ? "\r\n" : "");
	if (n == -1)
		return NULL;
	*len = (size_t)n;
	return req;
}

int
requests_init(struct lg *lg)
{
	char		 yesterday[16], body[2048], bearer[512];
	const char	*auth = NULL;
	time_t		 t = time(NULL) - 86400;
	struct tm	 tm;
	int		 i;

	localtime_r(&t, &tm);
	strftime(yesterday, sizeof(yesterday), "%Y-%m-%d", &tm);
	if (lg->token != NULL) {
		snprintf(bearer, sizeof(bearer), "Bearer %s", lg->token);
		auth = bearer;
	}
	for (i = 0; i < BODIES; i++) {
		snprintf(body, sizeof(body), bodies[i], yesterday);
		if ((lg->file_req[i] = build("POST", "/v1/reports", auth, body,
		    &lg->file_len[i])) == NULL)
			return -1;
	}
	if ((lg->queue_req = build("GET", "/v1/queue", auth, NULL,
	    &lg->queue_len)) == NULL)
		return -1;
	lg->rng = (uint64_t)now_ns() | 1;
	return 0;
}

static void	conn_read(struct bufferevent *, void *);
static void	conn_event(struct bufferevent *, short, void *);

int
conn_open(struct conn *c)
{
	struct lg	*lg = c->lg;

	c->busy = c->connected = c->have_head = 0;
	if (lg->tls != NULL) {
		SSL	*ssl;

		/* CONNECTED comes once the handshake is done. */
		if ((ssl = SSL_new(lg->tls)) == NULL)
			return -1;
		SSL_set_tlsext_host_name(ssl, "localhost");
		SSL_set1_host(ssl, "localhost");
		c->bev = bufferevent_openssl_socket_new(lg->base, -1, ssl,
		    BUFFEREVENT_SSL_CONNECTING, BEV_OPT_CLOSE_ON_FREE);
		if (c->bev == NULL) {
			SSL_free(ssl);
			return -1;
		}
	} else
		c->bev = bufferevent_socket_new(lg->base, -1,
		    BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL)
		return -1;
	bufferevent_setcb(c->bev, conn_read, NULL, conn_event, c);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	if (bufferevent_socket_connect(c->bev, (struct sockaddr *)&lg->addr,
	    (int)lg->addrlen) == -1) {
		int	saved = errno;

		bufferevent_free(c->bev);
		c->bev = NULL;
		errno = saved;
		return -1;
	}
	return 0;
}

static int
inflight(struct lg *lg)
{
	int	i, n = 0;

	for (i = 0; i < lg->nconns; i++)
		n += lg->conns[i].busy;
	return n;
}

static void
maybe_done(struct lg *lg)
{
	if (lg->stopping && inflight(lg) == 0)
		event_base_loopbreak(lg->base);
}

static enum kind
choose(struct lg *lg)
{
	int	roll = (int)(rng(lg) % 100), k;

	for (k = 0; k < KIND__COUNT; k++) {
		if (roll < lg->mix[k])
			break;
		roll -= lg->mix[k];
	}
	if (k == KIND__COUNT || (k == KIND_FOLLOWUP && lg->nreceipts == 0))
		k = KIND_FILE;
	return (enum kind)k;
}

/* Sends the next request; its latency counts from t0, or from now. */
void
conn_send_at(struct conn *c, uint64_t t0)
{
	struct lg	*lg = c->lg;
	struct evbuffer	*out;
	char		 req[256];
	const char	*receipt;
	unsigned	 b;
	int		 n;

	if (lg->stopping || c->bev == NULL || !c->connected ||
	    (lg->limit && lg->sent >= lg->limit)) {
		if (lg->limit && lg->sent >= lg->limit)
			lg->stopping = 1;
		maybe_done(lg);
		return;
	}
	out = bufferevent_get_output(c->bev);
	c->kind = choose(lg);
	switch (c->kind) {
	case KIND_FILE:
		b = lg->next_body++ % BODIES;
		evbuffer_add(out, lg->file_req[b], lg->file_len[b]);
		break;
	case KIND_FOLLOWUP:
		receipt = lg->receipts[rng(lg) % (lg->nreceipts < RECEIPTS ?
		    lg->nreceipts : RECEIPTS)];
		n = snprintf(req, sizeof(req), "GET /v1/followup HTTP/1.1\r\n"
		    "Host: localhost\r\nAuthorization: Receipt %s\r\n\r\n",
		    receipt);
		evbuffer_add(out, req, (size_t)n);
		break;
	default:
		evbuffer_add(out, lg->queue_req, lg->queue_len);
		break;
	}
	c->busy = 1;
	c->t0 = t0 ? t0 : now_ns();
	lg->sent++;
}

void
conn_send(struct conn *c)
{
	conn_send_at(c, 0);
}

/* The connection is free for the next request: at once in a closed
 * loop, when one is due in an open one (-r). */
static void
conn_next(struct conn *c)
{
	if (c->lg->rate > 0)
		rate_idle(c);
	else
		conn_send(c);
}

static void
keep_receipt(struct lg *lg, const char *body, size_t len)
{
	static const char	 key[] = "\"receipt\":\"";
	const char		*p, *end = body + len;
	char			*dst;
	size_t			 i;

	p = memmem(body, len, key, sizeof(key) - 1);
	if (p == NULL)
		return;
	p += sizeof(key) - 1;
	dst = lg->receipts[lg->nreceipts % RECEIPTS];
	for (i = 0; p + i < end && p[i] != '"' && i < RECEIPT_MAX - 1; i++)
		dst[i] = p[i];
	dst[i] = '\0';
	lg->nreceipts++;
}

static void
done(struct conn *c, const unsigned char *body)
{
	struct lg	*lg = c->lg;
	uint64_t	 t = now_ns();
	int		 good = c->status >= 200 && c->status < 300;

	c->busy = 0;
	lg->t_last = t;
	if (c->kind == KIND_FILE && c->status == 201) {
		lg->created++;
		if (lg->mix[KIND_FOLLOWUP] > 0)
			keep_receipt(lg, (const char *)body, c->body_len);
	}
	if (!good)
		lg->errors++;
	if (c->status >= 100 && c->status < 600)
		lg->status_counts[c->status / 100]++;
	if (!lg->recording)
		return;
	hist_add(&lg->h[c->kind], t - c->t0);
	if (lg->rate > 0)
		hist_add(&lg->hp[c->phase], t - c->t0);
	if (good)
		lg->ok[c->kind]++;
	else
		lg->bad[c->kind]++;
}

/* Reads the status line and Content-Length; -1 when they make no sense. */
static int
parse_head(struct conn *c, const char *head, size_t len)
{
	const char	*p, *end = head + len;
	char		*e;

	if (len < 12 || strncmp(head, "HTTP/1.", 7) != 0)
		return -1;
	c->status = atoi(head + 9);
	c->body_len = 0;
	c->closing = 0;
	for (p = head; p < end; ) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			break;
		p++;
		if ((size_t)(end - p) > 15 &&
		    strncasecmp(p, "Content-Length:", 15) == 0) {
			c->body_len = strtoul(p + 15, &e, 10);
		} else if ((size_t)(end - p) > 17 &&
		    strncasecmp(p, "Connection: close", 17) == 0) {
			c->closing = 1;
		} else if ((size_t)(end - p) > 18 &&
		    strncasecmp(p, "Transfer-Encoding:", 18) == 0)
			return -1;	/* no chunked replies are expected */
	}
	return 0;
}

static void
drop(struct conn *c)
{
	struct lg	*lg = c->lg;

	if (c->busy) {
		lg->errors++;
		lg->drops++;
		c->busy = 0;
	}
	bufferevent_free(c->bev);
	c->bev = NULL;
	if (!lg->stopping && conn_open(c) == -1) {
		lg->errors++;
		lg->drops++;
	}
	maybe_done(lg);
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	struct conn		*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);
	struct evbuffer_ptr	 end;
	unsigned char		*data;
	size_t			 have;

	for (;;) {
		have = evbuffer_get_length(in);
		if (!c->have_head) {
			end = evbuffer_search(in, "\r\n\r\n", 4, NULL);
			if (end.pos == -1) {
				if (have > HEAD_MAX)
					goto bad;
				return;
			}
			c->head_len = (size_t)end.pos + 4;
			data = evbuffer_pullup(in, (ssize_t)c->head_len);
			if (parse_head(c, (const char *)data,
			    c->head_len) == -1)
				goto bad;
			c->have_head = 1;
		}
		if (have < c->head_len + c->body_len)
			return;
		if (!c->busy)
			goto bad;	/* a reply to nothing */
		data = evbuffer_pullup(in, (ssize_t)(c->head_len +
		    c->body_len));
		done(c, data + c->head_len);
		evbuffer_drain(in, c->head_len + c->body_len);
		c->have_head = 0;
		if (evbuffer_get_length(in) > 0)
			goto bad;
		if (c->closing) {
			/* The server ends the connection after this reply:
			 * open another and go on there. */
			c->lg->reconnects++;
			bufferevent_free(c->bev);
			c->bev = NULL;
			if (!c->lg->stopping && conn_open(c) == -1) {
				c->lg->errors++;
				c->lg->drops++;
			}
			maybe_done(c->lg);
			return;
		}
		conn_next(c);
		return;
	}
bad:
	fprintf(stderr, "loadgen: a reply that is not HTTP/1.1 as expected\n");
	drop(c);
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct conn	*c = arg;
	struct lg	*lg = c->lg;
	int		 one = 1;

	if (what & BEV_EVENT_CONNECTED) {
		c->connected = 1;
		if (lg->tcp)
			setsockopt(bufferevent_getfd(bev), IPPROTO_TCP,
			    TCP_NODELAY, &one, sizeof(one));
		if (lg->t_start == 0) {
			if (++lg->connected == lg->nconns)
				event_base_loopbreak(lg->base);
		} else
			conn_next(c);	/* opened again after a drop */
		return;
	}
	if (!c->connected && lg->t_start == 0) {
		lg->failed_connects++;
		event_base_loopbreak(lg->base);
		return;
	}
	if (c->busy && lg->drops < 5)
		fprintf(stderr, "loadgen: the server %s a connection with a "
		    "request in flight (%.3f s in, request %llu)\n",
		    what & BEV_EVENT_EOF ? "closed" : "reset",
		    (double)(now_ns() - lg->t_start) / 1e9, lg->sent);
	drop(c);
}

static void
grace_cb(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	struct lg	*lg = arg;
	int		 n = inflight(lg);

	if (n > 0)
		fprintf(stderr, "loadgen: %d requests unanswered %d s after the "
		    "end\n", n, GRACE_SECONDS);
	lg->errors += (unsigned long long)n;
	event_base_loopbreak(lg->base);
}

void
lg_stop(struct lg *lg)
{
	struct timeval	tv = { GRACE_SECONDS, 0 };

	if (lg->grace != NULL)
		return;		/* stopping already */
	lg->stopping = 1;
	if (inflight(lg) == 0) {
		event_base_loopbreak(lg->base);
		return;
	}
	lg->grace = evtimer_new(lg->base, grace_cb, lg);
	evtimer_add(lg->grace, &tv);
}

void
lg_start_recording(struct lg *lg)
{
	lg->recording = 1;
	lg->t_record = now_ns();
}
