/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xalloc.c - aborting allocators (base layer). */
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static _Noreturn void out_of_memory(size_t size)
{
	fprintf(stderr, "cg: out of memory allocating %zu bytes\n", size);
	abort();
}

void *cg_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *cg_xcalloc(size_t count, size_t size)
{
	void *p;
	if (size && count > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *cg_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *cg_xstrndup(const char *s, size_t len)
{
	char *p = cg_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *cg_xstrdup(const char *s)
{
	return cg_xstrndup(s, strlen(s));
}

void *cg_grow(void *items, size_t item_size, size_t need, size_t *cap)
{
	size_t n = *cap ? *cap : 8;
	if (need <= *cap)
		return items;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			out_of_memory(SIZE_MAX);
		n *= 2;
	}
	if (item_size && n > SIZE_MAX / item_size)
		out_of_memory(SIZE_MAX);
	items = cg_xrealloc(items, n * item_size);
	*cap = n;
	return items;
}
