/*
 * arena.c - bounded bump allocator.
 *
 * Invariants: a->used is the sum of the sizes of all chunks on a->head;
 * a->used <= a->cap always; every chunk's off <= size.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_CHUNK 8192 /* bytes; the usual chunk, larger pieces get their own */

struct chunk {
	struct chunk *next;
	size_t size; /* usable bytes in data */
	size_t off;  /* first free byte in data */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct chunk *head; /* newest chunk first */
	size_t used;        /* bytes of chunks taken from malloc */
	size_t cap;         /* the most used may ever be */
};

struct arena *arena_new(size_t cap)
{
	struct arena *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->cap = cap < 1024 ? 1024 : cap;
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void arena_reset(struct arena *a)
{
	if (!a || !a->head)
		return;
	/* Keep the newest chunk (the usual size: a loop that resets per item
	 * reuses it without malloc), free the rest. */
	struct chunk *c = a->head->next;
	while (c) {
		struct chunk *next = c->next;
		a->used -= sizeof(struct chunk) + c->size;
		free(c);
		c = next;
	}
	a->head->next = NULL;
	a->head->off = 0;
}

static size_t align_up(size_t n)
{
	return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (!a || n > a->cap)
		return NULL;
	size_t need = align_up(n ? n : 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->off < need) {
		size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		size_t total = sizeof(struct chunk) + size;
		if (total > a->cap - a->used) {
			/* A smaller chunk may still fit what is asked for. */
			size = need;
			total = sizeof(struct chunk) + size;
			if (total > a->cap - a->used)
				return NULL;
		}
		c = malloc(total);
		if (!c)
			return NULL;
		c->size = size;
		c->off = 0;
		c->next = a->head;
		a->head = c;
		a->used += total;
	}
	void *p = c->data + c->off;
	c->off += need;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s || n == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const struct arena *a)
{
	return a ? a->used : 0;
}
