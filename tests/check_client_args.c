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
 * client/args.c: a command's flags, parsed once from the table in its
 * cmd_entry, and its help written from the same table.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

static const struct args_option test_options[] = {
	{ "team", 'T', ARGS_VALUE, "NAME", "a member; repeat for each" },
	{ "output", 'o', ARGS_VALUE | ARGS_SHORT, "FILE",
	    "write to FILE\nor to standard output" },
	{ "complete", 'C', 0, NULL, "it is complete" },
	{ "cause", 'c', ARGS_VALUE, "'FACTOR: STATEMENT'", "a cause" },
	ARGS_JSON,
	ARGS_END
};

static const struct cmd_entry test_entry = {
	.name = "test",
	.usage = "ID [--team NAME]...",
	.help = "Test the flags.\n",
	.options = test_options,
	.more = "And after them.\n",
};

/* Parse a NULL-terminated command line; its status. */
static int
parse(struct args *a, char **argv)
{
	int	argc = 0;

	while (argv[argc] != NULL)
		argc++;
	return (args_parse(&test_entry, argc, argv, a));
}

START_TEST(test_flags)
{
	char		*argv[] = { "test", "--team", "A. Reyes", "ID", "-j",
	    "--team=B. Chen", "--complete", "-ofile", NULL };
	struct args	 a;

	ck_assert_int_eq(parse(&a, argv), AER_EXIT_OK);
	ck_assert_uint_eq(args_count(&a, 'T'), 2);
	ck_assert_str_eq(args_value(&a, 'T', 0), "A. Reyes");
	ck_assert_str_eq(args_value(&a, 'T', 1), "B. Chen");
	ck_assert_ptr_null(args_value(&a, 'T', 2));
	ck_assert_str_eq(args_get(&a, 'T'), "B. Chen");
	ck_assert(args_has(&a, 'j'));
	ck_assert(args_has(&a, 'C'));
	ck_assert_ptr_null(args_get(&a, 'C'));
	ck_assert_str_eq(args_get(&a, 'o'), "file");
	ck_assert(!args_has(&a, 'c'));
	ck_assert_ptr_null(args_get(&a, 'c'));
	/* The other arguments, wherever they were. */
	ck_assert_int_eq(a.argc, 1);
	ck_assert_str_eq(a.argv[0], "ID");
	/* The flags in the order given. */
	ck_assert_uint_eq(a.nflags, 5);
	ck_assert_int_eq(a.flags[1].key, 'j');
	ck_assert_int_eq(a.flags[4].key, 'o');
	args_free(&a);
}
END_TEST

START_TEST(test_end_of_flags)
{
	char		*argv[] = { "test", "--complete", "--", "--team", "-j",
	    NULL };
	struct args	 a;

	ck_assert_int_eq(parse(&a, argv), AER_EXIT_OK);
	ck_assert(!args_has(&a, 'T'));
	ck_assert(!args_has(&a, 'j'));
	ck_assert_int_eq(a.argc, 2);
	ck_assert_str_eq(a.argv[0], "--team");
	ck_assert_str_eq(a.argv[1], "-j");
	args_free(&a);
}
END_TEST

/* A long flag may be cut short while it stays unambiguous. */
START_TEST(test_prefix)
{
	char		*argv[] = { "test", "--te", "A", "--comp", NULL };
	char		*ambiguous[] = { "test", "--c", NULL };
	struct args	 a;

	ck_assert_int_eq(parse(&a, argv), AER_EXIT_OK);
	ck_assert_str_eq(args_get(&a, 'T'), "A");
	ck_assert(args_has(&a, 'C'));
	args_free(&a);
	ck_assert_int_eq(parse(&a, ambiguous), AER_EXIT_USAGE);
}
END_TEST

