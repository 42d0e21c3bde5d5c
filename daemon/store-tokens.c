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
 * Bearer tokens for callers on TCP (route-tokens.c): only a token's
 * SHA-256 is kept. Creating and revoking one is audited.
 */
#include "config.h"

#include <stdio.h>

#include "aerd.h"
#include "store-int.h"

static const char *
column(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int
store_token_add(struct store *st, const char *id, const char *name,
    const char *role, const unsigned char hash[RECEIPT_HASH_LEN],
    const char *created, const struct who *w, const char *change)
{
	if (store_begin(st) == STORE_ERROR)
		return STORE_ERROR;
	if (store_exec(st, STMT_TOKEN_INSERT, "sssbs", id, name, role, hash,
	    created) != 1 || store_audit_append(st, NULL, w, change) ==
	    STORE_ERROR)
		return store_end(st, STORE_ERROR);
	return store_end(st, STORE_OK);
}

int
store_token_list(struct store *st, json_t **out)
{
	json_error_t	 jerr;
	sqlite3_stmt	*s;

	*out = NULL;
	if ((s = store_stmt(st, STMT_TOKEN_LIST, "")) == NULL)
		return STORE_ERROR;
	if (sqlite3_step(s) == SQLITE_ROW)
		*out = json_loads(column(s, 0), 0, &jerr);
	store_done(s);
	return *out ? STORE_OK : STORE_ERROR;
}

int
store_token_revoke(struct store *st, const char *id, const struct who *w,
    const char *change)
{
	if (store_begin(st) == STORE_ERROR)
		return STORE_ERROR;
	if (store_exec(st, STMT_TOKEN_REVOKE, "s", id) != 1 ||
	    store_audit_append(st, NULL, w, change) == STORE_ERROR)
		return store_end(st, STORE_ERROR);
	return store_end(st, STORE_OK);
}

/* The live token with this hash: STORE_OK with its name and role, or
 * STORE_NOT_FOUND. */
int
store_token_lookup(struct store *st, const unsigned char hash[RECEIPT_HASH_LEN],
    char *name, size_t namelen, enum role *role)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, STMT_TOKEN_BY_HASH, "b", hash)) == NULL)
		return STORE_ERROR;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(name, namelen, "%s", column(s, 0));
		if (role_parse(column(s, 1), role) == -1)
			rc = SQLITE_CORRUPT;
	}
	store_done(s);
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
	    STORE_NOT_FOUND : STORE_ERROR;
}
