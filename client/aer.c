/*
 * aer: file adverse-event and near-miss reports with aerd and follow them,
 * and work the reviewers' queue: triage, RCA, actions, closing.
 *
 * main parses the global flags, works out where aerd listens and runs one
 * command from the table in cmd.c; each command lives in its own cmd-*.c.
 */
#include "config.h"

#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "aer.h"

static const char aer_usage_text[] =
    "usage: aer [--socket PATH | --url URL [--token-file FILE] [--proxy URL]]\n"
    "           [--json] COMMAND [ARGS]\n"
    "       aer help COMMAND\n";

static const char aer_options_text[] =
    "\n"
    "Options:\n"
    "  -s, --socket PATH      reach aerd on this Unix socket; otherwise $"
    AER_ENV_SOCKET ",\n"
    "                         $" AER_ENV_HOME "/" AER_LOCAL_SOCKET ", ./"
    AER_LOCAL_SOCKET " if present, else\n"
    "                         " AER_SYSTEM_SOCKET "\n"
    "  -u, --url URL          reach aerd over HTTP instead, e.g.\n"
    "                         http://127.0.0.1:8080 (also $" AER_ENV_URL
    ")\n"
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
    "Exit status: 0 done, 1 refused or failed, 2 bad command line.\n";

static void
usage(FILE *fp)
{
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
}

static const char *
getenv_set(const char *name)
{
	const char	*value = getenv(name);

	return (value != NULL && *value != '\0' ? value : NULL);
}

static char *
xstrdup(const char *s)
{
	char	*copy;

	if ((copy = strdup(s)) == NULL) {
		aer_warnx("out of memory");
		exit(AER_EXIT_FAIL);
	}
	return (copy);
}

/*
 * Where aerd listens: a flag first, then the environment, then the local
 * socket of "aerd -f" ($AER_HOME or the current directory), then the
 * installed one.
 */
static void
find_aerd(struct aer_ctx *ctx, const char *url, const char *socket)
{
	const char	*home;
	struct stat	 sb;
	size_t		 len;

	if (url == NULL && socket == NULL) {
		url = getenv_set(AER_ENV_URL);
		socket = getenv_set(AER_ENV_SOCKET);
	}
	if (url != NULL) {
		ctx->url = xstrdup(url);
		len = strlen(ctx->url);
		while (len > 0 && ctx->url[len - 1] == '/')
			ctx->url[--len] = '\0';
		return;
	}
	if (socket != NULL)
		ctx->socket = xstrdup(socket);
	else if ((home = getenv_set(AER_ENV_HOME)) != NULL) {
		len = strlen(home) + 1 + strlen(AER_LOCAL_SOCKET) + 1;
		if ((ctx->socket = malloc(len)) == NULL) {
			aer_warnx("out of memory");
			exit(AER_EXIT_FAIL);
		}
		snprintf(ctx->socket, len, "%s/%s", home, AER_LOCAL_SOCKET);
	} else if (stat(AER_LOCAL_SOCKET, &sb) == 0)
		ctx->socket = xstrdup("./" AER_LOCAL_SOCKET);
	else
		ctx->socket = xstrdup(AER_SYSTEM_SOCKET);
}

/*
 * The proxy, over TCP only: --proxy, else $AER_PROXY; an empty --proxy
 * means none. http_proxy and the like are never used (http.c): they
 * would send every request, a receipt or a token with it, to whatever
 * they name, and a workstation may set them for the web browser.
 */
static int
find_proxy(struct aer_ctx *ctx, const char *proxy)
{
	if (ctx->url == NULL) {
		if (proxy == NULL || *proxy == '\0')
			return (AER_EXIT_OK);
		aer_warnx("--proxy goes with --url; aerd's Unix socket is "
		    "reached directly");
		return (AER_EXIT_USAGE);
	}
	if (proxy == NULL)
		proxy = getenv_set(AER_ENV_PROXY);
	if (proxy != NULL && *proxy != '\0')
		ctx->proxy = xstrdup(proxy);
	return (AER_EXIT_OK);
}

/* "aer help [COMMAND]" */
static int
cmd_help(int argc, char **argv)
{
	const struct cmd_entry	*entry;

	if (argc < 2 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return (AER_EXIT_OK);
	}
	if ((entry = cmd_find(argv[1])) == NULL) {
		aer_warnx("no command '%s'; the commands are in aer --help",
		    argv[1]);
		return (AER_EXIT_USAGE);
	}
	args_help(entry, stdout);
	return (AER_EXIT_OK);
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
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
	const struct cmd_entry		*entry;
	const char			*url = NULL, *socket = NULL;
	const char			*token_file = NULL, *proxy = NULL;
	int				 ch, rc;

	memset(&ctx, 0, sizeof(ctx));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hjs:t:u:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			return (AER_EXIT_OK);
		case 'j':
			ctx.json = 1;
			break;
		case 'P':
			proxy = optarg;
			break;
		case 's':
			socket = optarg;
			break;
		case 't':
			token_file = optarg;
			break;
		case 'u':
			url = optarg;
			break;
		case 'V':
			printf("aer %s\n", PACKAGE_VERSION);
			return (AER_EXIT_OK);
		case ':':
			aer_warnx("%s needs a value", argv[optind - 1]);
			usage(stderr);
			return (AER_EXIT_USAGE);
		default:
			if (optopt != 0)
				aer_warnx("unknown option -%c", optopt);
			else
				aer_warnx("unknown option %s",
				    argv[optind - 1]);
			usage(stderr);
			return (AER_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		aer_warnx("which command?");
		usage(stderr);
		return (AER_EXIT_USAGE);
	}
	if (url != NULL && socket != NULL) {
		aer_warnx("--url and --socket cannot be used together");
		return (AER_EXIT_USAGE);
	}
	if (strcmp(argv[0], "help") == 0)
		return (cmd_help(argc, argv));
	if ((entry = cmd_find(argv[0])) == NULL) {
		aer_warnx("no command '%s'; the commands are in aer --help",
		    argv[0]);
		return (AER_EXIT_USAGE);
	}

	find_aerd(&ctx, url, socket);
	if ((rc = find_proxy(&ctx, proxy)) == AER_EXIT_OK)
		rc = token_load(&ctx, token_file);
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
	free(ctx.proxy);
	free(ctx.socket);
	return (rc);
}
