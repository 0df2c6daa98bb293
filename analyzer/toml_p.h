/* toml_p.h — TOML read through the tree-sitter TOML grammar into a small value tree whose
 * every key and value keeps its line and column, for `file:line:col` config errors.
 * No hand-written lexer: syntax comes from the grammar, this file only builds values. */
#ifndef CUTLINE_TOML_P_H
#define CUTLINE_TOML_P_H

#include <stddef.h>
#include <stdint.h>
#include "cutline.h"

struct smap;

enum tv_type { TV_TABLE, TV_ARRAY, TV_STRING, TV_INT, TV_FLOAT, TV_BOOL, TV_DATETIME };

struct tval {
	enum tv_type type;
	int line, col;                 /* where the value starts, 1-based */
	char *str;                     /* TV_STRING, TV_DATETIME (owned) */
	int64_t i;                     /* TV_INT, TV_BOOL */
	double f;                      /* TV_FLOAT */
	/* TV_TABLE: keys[k] with its position kline/kcol and value vals[k] */
	char **keys; int *kline, *kcol; struct tval **vals; size_t n, cap;
	struct smap *index;            /* key -> k, once the table has 16 keys (owned) */
	int header;                    /* table: defined by a [header] (or [[header]] element) */
	int closed;                    /* table: inline, or array of tables: static */
	/* TV_ARRAY: items */
	struct tval **items; size_t nitems, icap;
	int of_tables;                 /* an array made by [[header]] */
};

/* Parses text (len bytes) named file. On error adds "file:line:col" diagnostics and
 * returns NULL. The result is freed with tval_free. */
struct tval *toml_parse(const char *file, const char *text, size_t len, struct cl_diags *d);
void tval_free(struct tval *v);
/* Looks key up in a table; NULL when absent. *idx gets its index when idx is not NULL. */
struct tval *tval_get(const struct tval *table, const char *key, size_t *idx);
const char *tval_type_name(enum tv_type t);

#endif
