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
 * fuzz_config: the text of aerd.conf through config_parse into the
 * defaults, then config_free, as config_load does (it refuses a file
 * with a NUL byte or over 64 KiB before parsing).
 *
 * Asserts: a failure leaves a NUL-terminated message that starts with
 * the file's name (every error names the file and line); a success
 * leaves every setting within the bounds the daemon relies on. Leaks
 * of a half-parsed configuration show up through LeakSanitizer.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

#define FILE_NAME	"/etc/aer/aerd.conf"
#define CONFIG_MAX_SIZE	(64 * 1024)	/* as config.c */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_list(char *const *v, int n, int max)
{
	int	i;

	CHECK(n >= 0 && n <= max);
	for (i = 0; i < n; i++)
		CHECK(v[i] != NULL && v[i][0] != '\0');
}

static void
check_config(const struct config *c)
{
	CHECK(c->socket_mode <= 0777);
	CHECK(c->socket_path == NULL || c->socket_path[0] != '\0');
	CHECK(c->db_path == NULL || c->db_path[0] != '\0');
	check_list(c->listen, c->nlisten, CONFIG_MAX_LISTEN);
	check_list(c->tls_listen, c->ntls_listen, CONFIG_MAX_TLS_LISTEN);
	check_list(c->server_names, c->nserver_names, CONFIG_MAX_NAMES);
	/* A TLS listener never goes without its certificate and names. */
	CHECK(c->ntls_listen == 0 || (c->tls_certificate != NULL &&
	    c->tls_key != NULL && c->nserver_names > 0));
	CHECK((c->tls_certificate == NULL) == (c->tls_key == NULL));
	check_list(c->admin_groups, c->nadmin_groups, CONFIG_MAX_GROUPS);
	check_list(c->reviewer_groups, c->nreviewer_groups, CONFIG_MAX_GROUPS);
	check_list(c->committee_groups, c->ncommittee_groups,
	    CONFIG_MAX_GROUPS);
	CHECK(c->max_connections >= 1 && c->max_connections <= 65536);
	CHECK(c->idle_timeout >= 1 && c->idle_timeout <= 3600);
	CHECK(c->triage_days >= 1 && c->triage_days <= 365);
	CHECK(c->rca_start_hours >= 1 && c->rca_start_hours <= 8760);
	CHECK(c->rca_days >= 1 && c->rca_days <= 3650);
	CHECK(c->feedback_months >= 1 && c->feedback_months <= 120);
	CHECK(c->escalation_interval >= 1 && c->escalation_interval <= 86400);
	CHECK(c->notify_timeout >= 1 && c->notify_timeout <= 3600);
	CHECK(c->suppression_threshold >= 1 &&
	    c->suppression_threshold <= 100);
	CHECK(c->received_precision == PRECISION_DAY ||
	    c->received_precision == PRECISION_WEEK ||
	    c->received_precision == PRECISION_MONTH);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c;
	char		 err[512], small[24], *text;
	int		 rc;

	if (size > CONFIG_MAX_SIZE || memchr(data, '\0', size) != NULL)
		return 0;
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	config_defaults(&c);
	memset(err, 'X', sizeof(err));
	rc = config_parse(&c, text, FILE_NAME, err, sizeof(err));
	CHECK(rc == 0 || rc == -1);
	if (rc == -1) {
		CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		CHECK(strncmp(err, FILE_NAME ":", strlen(FILE_NAME ":")) == 0);
	} else
		check_config(&c);
	config_free(&c);

	/* A short buffer truncates the message, still terminated. */
	config_defaults(&c);
	memset(small, 'X', sizeof(small));
	if (config_parse(&c, text, FILE_NAME, small, sizeof(small)) == -1)
		CHECK(memchr(small, '\0', sizeof(small)) != NULL);
	config_free(&c);
	free(text);
	return 0;
}
