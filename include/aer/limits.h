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
 * Limits on what a client may send. Shared by the daemon, which enforces
 * them, and the client, which checks before sending so that a nurse hears
 * about a too-long description before the form is sent.
 * Lengths of text are in characters (Unicode code points), as a person
 * counts them; AER_MAX_BODY and AER_MAX_HEADERS are in bytes.
 */
#ifndef AER_LIMITS_H
#define AER_LIMITS_H

#define AER_MAX_BODY		(64 * 1024)	/* request body */
#define AER_MAX_HEADERS		(8 * 1024)	/* request line and headers */

#define AER_MAX_DESCRIPTION	8000
#define AER_MAX_IMMEDIATE	4000
#define AER_MAX_LOCATION	120
#define AER_MAX_OCCURRED	25	/* "YYYY-MM-DDTHH:MM:SS" and room */
#define AER_MAX_CODE		40	/* any taxonomy code */
#define AER_MAX_FACTORS		16	/* contributing_factors entries */

/* The review workflow. */
#define AER_MAX_NOTE		2000	/* triage note, action note, reason */
#define AER_MAX_MESSAGE		4000	/* a message to or from the reporter */
#define AER_MAX_OUTCOME		4000	/* outcome and rationale at close */
#define AER_MAX_NAME		120	/* a person: team member, owner */
#define AER_MAX_TEAM		20	/* RCA team members */
#define AER_MAX_TIMELINE	100	/* RCA timeline entries */
#define AER_MAX_CAUSES		50	/* RCA causal statements */
#define AER_MAX_STATEMENT	2000	/* a causal statement, timeline text */
#define AER_MAX_ACTION		2000	/* action description, measure */
#define AER_MAX_TARGET		200	/* an action's target */
#define AER_QUEUE_LIMIT		1000	/* cases in one queue reply */
#define AER_MESSAGES_PAGE	50	/* messages in a case or follow-up, by
					 * default: the latest */
#define AER_MESSAGES_PAGE_MAX	200	/* and at most, ?messages=N */

#endif /* AER_LIMITS_H */
