/*
 * arena.h - a bounded bump allocator; one per request.
 *
 * Memory is taken in chunks from malloc and given out in 16-byte aligned
 * pieces.  Nothing taken from an arena is freed on its own: arena_free()
 * releases everything at once.  The arena never holds more than `cap` bytes of
 * chunks; an allocation that would pass the cap returns NULL, so a request
 * cannot grow without bound.
 */
#ifndef CP_ARENA_H
#define CP_ARENA_H

#include <stddef.h>

struct arena;

/* A new arena that may hold at most cap bytes (cap >= 1024).
 * Returns NULL when out of memory.  Caller owns it: free with arena_free(). */
struct arena *arena_new(size_t cap);

/* Frees every chunk and the arena itself.  arena_free(NULL) is a no-op. */
void arena_free(struct arena *a);

/* Gives back everything taken from a at once (it stays usable, up to the
 * same cap), keeping one chunk for reuse.  NULL is a no-op. */
void arena_reset(struct arena *a);

/* n bytes, 16-byte aligned, uninitialised; NULL when the cap would be passed
 * or malloc fails.  Owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);

/* As arena_alloc, zero-filled. */
void *arena_zalloc(struct arena *a, size_t n);

/* A NUL-terminated copy of the first n bytes of s (s need not be terminated).
 * NULL on failure.  Owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* A NUL-terminated copy of s; NULL when s is NULL or on failure. */
char *arena_strdup(struct arena *a, const char *s);

/* printf into the arena.  fmt is always a literal of the program's own.
 * NULL on failure.  Owned by the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bytes currently taken from malloc for chunks (for tests and limits). */
size_t arena_used(const struct arena *a);

#endif
