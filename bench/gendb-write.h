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
 * gendb's writer: a generated case into the tables, with its audit
 * entries chained as daemon/audit.c chains them.
 */
#ifndef BENCH_GENDB_WRITE_H
#define BENCH_GENDB_WRITE_H

#include "gendb.h"

enum { W_REPORT, W_FACTOR, W_TRIAGE, W_RCA, W_ACTION, W_MESSAGE,
    W_ESCALATION, W_AUDIT, W_ACTION_MOVE, W_REPORT_MOVE, W__COUNT };

struct writer {
	sqlite3			*db;
	int			 triggers;	/* file as new, then move on */
	sqlite3_stmt		*s[W__COUNT];
	sqlite3_stmt		*due[2];	/* CASE_DUE_PUT, CASE_DUE_SET:
						 * with triggers, past sql/009 */
	unsigned char		 prev[32];	/* the last audit hash */
	unsigned long long	 audit_seq;
};

void	writer_init(struct writer *, int triggers);
void	write_case(struct writer *, const struct gcase *);
void	writer_free(struct writer *);

#endif
