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
 * The bearer token that names the caller over TCP: from the file given
 * with --token-file, else from $AER_TOKEN. Never from the command line,
 * where other users and shell history see it. On the Unix socket aerd
 * knows the caller by its user instead, and no token is sent.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aer.h"

/* Read the first line of a token file; 0 or an exit status. */
static int
token_read(const char *path, char **line)
{
	struct stat	 sb;
	FILE		*fp;
	int		 rc;

	*line = NULL;
	if ((fp = fopen(path, "r")) == NULL) {
		aer_warn("%s", path);
		return (AER_EXIT_FAIL);
	}
	if (fstat(fileno(fp), &sb) != 0) {
		aer_warn("%s", path);
		fclose(fp);
		return (AER_EXIT_FAIL);
	}
	if (!S_ISREG(sb.st_mode)) {
		aer_warnx("%s is not a file", path);
		fclose(fp);
		return (AER_EXIT_FAIL);
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO))
		aer_warnx("warning: other users can read %s; chmod 600 it",
		    path);
	rc = read_line(fp, AER_MAX_TOKEN, line);
	fclose(fp);
	if (rc == PROMPT_TOO_LONG) {
		aer_warnx("%s: a token is at most %d characters", path,
		    AER_MAX_TOKEN);
		return (AER_EXIT_FAIL);
	}
	if (rc != PROMPT_OK) {
		aer_warnx("%s holds no token", path);
		return (AER_EXIT_FAIL);
	}
	return (AER_EXIT_OK);
}

/*
 * Set ctx->token, when aerd is reached over TCP, from path or else the
 * environment. Returns 0 (with or without a token) or an exit status.
 */
int
token_load(struct aer_ctx *ctx, const char *path)
{
	const char	*p, *from = path;
	char		*line, *token;
	int		 rc;

	if (ctx->url == NULL) {
		if (path == NULL)
			return (AER_EXIT_OK);
		aer_warnx("--token-file goes with --url; on the Unix socket "
		    "aerd knows you by your user");
		return (AER_EXIT_USAGE);
	}
	if (path == NULL) {
		if ((p = getenv(AER_ENV_TOKEN)) == NULL || *p == '\0')
			return (AER_EXIT_OK);
		if ((line = strdup(p)) == NULL) {
			aer_warnx("out of memory");
			return (AER_EXIT_FAIL);
		}
		from = "$" AER_ENV_TOKEN;
	} else if ((rc = token_read(path, &line)) != AER_EXIT_OK)
		return (rc);
	token = aer_trim(line);
	for (p = token; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			break;
	}
	if (*token == '\0' || *p != '\0' || strlen(token) > AER_MAX_TOKEN) {
		aer_warnx("%s does not hold a token", from);
		aer_wipe(line, strlen(line));
		free(line);
		return (AER_EXIT_FAIL);
	}
	memmove(line, token, strlen(token) + 1);
	ctx->token = line;
	return (AER_EXIT_OK);
}

/* Clear the token before its memory is given back. */
void
token_free(struct aer_ctx *ctx)
{
	if (ctx->token == NULL)
		return;
	aer_wipe(ctx->token, strlen(ctx->token));
	free(ctx->token);
	ctx->token = NULL;
}
