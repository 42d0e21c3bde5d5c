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
 * Days and times. A due date is a day ("YYYY-MM-DD"); day arithmetic is
 * done in UTC (timegm) so that time zones and daylight saving never move
 * a deadline. Pure: no I/O.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "aerd.h"

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
day_parse(const char *s, int *y, int *m, int *d)
{
	int	i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > month_days(*y, *m))
		return -1;
	return 0;
}

/*
 * When something occurred, as the wire takes it: "YYYY-MM-DD",
 * "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", a real day and time, into
 * tm as a local time for mktime (tm_isdst -1; midnight for a day).
 * Returns the length s has (10, 16 or 19), or -1.
 */
int
occurred_parse(const char *s, struct tm *tm)
{
	const char	*p;
	char		 day[DAY_LEN];
	size_t		 len = strlen(s), i;
	int		 y, m, d, v[3] = { 0, 0, 0 };

	if (len != 10 && len != 16 && len != 19)
		return -1;
	memcpy(day, s, DAY_LEN - 1);
	day[DAY_LEN - 1] = '\0';
	if (day_parse(day, &y, &m, &d) == -1)
		return -1;
	/* "THH", ":MM", ":SS" */
	for (i = 0, p = s + 10; p < s + len; i++, p += 3) {
		if (*p != (i == 0 ? 'T' : ':') ||
		    !isdigit((unsigned char)p[1]) ||
		    !isdigit((unsigned char)p[2]))
			return -1;
		v[i] = (p[1] - '0') * 10 + (p[2] - '0');
	}
	if (v[0] > 23 || v[1] > 59 || v[2] > 59)
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = v[0];
	tm->tm_min = v[1];
	tm->tm_sec = v[2];
	tm->tm_isdst = -1;
	return (int)len;
}

static time_t
noon_utc(int y, int m, int d)
{
	struct tm	tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return timegm(&tm);
}

static int
format_day(int y, int m, int d, char out[DAY_LEN])
{
	char	buf[32];

	if (y < 1900 || y > 9999)
		return -1;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	memcpy(out, buf, DAY_LEN);
	out[DAY_LEN - 1] = '\0';
	return 0;
}

int
day_add_days(const char *day, int n, char out[DAY_LEN])
{
	struct tm	tm;
	time_t		t;
	int		y, m, d;

	if (day_parse(day, &y, &m, &d) == -1 || n > 3660000 || n < -3660000)
		return -1;
	t = noon_utc(y, m, d) + (time_t)n * 86400;
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	return format_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

/* Calendar months, clamped to the end of a shorter month. */
int
day_add_months(const char *day, int n, char out[DAY_LEN])
{
	int	y, m, d, months;

	if (day_parse(day, &y, &m, &d) == -1 || n > 120000 || n < -120000)
		return -1;
	months = y * 12 + (m - 1) + n;
	if (months < 0)
		return -1;
	y = months / 12;
	m = months % 12 + 1;
	if (y >= 1900 && d > month_days(y, m))
		d = month_days(y, m);
	return format_day(y, m, d, out);
}

int
day_diff(const char *from, const char *to, int *days)
{
	int	y1, m1, d1, y2, m2, d2;

	if (day_parse(from, &y1, &m1, &d1) == -1 ||
	    day_parse(to, &y2, &m2, &d2) == -1)
		return -1;
	*days = (int)((noon_utc(y2, m2, d2) - noon_utc(y1, m1, d1)) / 86400);
	return 0;
}

void
day_of(time_t t, char out[DAY_LEN])
{
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(out, DAY_LEN, "%Y-%m-%d", &tm);
}

void
time_of(time_t t, char out[TIME_LEN])
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Coarsens a day to the precision the operator chose for received
 * dates: the Monday of its week, or the first of its month.
 */
void
day_coarsen(char day[DAY_LEN], int precision)
{
	struct tm	tm;
	time_t		t;
	int		y, m, d;

	if (precision == PRECISION_DAY || day_parse(day, &y, &m, &d) == -1)
		return;
	if (precision == PRECISION_MONTH) {
		format_day(y, m, 1, day);
		return;
	}
	t = noon_utc(y, m, d);
	gmtime_r(&t, &tm);
	day_add_days(day, -((tm.tm_wday + 6) % 7), day);
}

/*
 * The first release after now: the earliest of the local times of day
 * (minutes after midnight, ascending) that is later than now, today or
 * on a following day. mktime with tm_isdst = -1 takes each in the
 * offset of its own day, so a release at 02:30 on the night the clocks
 * spring forward comes at 03:30, and none is skipped. -1 if none (n is
 * 0, or the calendar fails).
 */
time_t
release_next(time_t now, const int *minutes, int n)
{
	struct tm	today, tm;
	time_t		t;
	int		day, i;

	if (n <= 0 || localtime_r(&now, &today) == NULL)
		return -1;
	for (day = 0; day < 3; day++) {
		for (i = 0; i < n; i++) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = today.tm_year;
			tm.tm_mon = today.tm_mon;
			tm.tm_mday = today.tm_mday + day;
			tm.tm_hour = minutes[i] / 60;
			tm.tm_min = minutes[i] % 60;
			tm.tm_isdst = -1;
			if ((t = mktime(&tm)) != -1 && t > now)
				return t;
		}
	}
	return -1;
}

/* A release's local time as the client shows it, "YYYY-MM-DDTHH:MM". */
void
release_text(time_t t, char out[RELEASE_TEXT_LEN])
{
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, RELEASE_TEXT_LEN, "%Y-%m-%dT%H:%M", &tm) == 0)
		out[0] = '\0';
}
