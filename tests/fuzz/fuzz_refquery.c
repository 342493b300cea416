/*
 * fuzz_refquery.c - libFuzzer target for dir_fts_query_any()
 * (src/domain/directory.c), the referral search's words (any may match).
 * fuzz_dir covers dir_fts_query, the directory page's builder.
 *
 * Input: any bytes as the words typed.  What directory.h promises: the query
 * is NULL (no words) or one to REF_QUERY_TERMS double-quoted terms joined by
 * " OR ", no term empty or holding a quote; and SQLite's FTS5, with the
 * directory's own tokenizer, always accepts it as a MATCH query (nothing
 * typed is read as FTS5 syntax).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/directory.h"
#include "domain/referral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *match;

static void open_db(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE f USING fts5(name, description, tokenize = 'porter unicode61 "
			 "remove_diacritics 2');"
			 "INSERT INTO f VALUES ('Wednesday walking group', 'Walks and tea'), ('Lunch club', 'Café');",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?1", -1, &match, NULL) != SQLITE_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1024)
		return 0;
	if (!db)
		open_db();
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct arena *a = arena_new(1u << 16);
	const char *q = NULL;
	if (a && dir_fts_query_any(a, s, REF_QUERY_TERMS, &q) != CP_OK)
		q = NULL;
	if (q) {
		/* "t" OR "t" ...: each term quoted, never empty, never a quote inside. */
		size_t terms = 0;
		const char *p = q;
		for (;;) {
			if (*p++ != '"')
				abort();
			const char *end = strchr(p, '"');
			if (!end || end == p)
				abort();
			terms++;
			p = end + 1;
			if (!*p)
				break;
			if (strncmp(p, " OR ", 4) != 0)
				abort();
			p += 4;
		}
		if (terms > REF_QUERY_TERMS)
			abort();
		sqlite3_reset(match);
		sqlite3_bind_text(match, 1, q, -1, SQLITE_STATIC);
		if (sqlite3_step(match) != SQLITE_ROW)
			abort();
		sqlite3_reset(match);
	}
	arena_free(a);
	free(s);
	return 0;
}
