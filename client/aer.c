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
 * aer: file adverse-event and near-miss reports with aerd and follow them,
 * and work the reviewers' queue: triage, RCA, actions, closing.
 *
 * main parses the global flags, has server.c work out where aerd listens
 * and runs one command from the table in cmd.c; each command lives in its
 * own cmd-*.c.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "aer.h"

static const char aer_usage_text[] =
    "usage: aer [--socket PATH | --url URL [--cacert FILE] [--token-file FILE]\n"
    "           [--proxy URL]] [--json] COMMAND [ARGS]\n"
    "       aer help COMMAND\n";

static const char aer_options_text[] =
    "\n"
    "Options:\n"
    "  -s, --socket PATH      reach aerd on this Unix socket (also $"
    AER_ENV_SOCKET ")\n"
    "  -u, --url URL          reach aerd at https://NAME[:PORT], or on this "
    "machine\n"
    "                         at http://127.0.0.1:PORT (also $" AER_ENV_URL
    ")\n"
    "      --cacert FILE      with https://, trust the authority in FILE "
    "instead of\n"
    "                         this computer's (also $" AER_ENV_CACERT ")\n"
    "  -t, --token-file FILE  with --url, the file holding your token "
    "(else\n"
    "                         $" AER_ENV_TOKEN "); with neither, you are "
    "a reporter\n"
    "      --proxy URL        with --url, go through this proxy (else $"
    AER_ENV_PROXY ");\n"
    "                         http_proxy and the like are never used\n"
    "  -j, --json             print aerd's JSON replies as they come\n"
    "  -h, --help             show this help\n"
    "  -V, --version          show aer's version\n"
    "\n"
    "Without --socket or --url: $" AER_ENV_URL ", $" AER_ENV_SOCKET ", $"
    AER_ENV_HOME "/" AER_LOCAL_SOCKET ", then\n"
    "your aer.conf (~/.config/aer/), then the system's, then ./"
    AER_LOCAL_SOCKET " if\n"
    "present, else " AER_SYSTEM_SOCKET ". Each setting comes from the "
    "command line,\n"
    "else the environment, else your aer.conf, else the system's "
    "(aer(1)).\n"
    "\n"
    "Exit status: 0 done, 1 refused or failed, 2 bad command line.\n";

/* The help, on stdout with where aer would go; on stderr the usage. */
static void
usage(FILE *fp, const struct server_flags *flags)
{
	struct server	server;

	fputs(aer_usage_text, fp);
	if (fp == stderr) {
		fputs("Try 'aer --help' for more.\n", fp);
		return;
	}
	fputs("Report adverse events and near misses to aerd, anonymously, "
	    "and follow them;\nreview, investigate and close them.\n\n"
	    "Commands:\n", fp);
	cmd_list(fp);
	fprintf(fp, "  %-8s %s\n", "help", "show the flags of a command");
	fputs(aer_options_text, fp);
	fputc('\n', fp);
	server_load(&server, flags);
	server_describe(&server, fp);
	server_free(&server);
}

/* "aer help [COMMAND]" */
static int
cmd_help(int argc, char **argv, const struct server_flags *flags)
{
	const struct cmd_entry	*entry;

	if (argc < 2 || strcmp(argv[1], "help") == 0) {
		usage(stdout, flags);
		return (AER_EXIT_OK);
	}
	if ((entry = cmd_find(argv[1])) == NULL) {
		cmd_unknown(argv[1]);
		return (AER_EXIT_USAGE);
	}
	args_help(entry, stdout);
	return (AER_EXIT_OK);
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "cacert",	required_argument,	NULL, 'C' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "proxy",	required_argument,	NULL, 'P' },
		{ "socket",	required_argument,	NULL, 's' },
		{ "token-file",	required_argument,	NULL, 't' },
		{ "url",	required_argument,	NULL, 'u' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct aer_ctx			 ctx;
	struct server_flags		 flags;
	struct server			 server;
	const struct cmd_entry		*entry;
	int				 ch, rc, help = 0;

	memset(&ctx, 0, sizeof(ctx));
	memset(&flags, 0, sizeof(flags));
	opterr = 0;
	while (!help && (ch = getopt_long(argc, argv, "+:hjs:t:u:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'C':
			flags.cacert = optarg;
			break;
		case 'h':
			help = 1;
			break;
		case 'j':
			ctx.json = 1;
			break;
		case 'P':
			flags.proxy = optarg;
			break;
		case 's':
			flags.socket = optarg;
			break;
		case 't':
			flags.token_file = optarg;
			break;
		case 'u':
			flags.url = optarg;
			break;
		case 'V':
			printf("aer %s\n", PACKAGE_VERSION);
			return (AER_EXIT_OK);
		case ':':
			aer_warnx("%s needs a value", argv[optind - 1]);
			usage(stderr, &flags);
			return (AER_EXIT_USAGE);
		default:
			if (optopt != 0)
				aer_warnx("unknown option -%c", optopt);
			else
				aer_warnx("unknown option %s",
				    argv[optind - 1]);
			usage(stderr, &flags);
			return (AER_EXIT_USAGE);
		}
	}
	if (help) {
		usage(stdout, &flags);
		return (AER_EXIT_OK);
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		aer_warnx("which command?");
		usage(stderr, &flags);
		return (AER_EXIT_USAGE);
	}
	if (flags.url != NULL && flags.socket != NULL) {
		aer_warnx("--url and --socket cannot be used together");
		return (AER_EXIT_USAGE);
	}
	if (strcmp(argv[0], "help") == 0)
		return (cmd_help(argc, argv, &flags));
	if ((entry = cmd_find(argv[0])) == NULL) {
		cmd_unknown(argv[0]);
		return (AER_EXIT_USAGE);
	}

	server_load(&server, &flags);
	rc = server_apply(&server, &flags, &ctx);
	server_free(&server);
	if (rc == AER_EXIT_OK &&
	    curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		aer_warnx("cannot initialise libcurl");
		rc = AER_EXIT_FAIL;
	} else if (rc == AER_EXIT_OK) {
		rc = cmd_run(entry, &ctx, argc, argv);
		curl_global_cleanup();
	}
	token_free(&ctx);
	free(ctx.url);
	free(ctx.host);
	free(ctx.cacert);
	free(ctx.proxy);
	free(ctx.socket);
	return (rc);
}
