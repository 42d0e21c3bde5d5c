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
 * aer summary's text: the glyphs and widths the tables are drawn with,
 * and the labels fitted to them (summary-fit.c), shared with the tables
 * (summary-print.c).
 */
#ifndef AER_SUMMARY_PRINT_H
#define AER_SUMMARY_PRINT_H

#define SP_BAR		40	/* at most, columns of a bar */
#define SP_SHARE	20	/* columns of the bar of a share */
#define SP_NUM		24
#define SP_INDENT	4	/* columns before a wrapped label's next lines */

struct sp {
	const char	*full;		/* a column of bar */
	const char	*empty;		/* the rest of a share's bar */
	const char	*mark;		/* the median in the run chart */
	const char	*more;		/* a label cut short */
	const char	*dash;		/* between two days */
	const char	*bad;		/* a control character in a label */
	long long	 threshold;
	int		 width;		/* columns of a line */
	int		 label;		/* at most, columns of a row's label */
	int		 key;		/* columns of the label of a figure */
	int		 suppression;
	int		 footnote;	/* a "hidden" was printed */
	int		 hidden;	/* a "<5" was printed */
	int		 at_least;	/* a "12+" was printed */
	int		 partial;	/* a month "(part)" was printed */
};

/* summary-fit.c */
void		 sp_glyphs(struct sp *);
void		 sp_columns(struct sp *);
size_t		 sp_width(const char *);
void		 sp_spaces(int);
char		*sp_clean(const struct sp *, const char *);
size_t		 sp_line(const char *, int, int *);
void		 sp_put(const struct sp *, const char *, size_t, int, int);
char		*sp_label(const struct sp *, const char *, int);
void		 sp_rest(const struct sp *, char *, int);

#endif
