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
 * Escalation: a timer finds deadlines that have passed (triage, the
 * RCA's start and completion, the reporter's feedback, each open
 * action), marks each overdue once with an audit entry, and hands an
 * event to the operator's notify command. Nothing is escalated for a
 * closed or referred case.
 */
#include "config.h"

#include <stdlib.h>

#include <event2/event.h>

#include "aerd.h"

struct escalator {
	struct aerd	*d;
	struct event	*timer;
};

/* One pass; returns how many items it escalated, or -1. */
int
escalate_run(struct escalator *e)
{
	struct aerd	*d = e->d;
	struct who	 w;
	json_t		*items, *item, *event;
	const char	*id, *what, *due;
	char		 today[DAY_LEN], at[TIME_LEN], *change;
	size_t		 i;
	int		 n = 0, rc;

	day_of(d->now(), today);
	time_of(d->now(), at);
	if (store_escalations(d->store, today, &items) != STORE_OK)
		return -1;
	w.at = at;
	w.role = "system";
	w.actor = "aerd";
	json_array_foreach(items, i, item) {
		id = json_string_value(json_object_get(item, "report_id"));
		what = json_string_value(json_object_get(item, "what"));
		due = json_string_value(json_object_get(item, "due"));
		change = case_change(json_pack("{s:s, s:s, s:s}", "action",
		    "overdue", "what", what, "due", due));
		rc = change ? store_escalate(d->store, id, what, due, today,
		    &w, change) : STORE_ERROR;
		free(change);
		if (rc != STORE_OK)
			continue;
		n++;
		event = json_pack("{s:s, s:s, s:s, s:s, s:O, s:s}", "event",
		    "overdue", "report_id", id, "what", what, "due", due,
		    "state", json_object_get(item, "state"), "at", at);
		if (event != NULL)
			notify_send(d->notifier, event);
		json_decref(event);
	}
	json_decref(items);
	if (n > 0)
		log_info("%d item%s newly overdue", n, n == 1 ? "" : "s");
	return n;
}

static void
tick(evutil_socket_t fd, short ev, void *arg)
{
	struct escalator	*e = arg;

	if (escalate_run(e) == -1)
		log_warnx("escalation: cannot read the deadlines");
}

struct escalator *
escalate_new(struct aerd *d, int interval)
{
	struct escalator	*e;
	struct timeval		 tv = { interval, 0 };

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->d = d;
	e->timer = event_new(d->base, -1, EV_PERSIST, tick, e);
	if (e->timer == NULL || event_add(e->timer, &tv) == -1) {
		escalate_free(e);
		return NULL;
	}
	return e;
}

void
escalate_set_interval(struct escalator *e, int interval)
{
	struct timeval	tv = { interval, 0 };

	event_del(e->timer);
	event_add(e->timer, &tv);
}

void
escalate_free(struct escalator *e)
{
	if (e == NULL)
		return;
	if (e->timer != NULL)
		event_free(e->timer);
	free(e);
}
