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
 * Bearer tokens for callers on TCP, managed by an admin: POST creates one
 * and shows it once, GET lists them, DELETE revokes one. Only a token's
 * SHA-256 is kept.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <uuid/uuid.h>

#include "aerd.h"

static const struct body_field spec[] = {
	{ "role", BODY_STRING, 1, NULL, AER_MAX_CODE, 0 },
	{ "name", BODY_STRING, 1, NULL, AER_MAX_NAME, 0 },
};

static void
tokens_post(struct req *r)
{
	struct who	 w;
	enum role	 role;
	uuid_t		 uuid;
	json_t		*body;
	unsigned char	 hash[RECEIPT_HASH_LEN];
	char		 id[ID_LEN], token[TOKEN_LEN + 1], today[DAY_LEN];
	char		 at[TIME_LEN], *change;
	const char	*name;
	int		 rc;

	if ((body = case_body(r, spec, 2)) == NULL)
		return;
	name = body_string(body, "name");
	if (role_parse(body_string(body, "role"), &role) == -1 ||
	    role < ROLE_REPORTER) {
		reply_error(r, AER_ERR_INVALID, "role", "role is one of "
		    "reporter, committee, reviewer, admin");
		json_decref(body);
		return;
	}
	if (token_generate(token) == -1 || sha256_text(token, hash) == -1) {
		reply_error(r, AER_ERR_INTERNAL, NULL, "aerd could not "
		    "make a token");
		json_decref(body);
		return;
	}
	uuid_generate_random(uuid);
	uuid_unparse_lower(uuid, id);
	case_today(r, today);
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s, s:s, s:s}", "action",
	    "token_create", "id", id, "name", name, "role", role_name(role)));
	rc = change ? store_token_add(r->d->store, id, name, role_name(role),
	    hash, today, &w, change) : STORE_ERROR;
	if (rc != STORE_OK)
		case_failed(r, rc);
	else
		reply_json(r, 201, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id",
		    id, "name", name, "role", role_name(role), "token", token,
		    "created", today));
	explicit_bzero(token, sizeof(token));
	free(change);
	json_decref(body);
}

static void
tokens_get(struct req *r)
{
	json_t	*list;

	if (store_token_list(r->d->store, &list) != STORE_OK)
		case_failed(r, STORE_ERROR);
	else
		reply_json(r, 200, list);
}

static void
tokens_delete(struct req *r)
{
	struct who	 w;
	char		 id[ID_LEN], at[TIME_LEN], *change;
	int		 rc;

	if (case_id(r, RESOLVE_TOKEN, r->params[0], id) == -1)
		return;
	case_who(r, at, &w);
	change = case_change(json_pack("{s:s, s:s}", "action", "token_revoke",
	    "id", id));
	rc = change ? store_token_revoke(r->d->store, id, &w, change) :
	    STORE_ERROR;
	free(change);
	if (rc != STORE_OK)
		case_failed(r, rc);
	else
		reply_json(r, 200, json_pack("{s:s, s:b}", "id", id,
		    "revoked", 1));
}

const struct route route_tokens_post = {
	.method = EVHTTP_REQ_POST,
	.path = AER_PATH_TOKENS,
	.role = ROLE_ADMIN,
	.handle = tokens_post,
};

const struct route route_tokens_get = {
	.method = EVHTTP_REQ_GET,
	.path = AER_PATH_TOKENS,
	.role = ROLE_ADMIN,
	.handle = tokens_get,
};

const struct route route_tokens_delete = {
	.method = EVHTTP_REQ_DELETE,
	.path = AER_PATH_TOKENS AER_PARAM_ID,
	.role = ROLE_ADMIN,
	.handle = tokens_delete,
};
