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
 * Shared by the tests of workflow-plan.c (check_workflow_plan.c,
 * check_workflow_close.c): a case's facts on a fixed day, and what a
 * refusal should carry.
 */
#ifndef TESTS_PLAN_H
#define TESTS_PLAN_H

#include <check.h>
#include <string.h>

#include "aerd.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

#define TODAY		"2026-03-15"

/* A case in state, nothing done to it yet, on TODAY with the defaults
 * of aerd.conf(5). */
static inline void
facts(struct case_facts *f, enum state state)
{
	memset(f, 0, sizeof(*f));
	f->state = state;
	f->today = TODAY;
	f->dl.triage_days = 7;
	f->dl.rca_start_hours = 72;
	f->dl.rca_days = 45;
	f->dl.feedback_months = 3;
}

/* The error a refusal gave: its code and field ("" for none). */
static inline void
assert_error(const char *what, const struct aer_error *err,
    const char *code, const char *field)
{
	ck_assert_msg(err->code != NULL && strcmp(err->code, code) == 0,
	    "%s: code %s, want %s (%s)", what, err->code ? err->code : "-",
	    code, err->message);
	ck_assert_int_eq(err->status, aer_error_status(code));
	if (field == NULL)
		return;
	if (*field == '\0')
		ck_assert_msg(err->field == NULL, "%s: field %s", what,
		    err->field);
	else
		ck_assert_msg(err->field != NULL &&
		    strcmp(err->field, field) == 0, "%s: field %s, want %s",
		    what, err->field ? err->field : "-", field);
	ck_assert_msg(err->message[0] != '\0', "%s: no message", what);
}

#endif
