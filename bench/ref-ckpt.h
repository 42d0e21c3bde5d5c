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
 * aerd's checkpointer, for ref-sqlite (ref-ckpt.c).
 */
#ifndef BENCH_REF_CKPT_H
#define BENCH_REF_CKPT_H

#include <sqlite3.h>

struct ckpt;

/* Starts the thread on a connection of its own to the database at path. */
struct ckpt	*ckpt_start(const char *path);
/* A commit is in the WAL: fold it in and empty the WAL soon. */
void		 ckpt_kick(struct ckpt *);
/* Stops it; says how many times it emptied the WAL and how many tries
 * failed (a writer or reader in the way). */
void		 ckpt_stop(struct ckpt *, unsigned long *emptied,
		    unsigned long *failed);

#endif
