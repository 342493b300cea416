/* test_arena.c - the bounded bump allocator (src/util/arena.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/arena.c"

static void align_up_rounds_to_sixteen(void **state)
{
	(void)state;
	assert_int_equal(align_up(1), 16);
	assert_int_equal(align_up(16), 16);
	assert_int_equal(align_up(17), 32);
	assert_int_equal(align_up(8192), 8192);
}

static void cap_below_1024_is_raised_to_1024(void **state)
{
	(void)state;
	struct arena *a = arena_new(10);
	assert_non_null(a);
	assert_int_equal(a->cap, 1024);
	/* 900 bytes fit in a 1024-byte arena even though the usual chunk does not. */
	assert_non_null(arena_alloc(a, 900));
	assert_true(arena_used(a) <= 1024);
	assert_null(arena_alloc(a, 900));
	arena_free(a);
}

static void pieces_are_aligned_and_do_not_overlap(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	unsigned char *prev = NULL;
	size_t prev_n = 0;
	for (size_t n = 1; n < 300; n += 7) {
		unsigned char *p = arena_alloc(a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xA5, n);
		if (prev && p > prev)
			assert_true(p >= prev + prev_n);
		prev = p;
		prev_n = n;
	}
	arena_free(a);
}

static void zero_size_gives_distinct_pointers(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	void *p = arena_alloc(a, 0), *q = arena_alloc(a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_free(a);
}

static void allocation_past_the_cap_returns_null(void **state)
{
	(void)state;
	struct arena *a = arena_new(64 * 1024);
	assert_null(arena_alloc(a, 64 * 1024 + 1));
	size_t got = 0;
	while (arena_alloc(a, 1000))
		got++;
	assert_true(got >= 50); /* most of the 64 KiB was usable */
	assert_true(arena_used(a) <= 64 * 1024);
	assert_null(arena_alloc(a, 4096));
	arena_free(a);
}

static void large_piece_gets_its_own_chunk_of_its_size(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	assert_non_null(arena_alloc(a, 10));
	size_t used = arena_used(a);
	unsigned char *big = arena_alloc(a, 20000);
	assert_non_null(big);
	memset(big, 1, 20000);
	assert_int_equal(arena_used(a), used + sizeof(struct chunk) + 20000);
	arena_free(a);
}

static void used_counts_chunks_taken_from_malloc(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 1);
	assert_int_equal(arena_used(a), sizeof(struct chunk) + ARENA_CHUNK);
	arena_alloc(a, 100);
	assert_int_equal(arena_used(a), sizeof(struct chunk) + ARENA_CHUNK);
	assert_int_equal(arena_used(NULL), 0);
	arena_free(a);
}

static void zalloc_zero_fills(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	unsigned char *p = arena_alloc(a, 64);
	memset(p, 0xFF, 64);
	unsigned char *z = arena_zalloc(a, 300);
	assert_non_null(z);
	for (int i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	assert_null(arena_zalloc(a, 5000));
	arena_free(a);
}

static void strndup_copies_unterminated_bytes(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	const char src[5] = {'h', 'e', 'l', 'l', 'o'}; /* no NUL */
	char *s = arena_strndup(a, src, 4);
	assert_string_equal(s, "hell");
	assert_string_equal(arena_strndup(a, "", 0), "");
	assert_null(arena_strndup(a, NULL, 3));
	assert_null(arena_strndup(a, "x", SIZE_MAX));
	arena_free(a);
}

static void strdup_copies_and_null_stays_null(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	char buf[] = "care plan";
	char *s = arena_strdup(a, buf);
	buf[0] = 'X';
	assert_string_equal(s, "care plan");
	assert_null(arena_strdup(a, NULL));
	arena_free(a);
}

static void printf_formats_into_the_arena(void **state)
{
	(void)state;
	struct arena *a = arena_new(4096);
	assert_string_equal(arena_printf(a, "%s-%d-%03u", "id", -7, 5u), "id--7-005");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	/* Longer than the cap: NULL, never a truncated string. */
	assert_null(arena_printf(a, "%5000d", 1));
	arena_free(a);
}

static void null_arena_is_handled(void **state)
{
	(void)state;
	arena_free(NULL);
	assert_null(arena_alloc(NULL, 8));
	assert_null(arena_zalloc(NULL, 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(align_up_rounds_to_sixteen),
		cmocka_unit_test(cap_below_1024_is_raised_to_1024),
		cmocka_unit_test(pieces_are_aligned_and_do_not_overlap),
		cmocka_unit_test(zero_size_gives_distinct_pointers),
		cmocka_unit_test(allocation_past_the_cap_returns_null),
		cmocka_unit_test(large_piece_gets_its_own_chunk_of_its_size),
		cmocka_unit_test(used_counts_chunks_taken_from_malloc),
		cmocka_unit_test(zalloc_zero_fills),
		cmocka_unit_test(strndup_copies_unterminated_bytes),
		cmocka_unit_test(strdup_copies_and_null_stays_null),
		cmocka_unit_test(printf_formats_into_the_arena),
		cmocka_unit_test(null_arena_is_handled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
