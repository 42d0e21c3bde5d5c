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
 * fuzz_dates: the day arithmetic every deadline goes through. The input
 * gives two small numbers (bytes 0-1 and 2-3, signed), a wide one
 * (bytes 4-7, to reach the range checks) and, after them, two day
 * strings separated by the first newline.
 *
 * Asserts: day_parse accepts exactly real days from 1900 on; adding n
 * days and taking the difference gives n back, and adding -n undoes it;
 * adding months gives a real day in the same or the clamped day of the
 * month; day_diff is antisymmetric; day_coarsen keeps a real day real
 * and never moves it later.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aerd.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "%s:%d: %s\n", \
	__FILE__, __LINE__, #x); abort(); } } while (0)

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static int
real_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days[m - 1] + (m == 2 && leap);
}

static void
check_parse(const char *s)
{
	int	y, m, d, i, shape;

	shape = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
	for (i = 0; shape && i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			shape = 0;
	if (day_parse(s, &y, &m, &d) == 0) {
		CHECK(shape && real_day(y, m, d));
		return;
	}
	if (!shape)
		return;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	CHECK(!real_day(y, m, d));
}

static void
check_days(const char *day, int n)
{
	char	out[DAY_LEN], back[DAY_LEN];
	int	diff, y, m, d;

	memset(out, 'x', sizeof(out));
	if (day_add_days(day, n, out) == -1)
		return;
	CHECK(memchr(out, '\0', sizeof(out)) != NULL);
	CHECK(day_parse(out, &y, &m, &d) == 0);
	CHECK(day_diff(day, out, &diff) == 0 && diff == n);
	CHECK(day_diff(out, day, &diff) == 0 && diff == -n);
	CHECK(day_add_days(out, -n, back) == 0 && strcmp(back, day) == 0);
	CHECK((n > 0) == (strcmp(out, day) > 0));
}

static void
check_months(const char *day, int n)
{
	char	out[DAY_LEN];
	int	y, m, d, y2, m2, d2;

	memset(out, 'x', sizeof(out));
	if (day_add_months(day, n, out) == -1)
		return;
	CHECK(day_parse(day, &y, &m, &d) == 0);
	CHECK(memchr(out, '\0', sizeof(out)) != NULL);
	CHECK(day_parse(out, &y2, &m2, &d2) == 0);
	CHECK(y2 * 12 + m2 - (y * 12 + m) == n);
	CHECK(d2 == d || (d2 < d && d2 >= 28));
}

static void
check_coarsen(const char *day, int precision)
{
	char	c[DAY_LEN];
	int	y, m, d, diff;

	if (strlen(day) >= DAY_LEN)
		return;
	memcpy(c, day, strlen(day) + 1);
	day_coarsen(c, precision);
	if (day_parse(day, &y, &m, &d) == -1) {
		CHECK(strcmp(c, day) == 0);
		return;
	}
	CHECK(day_parse(c, &y, &m, &d) == 0 || strcmp(day, "1900-01-01") < 0);
	if (day_diff(c, day, &diff) == 0)
		CHECK(diff >= 0 && diff <= 30);
	if (precision == PRECISION_MONTH)
		CHECK(strncmp(c, day, 8) == 0 && strcmp(c + 8, "01") == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*a, *b, *nl;
	int		 small1, small2, wide, diff, diff2;

	if (size < 8)
		return 0;
	small1 = (int16_t)(data[0] | data[1] << 8);
	small2 = (int16_t)(data[2] | data[3] << 8);
	wide = (int)((uint32_t)data[4] | (uint32_t)data[5] << 8 |
	    (uint32_t)data[6] << 16 | (uint32_t)data[7] << 24);
	if ((a = malloc(size - 8 + 1)) == NULL)
		return 0;
	memcpy(a, data + 8, size - 8);
	a[size - 8] = '\0';
	if ((nl = strchr(a, '\n')) != NULL) {
		*nl = '\0';
		b = nl + 1;
	} else
		b = a;

	check_parse(a);
	check_parse(b);
	check_days(a, small1);
	check_days(a, wide);
	check_months(a, small2);
	check_months(a, wide);
	check_coarsen(a, (data[0] & 0xff) % 3);
	if (day_diff(a, b, &diff) == 0) {
		CHECK(day_diff(b, a, &diff2) == 0 && diff2 == -diff);
		CHECK((diff == 0) == (strcmp(a, b) == 0));
	}
	free(a);
	return 0;
}
