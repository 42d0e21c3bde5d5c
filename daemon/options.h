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
 * aerd's command line and the configuration it makes with aerd.conf:
 * one path for starting, for -n and for SIGHUP, so that what -n calls
 * sound is what aerd will start with.
 */
#ifndef AERD_OPTIONS_H
#define AERD_OPTIONS_H

#include <sys/types.h>

#ifndef AERD_CONF
#define AERD_CONF		"/etc/aer/aerd.conf"
#endif

struct config;

/* The command line; what it sets overrides aerd.conf. */
struct options {
	int		 foreground;
	int		 verbose;
	int		 check;		/* -n */
	int		 check_db;	/* --check: the database, whole */
	const char	*config_path;
	const char	*socket_path;
	const char	*db_path;
	const char	*listen[CONFIG_MAX_LISTEN];
	int		 nlisten;
	mode_t		 socket_mode;	/* 0: not given */
	int		 max_conns;	/* 0: not given */
	int		 timeout;	/* 0: not given */
};

/* Exits on a bad command line, with usage and status 2. */
void	options_parse(int argc, char **argv, struct options *);
int	options_config(const struct options *, struct config *, char *err,
	    size_t errlen);

#endif /* AERD_OPTIONS_H */
