/*
 * Reading a report's receipt, for aer status and aer reply: from a
 * hidden prompt, standard input or a file, never from the command line,
 * where other users and shell history see it; and checking its form
 * before it is sent.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aer.h"

/* Enough for a receipt typed with generous spacing. */
#define RECEIPT_INPUT_MAX	128

/* Tell the user what a receipt looks like. */
int
receipt_bad(void)
{
	char	example[AER_RECEIPT_TEXT_LEN + 1];
	size_t	i, n = 0;

	for (i = 0; i < AER_RECEIPT_CHARS; i++) {
		if (i > 0 && i % AER_RECEIPT_GROUP == 0)
			example[n++] = '-';
		example[n++] = 'X';
	}
	example[n] = '\0';
	aer_warnx("a receipt has %d letters and digits, like %s",
	    AER_RECEIPT_CHARS, example);
	return (AER_EXIT_FAIL);
}

/* Letters and digits, grouped by '-' or spaces, and the right number. */
int
receipt_ok(const char *receipt)
{
	const char	*p;
	size_t		 n = 0;

	for (p = receipt; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p))
			n++;
		else if (*p != '-' && *p != ' ')
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
		return (receipt_bad());
	return (AER_EXIT_OK);
}
