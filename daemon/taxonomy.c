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
 * The taxonomy: every enumeration's codes, labels and order, read from
 * the database at start (sql/002_taxonomy.sql seeds it), so a facility
 * can add local codes without recompiling. Pure: no SQL, no HTTP.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aerd.h"

struct taxonomy_entry {
	char	*enumeration;
	char	*code;
	char	*label;
	int	 order;
};

struct taxonomy {
	struct taxonomy_entry	*v;
	size_t			 n;
	size_t			 cap;
};

struct taxonomy *
taxonomy_new(void)
{
	return calloc(1, sizeof(struct taxonomy));
}

void
taxonomy_free(struct taxonomy *tx)
{
	size_t	i;

	if (tx == NULL)
		return;
	for (i = 0; i < tx->n; i++) {
		free(tx->v[i].enumeration);
		free(tx->v[i].code);
		free(tx->v[i].label);
	}
	free(tx->v);
	free(tx);
}

static const struct taxonomy_entry *
find(const struct taxonomy *tx, const char *enumeration, const char *code)
{
	size_t	i;

	for (i = 0; i < tx->n; i++) {
		if (strcmp(tx->v[i].enumeration, enumeration) == 0 &&
		    strcmp(tx->v[i].code, code) == 0)
			return &tx->v[i];
	}
	return NULL;
}

/* Adds one code; returns -1 if it is already there or memory runs out. */
int
taxonomy_add(struct taxonomy *tx, const char *enumeration, const char *code,
    const char *label, int order)
{
	struct taxonomy_entry	*e, *v;
	size_t			 cap;

	if (find(tx, enumeration, code) != NULL)
		return -1;
	if (tx->n == tx->cap) {
		cap = tx->cap ? tx->cap * 2 : 64;
		v = reallocarray(tx->v, cap, sizeof(*v));
		if (v == NULL)
			return -1;
		tx->v = v;
		tx->cap = cap;
	}
	e = &tx->v[tx->n];
	e->enumeration = strdup(enumeration);
	e->code = strdup(code);
	e->label = strdup(label);
	e->order = order;
	if (e->enumeration == NULL || e->code == NULL || e->label == NULL) {
		free(e->enumeration);
		free(e->code);
		free(e->label);
		return -1;
	}
	tx->n++;
	return 0;
}

/*
 * The taxonomy has a few dozen codes; a linear scan is quicker than any
 * index would be worth.
 */
int
taxonomy_has(const struct taxonomy *tx, const char *enumeration,
    const char *code)
{
	return find(tx, enumeration, code) != NULL;
}

size_t
taxonomy_count(const struct taxonomy *tx, const char *enumeration)
{
	size_t	i, n = 0;

	for (i = 0; i < tx->n; i++)
		if (strcmp(tx->v[i].enumeration, enumeration) == 0)
			n++;
	return n;
}

const char *
taxonomy_label(const struct taxonomy *tx, const char *enumeration,
    const char *code)
{
	const struct taxonomy_entry	*e = find(tx, enumeration, code);

	return e ? e->label : NULL;
}

static int
by_order(const void *a, const void *b)
{
	const struct taxonomy_entry *x = *(const struct taxonomy_entry *const *)a;
	const struct taxonomy_entry *y = *(const struct taxonomy_entry *const *)b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* {"enumeration": [{"code", "label", "order"}, ...], ...}, sorted by order. */
json_t *
taxonomy_json(const struct taxonomy *tx)
{
	const struct taxonomy_entry	**sorted;
	json_t				 *root, *list;
	size_t				  i;

	if ((root = json_object()) == NULL)
		return NULL;
	if (tx->n == 0)
		return root;
	if ((sorted = calloc(tx->n, sizeof(*sorted))) == NULL) {
		json_decref(root);
		return NULL;
	}
	for (i = 0; i < tx->n; i++)
		sorted[i] = &tx->v[i];
	qsort(sorted, tx->n, sizeof(*sorted), by_order);
	for (i = 0; i < tx->n; i++) {
		list = json_object_get(root, sorted[i]->enumeration);
		if (list == NULL) {
			list = json_array();
			json_object_set_new(root, sorted[i]->enumeration, list);
		}
		json_array_append_new(list, json_pack("{s:s, s:s, s:i}",
		    "code", sorted[i]->code, "label", sorted[i]->label,
		    "order", sorted[i]->order));
	}
	free(sorted);
	return root;
}

/* The codes of one enumeration in order, up to max; how many there are. */
size_t
taxonomy_codes(const struct taxonomy *tx, const char *enumeration,
    const char **codes, size_t max)
{
	const struct taxonomy_entry	**sorted;
	size_t				  i, n = 0;

	if ((sorted = calloc(tx->n ? tx->n : 1, sizeof(*sorted))) == NULL)
		return 0;
	for (i = 0; i < tx->n; i++)
		if (strcmp(tx->v[i].enumeration, enumeration) == 0)
			sorted[n++] = &tx->v[i];
	qsort(sorted, n, sizeof(*sorted), by_order);
	for (i = 0; i < n && i < max; i++)
		codes[i] = sorted[i]->code;
	free(sorted);
	return n;
}
