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
 * include/aer/protocol.h is the whole wire contract: doc/API.md lists
 * exactly its error codes, each with the one status the header gives
 * it, and documents every path; aerd sends each code with that status.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aerd.h"

static const struct {
	const char	*code;
	int		 status;
} codes[] = {
#define ROW(code, status)	{ code, status },
	AER_ERRORS(ROW)
#undef ROW
};
static const char *const paths[] = {
#define ROW(path)	path,
	AER_PATHS(ROW)
#undef ROW
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static char *
api_md(void)
{
	const char	*dir = getenv("DOC_SRCDIR");
	char		 path[4096], *text;
	FILE		*fp;
	long		 len;

	ck_assert_msg(dir != NULL, "DOC_SRCDIR names doc/ (make check sets it)");
	snprintf(path, sizeof(path), "%s/API.md", dir);
	ck_assert_msg((fp = fopen(path, "r")) != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	text = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(fread(text, 1, (size_t)len, fp), (size_t)len);
	text[len] = '\0';
	fclose(fp);
	return text;
}

/* Every code in the header has its row "| `code` | status |". */
START_TEST(test_codes_documented)
{
	char	*doc = api_md(), row[128];
	size_t	 i;

	for (i = 0; i < NELEM(codes); i++) {
		snprintf(row, sizeof(row), "| `%s` | %d |", codes[i].code,
		    codes[i].status);
		ck_assert_msg(strstr(doc, row) != NULL, "doc/API.md has no "
		    "row %s", row);
	}
	free(doc);
}
END_TEST

/* Every row of API.md's table of codes names a code in the header. */
START_TEST(test_no_code_undocumented_in_header)
{
	char	*doc = api_md(), *p, *end;
	size_t	 i, rows = 0;

	p = strstr(doc, "| code | status | when |");
	ck_assert_ptr_nonnull(p);
	while ((p = strstr(p, "\n| `")) != NULL) {
		p += 4;
		if ((end = strchr(p, '`')) == NULL)
			break;
		*end = '\0';
		for (i = 0; i < NELEM(codes); i++)
			if (strcmp(codes[i].code, p) == 0)
				break;
		ck_assert_msg(i < NELEM(codes), "doc/API.md lists \"%s\", "
		    "which include/aer/protocol.h does not", p);
		rows++;
		p = end + 1;
	}
	ck_assert_uint_eq(rows, NELEM(codes));
	free(doc);
}
END_TEST

/* Is path a row of the endpoint table: "| METHOD path[/...] | role |"? */
static int
path_listed(const char *doc, const char *path)
{
	const char	*line, *p;
	size_t		 len = strlen(path);

	for (line = doc; line != NULL; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, "| ", 2) != 0 ||
		    (p = strchr(line + 2, ' ')) == NULL)
			continue;
		p++;
		if (strncmp(p, path, len) == 0 &&
		    (p[len] == ' ' || p[len] == '/'))
			return 1;
	}
	return 0;
}

START_TEST(test_paths_documented)
{
	char	*doc = api_md();
	size_t	 i;

	for (i = 0; i < NELEM(paths); i++)
		ck_assert_msg(path_listed(doc, paths[i]), "doc/API.md's "
		    "endpoint table does not list %s", paths[i]);
	ck_assert(!path_listed(doc, "/v1/nowhere"));
	free(doc);
}
END_TEST

/* aerd sends each code with the status the header gives it. */
START_TEST(test_one_status)
{
	struct aer_error	err;
	size_t			i, j;

	for (i = 0; i < NELEM(codes); i++) {
		ck_assert_int_eq(aer_error_status(codes[i].code),
		    codes[i].status);
		aer_error_set(&err, codes[i].code, "f", "x");
		ck_assert_int_eq(err.status, codes[i].status);
		for (j = 0; j < i; j++)
			ck_assert_msg(strcmp(codes[i].code, codes[j].code) != 0,
			    "%s is listed twice", codes[i].code);
	}
	ck_assert_int_eq(aer_error_status("no_such_code"), 500);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("protocol");
	TCase	*tc = tcase_create("protocol");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_codes_documented);
	tcase_add_test(tc, test_no_code_undocumented_in_header);
	tcase_add_test(tc, test_paths_documented);
	tcase_add_test(tc, test_one_status);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
