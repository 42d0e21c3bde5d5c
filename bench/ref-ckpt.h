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
