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
 * A turn of an export's stream, whatever its format: the cursor's next
 * rows, each added to the chunk by the format's own function, at most
 * batch of them, or fewer if they take more than EXPORT_SLICE_US of the
 * event loop, so that a filing meanwhile waits for one batch at most.
 * Then the snapshot is let go until the chunk has gone (store-export.c).
 */
#include "config.h"

#include <time.h>

#include <event2/buffer.h>

#include "aerd.h"

#define EXPORT_SLICE_US	2000	/* the loop's time a turn takes, about */

static long long
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* As a stream's next (stream.c): 1 for more to come, 0 at the end, -1. */
int
export_batch(struct export_cursor *cursor, int batch,
    int (*add)(void *, const struct export_value *, struct evbuffer *),
    void *arg, struct evbuffer *buf)
{
	const struct export_value	*row;
	long long			 start = now_us();
	int				 i, rc = 1;

	for (i = 0; i < batch; i++) {
		if (i % 16 == 15 && now_us() - start > EXPORT_SLICE_US)
			break;
		if ((rc = export_next(cursor, &row)) != 1)
			break;
		if (add(arg, row, buf) == -1)
			return -1;
	}
	if (rc == 1 && export_pause(cursor) == -1)
		rc = -1;
	return rc;
}
