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
 * Reading a report's receipt, for aer status and aer reply: from a
 * hidden prompt, standard input or a file, never from the command line,
 * where other users and shell history see it; and checking its form
 * before it is sent. The whole line shown at filing ("Receipt:  XXXX-...")
 * may be pasted.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "aer.h"

/* Enough for a receipt typed with generous spacing. */
#define RECEIPT_INPUT_MAX	128

/* The letters and digits a receipt is written in (Crockford base32). */
static const char receipt_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/*
 * Tell the user what a receipt looks like; typed, if not NULL, is what
 * they gave, and a character no receipt holds is pointed out.
 */
int
receipt_bad(const char *typed)
{
	char		example[AER_RECEIPT_TEXT_LEN + 1];
	const char	*p;
	size_t		i, n = 0;

	for (i = 0; i < AER_RECEIPT_CHARS; i++) {
		if (i > 0 && i % AER_RECEIPT_GROUP == 0)
			example[n++] = '-';
		example[n++] = 'X';
	}
	example[n] = '\0';
	for (n = 0, p = typed; p != NULL && *p != '\0'; p++)
		n += isalnum((unsigned char)*p) != 0;
	if (typed != NULL && *typed != '\0' && n != AER_RECEIPT_CHARS)
		aer_warnx("a receipt has %d letters and digits, like %s; "
		    "that has %zu", AER_RECEIPT_CHARS, example, n);
	else
		aer_warnx("a receipt has %d letters and digits, like %s",
		    AER_RECEIPT_CHARS, example);
	for (p = typed; p != NULL && *p != '\0'; p++) {
		if (toupper((unsigned char)*p) == 'U') {
			fputs("aer: receipts never hold the letter U; check "
			    "that character (perhaps V?)\n", stderr);
			break;
		}
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != ' ') {
			fputs("aer: a receipt holds only letters, digits and "
			    "dashes\n", stderr);
			break;
		}
	}
	return (AER_EXIT_FAIL);
}

/*
 * A receipt of the right form that opens nothing. Receipts carry no
 * check character, so one mistyped character looks like any other
 * receipt: say how to check it.
 */
void
receipt_not_found(void)
{
	aer_warnx("no report matches that receipt");
	fputs("A receipt is easy to mistype, and one wrong character makes it "
	    "another receipt:\ncheck each group of four against the one you "
	    "kept (0 and O count the same,\nas do 1, I and L).\n", stderr);
}

/*
 * The receipt in what was typed or pasted: white space around it, and
 * the "Receipt:" it is shown after at filing, are not part of it.
 * Returns a pointer into s, which is changed in place.
 */
char *
receipt_clean(char *s)
{
	static const char	label[] = "receipt";

	s = aer_trim(s);
	if (strncasecmp(s, label, sizeof(label) - 1) == 0) {
		s += sizeof(label) - 1;
		if (*s == ':')
			s++;
		s = aer_trim(s);
	}
	return (s);
}

/* Letters and digits, grouped by '-' or spaces, and the right number. */
int
receipt_ok(const char *receipt)
{
	const char	*p;
	size_t		 n = 0;

	for (p = receipt; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p)) {
			if (strchr(receipt_alphabet, toupper((unsigned char)*p))
			    == NULL && strchr("IiLlOo", *p) == NULL)
				return (0);
			n++;
		} else if (*p != '-' && *p != ' ')
			return (0);
	}
	return (n == AER_RECEIPT_CHARS);
}

/*
 * Read the receipt from the file, the terminal (hidden), or standard
 * input; *receipt is malloc'd, for the caller to wipe and free.
 */
int
receipt_read(const char *path, char **receipt)
{
	FILE	*fp = stdin;
	int	 rc;

	*receipt = NULL;
	if (path != NULL && strcmp(path, "-") != 0 &&
	    (fp = fopen(path, "r")) == NULL) {
		aer_warn("%s", path);
		return (AER_EXIT_FAIL);
	}
	if (path == NULL && isatty(fileno(stdin)))
		rc = prompt_hidden("Receipt: ", RECEIPT_INPUT_MAX, receipt);
	else
		rc = read_line(fp, RECEIPT_INPUT_MAX, receipt);
	if (fp != stdin)
		fclose(fp);
	if (rc == PROMPT_EOF) {
		aer_warnx("no receipt given");
		return (AER_EXIT_FAIL);
	}
	if (rc == PROMPT_TOO_LONG)
		return (receipt_bad(NULL));
	return (AER_EXIT_OK);
}