START_TEST(test_refused)
{
	char		*unknown[] = { "test", "--bogus", NULL };
	char		*unknown_short[] = { "test", "-x", NULL };
	char		*no_value[] = { "test", "ID", "--team", NULL };
	char		*extra_value[] = { "test", "--complete=yes", NULL };
	char		*long_only[] = { "test", "-T", "A", NULL };
	struct args	 a;

	ck_assert_int_eq(parse(&a, unknown), AER_EXIT_USAGE);
	ck_assert_int_eq(parse(&a, unknown_short), AER_EXIT_USAGE);
	ck_assert_int_eq(parse(&a, no_value), AER_EXIT_USAGE);
	ck_assert_int_eq(parse(&a, extra_value), AER_EXIT_USAGE);
	/* --team has no -T, though 'T' is its key. */
	ck_assert_int_eq(parse(&a, long_only), AER_EXIT_USAGE);
}
END_TEST

/* What a refusal says on standard error, and what usage follows. */
static void
says(char **argv, const char *want)
{
	char		 path[] = "/tmp/check_client.XXXXXX", buf[512];
	struct args	 a;
	FILE		*fp;
	size_t		 n;
	int		 fd;

	ck_assert_int_ne(fd = mkstemp(path), -1);
	close(fd);
	ck_assert_ptr_nonnull(freopen(path, "w", stderr));
	ck_assert_int_eq(parse(&a, argv), AER_EXIT_USAGE);
	fflush(stderr);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	unlink(path);
	ck_assert_str_eq(buf, want);
}

START_TEST(test_messages)
{
	char	*unknown[] = { "test", "--bogus", NULL };
	char	*unknown_short[] = { "test", "-jx", NULL };
	char	*no_value[] = { "test", "ID", "--team", NULL };
	char	*extra_value[] = { "test", "--complete=yes", NULL };
	char	*misspelt[] = { "test", "--compleet", NULL };

	says(unknown, "aer test: unknown option --bogus\n"
	    "usage: aer test ID [--team NAME]...\n"
	    "Try 'aer test --help' for more.\n");
	says(unknown_short, "aer test: unknown option -x\n"
	    "usage: aer test ID [--team NAME]...\n"
	    "Try 'aer test --help' for more.\n");
	says(no_value, "aer test: --team needs a value\n"
	    "usage: aer test ID [--team NAME]...\n"
	    "Try 'aer test --help' for more.\n");
	says(extra_value, "aer test: --complete takes no value\n"
	    "usage: aer test ID [--team NAME]...\n"
	    "Try 'aer test --help' for more.\n");
	says(misspelt, "aer test: unknown option --compleet; did you mean "
	    "--complete?\n"
	    "usage: aer test ID [--team NAME]...\n"
	    "Try 'aer test --help' for more.\n");
}
END_TEST

/* -h, --help shows the help whatever follows, and no flag is kept. */
START_TEST(test_help)
{
	char		*argv[] = { "test", "--team", "A", "--help", "--bogus",
	    NULL };
	struct args	 a;

	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stdout));
	ck_assert_int_eq(parse(&a, argv), ARGS_HELP);
	ck_assert_ptr_null(a.flags);
	ck_assert_uint_eq(a.nflags, 0);
}
END_TEST

/*
 * The help: the flags in a column past the widest but for one too wide,
 * which has a line of its own; -h, --help last.
 */
START_TEST(test_help_text)
{
	static const char	 want[] =
	    "usage: aer test ID [--team NAME]...\n"
	    "Test the flags.\n"
	    "\n"
	    "  --team NAME        a member; repeat for each\n"
	    "  -o, --output FILE  write to FILE\n"
	    "                     or to standard output\n"
	    "  --complete         it is complete\n"
	    "  --cause 'FACTOR: STATEMENT'\n"
	    "                     a cause\n"
	    "  -j, --json         print aerd's JSON reply\n"
	    "  -h, --help         show this help\n"
	    "\n"
	    "And after them.\n";
	char			*text = NULL;
	size_t			 len;
	FILE			*fp;

	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	args_help(&test_entry, fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_str_eq(text, want);
	free(text);
}
END_TEST

static Suite *
args_suite(void)
{
	Suite	*s = suite_create("client args");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_end_of_flags);
	tcase_add_test(tc, test_prefix);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_help_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(args_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
